"""Opening a database, the one way the command line and the GUI both use.

A file goes through the start-up check (``backups.start``: a damaged file is renamed aside,
never deleted, and the newest good backup named; then the day's backup), then the schema
upgrade (``migrate.upgrade``, which backs up before it changes anything), then the home
unit is read. A server URL skips the file steps (its backups are the administrator's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.appdirs import backups_dir_for
from desktop.data.engine import Database as Database  # the handle the GUI's operations pass around
from desktop.data.migrate import upgrade
from desktop.domain.records import UnitRecord
from desktop.services.admin import backups
from desktop.services.core.errors import ServiceError
from desktop.services.records.units import home_unit


class DamagedDatabase(ServiceError):
    """The start-up quick check failed: the file was moved aside (``report.moved``)."""

    def __init__(self, report: backups.StartupReport, path: Path) -> None:
        super().__init__(report.message)
        self.report, self.path = report, path


@dataclass(frozen=True, slots=True)
class OpenDatabase:  # a database ready to work on
    db: Database
    home: UnitRecord | None  # None before set-up (``init`` opens a new file)
    network_warning: str | None = None  # the file is on a network share (the journal falls back)


def new_database(path: Path) -> Database:
    """A new database file at ``path`` with the schema at head (the caller adds the home unit)."""
    db = Database.for_path(path)
    try:
        upgrade(db, backup_dir=backups_dir_for(path))
    except BaseException:
        db.dispose()
        raise
    return db


def open_database(path: Path | None = None, *, url: str | None = None, key: str | None = None) -> OpenDatabase:
    """Open the file at ``path`` (checked, backed up, upgraded) or, with no path, the database at ``url``.

    Raises ``DamagedDatabase`` when the quick check fails; the backup, cipher and migration
    errors pass through with their Chinese messages.
    """
    warning = None
    if path is not None:
        started = backups.start(path, key=key)
        if started.db is None:
            raise DamagedDatabase(started.report, path)
        db, warning = started.db, started.report.network_warning
    elif url is not None:
        db = Database(url)
    else:
        raise ValueError("open_database needs a path or a url")
    try:
        upgrade(db, backup_dir=backups_dir_for(path) if path is not None else None)
        return OpenDatabase(db, home_unit(db), warning)
    except BaseException:
        db.dispose()
        raise
