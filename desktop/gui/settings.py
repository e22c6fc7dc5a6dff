"""User preferences kept in ``settings.ini`` in the data folder (not in the database).

Last database, language, visible columns per table and window geometry. The file
lives in the data folder so that tests (``EDURETURNS_HOME``) and portable installs
keep their own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop.appdirs import data_dir


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self._q = QSettings(str(path or data_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default)
        return str(value) if value is not None else default

    @property
    def last_database(self) -> Path | None:
        text = self._get("database/last")
        return Path(text) if text else None

    @last_database.setter
    def last_database(self, path: Path | None) -> None:
        self._q.setValue("database/last", str(path) if path else "")
        self._q.sync()

    @property
    def language(self) -> str:
        return self._get("ui/language", "zh_CN")

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value)
        self._q.sync()

    def hidden_columns(self, table: str) -> set[str]:
        text = self._get(f"columns/{table}")
        return {c for c in text.split(",") if c}

    def set_hidden_columns(self, table: str, keys: set[str]) -> None:
        self._q.setValue(f"columns/{table}", ",".join(sorted(keys)))
        self._q.sync()

    def geometry(self) -> QByteArray | None:
        value = self._q.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self._q.setValue("ui/geometry", value)
