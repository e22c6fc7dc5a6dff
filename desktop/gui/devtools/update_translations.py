"""Collect every ``tr("…")`` literal of the GUI into resources/translations/edureturns_en.ts
and compile it to .qm with ``pyside6-lrelease``.

Existing English translations in the .ts file are kept; new strings are added as
``unfinished`` (Qt then shows the Chinese source). Run: ``python tools/update_translations.py``.
"""

from __future__ import annotations

import ast
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the repository root
SOURCES = [ROOT / "desktop" / "gui", ROOT / "desktop" / "app.py"]
TS = ROOT / "resources" / "translations" / "edureturns_en.ts"
CONTEXT = "EduReturns"


def source_strings() -> list[str]:
    found: dict[str, None] = {}
    files = [p for s in SOURCES for p in ([s] if s.is_file() else sorted(s.rglob("*.py")))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    for text in _extra_strings():
        found[text] = None
    return list(found)


def _extra_strings() -> list[str]:
    # Captions passed through tr() indirectly (tables of constants).
    from desktop.gui.controllers.credentials_page import STATUS_CHOICES
    from desktop.gui.operations.office import SEND_RULE
    from desktop.gui.views.overview_view import OverviewView

    return [caption for _, caption in OverviewView.CARDS] + list(STATUS_CHOICES) + [SEND_RULE]


def existing() -> dict[str, str]:
    if not TS.exists():
        return {}
    out: dict[str, str] = {}
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.text and translation.get("type") != "unfinished":
            out[source] = translation.text
    return out


def write_ts(strings: list[str], english: dict[str, str]) -> int:
    root = ET.Element("TS", version="2.1", language="en", sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    missing = 0
    for text in strings:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if text in english:
            translation.text = english[text]
        else:
            translation.set("type", "unfinished")
            missing += 1
    ET.indent(root)
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return missing


def main() -> int:
    strings = source_strings()
    missing = write_ts(strings, existing())
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    print(f"{len(strings)} strings, {missing} without English")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
