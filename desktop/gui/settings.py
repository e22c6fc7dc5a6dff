"""User preferences kept in ``settings.ini`` in the data folder (not in the database).

Last database (file or server URL without password), language, visible columns per table and window geometry. The file
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
    def last_server(self) -> str | None:
        """The shared server database opened last (URL *without* password), or None after a file.

        The password is never kept here: it is in the OS key store or asked at start-up.
        """
        text = self._get("database/server")
        return text or None

    @last_server.setter
    def last_server(self, url: str | None) -> None:
        if url:
            from desktop.gui.operations.shapes import split_password

            url = split_password(url)[0]  # whatever the caller passes, no password reaches the file
        self._q.setValue("database/server", url or "")
        self._q.sync()

    def remember_opened(self, path: Path, server_url: str | None) -> None:
        """What the next start reopens: the server database when one was opened, else the file."""
        self.last_server = server_url
        if server_url is None:
            self.last_database = path

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
