"""All UI text goes through ``tr()`` (Qt's translation mechanism, one context).

Simplified Chinese is the source language (Qt's own dialogs and buttons get
``qtbase_zh_CN.qm`` from PySide6's translations folder); ``resources/translations/edureturns_en.ts``
(compiled to ``.qm`` with ``pyside6-lrelease``) is the English build, chosen in 设置.
``desktop/gui/devtools/update_translations.py`` collects every ``tr("…")`` literal into the .ts file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

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
        # Qt's own words (OK/Cancel, the file dialog's 查找范围/选择/取消 …) from the
        # catalogue that ships with PySide6; without it they stay English.
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        gaps = QTranslator(app)  # the few Qt 6 strings that catalogue lacks (qtgaps_zh_CN.ts)
        if gaps.load("qtgaps_zh_CN", translations_dir()):
            app.installTranslator(gaps)
            _installed.append(gaps)
        return True
    translator = QTranslator(app)
    if not translator.load(f"edureturns_{language}", translations_dir()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
