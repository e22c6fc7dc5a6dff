"""The English catalogue covers the source: every tr("…") of the GUI is in edureturns_en.ts with
an English text, and the compiled .qm (what the English build loads) translates each of them.

After changing UI text: ``python3 -m desktop.gui.devtools.update_translations`` (README)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from desktop.gui.devtools.update_translations import CONTEXT, TS, source_strings


def test_every_source_string_has_english_in_the_ts_and_the_qm() -> None:
    messages = {m.findtext("source"): m.find("translation") for m in ET.parse(TS).getroot().iter("message")}
    strings = source_strings()
    missing = [s for s in strings if s not in messages]
    assert not missing, f"not in {TS.name} (run update_translations): {missing[:5]}"
    unfinished = [s for s in strings if messages[s] is None or messages[s].get("type") == "unfinished"
                  or not messages[s].text]
    assert not unfinished, f"no English yet: {unfinished[:5]}"
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    stale = [s for s in strings if not translator.translate(CONTEXT, s)]
    assert not stale, f"the .qm is older than the .ts (run update_translations): {stale[:5]}"
