"""All UI text goes through ``tr()`` (Qt's translation mechanism, one context).

Simplified Chinese is the source language; ``resources/translations/edureturns_en.ts``
(compiled to ``.qm`` with ``pyside6-lrelease``) is the English build, chosen in 设置.
``tools/update_translations.py`` collects every ``tr("…")`` literal into the .ts file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.paths import resources_dir

CONTEXT = "EduReturns"
LANGUAGES: tuple[tuple[str, str], ...] = (("zh_CN", "简体中文"), ("en", "English"))
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the UI language for widgets created from now on; False if no catalogue."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "zh_CN":
        return True
    translator = QTranslator(app)
    if not translator.load(f"edureturns_{language}", translations_dir()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
