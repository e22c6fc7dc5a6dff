"""Opening a database, the one way the command line and the GUI both use.

A file goes through the start-up check (``backups.start``: a damaged file is renamed aside,
never deleted, and the newest good backup named; then the day's backup), then the schema
upgrade (``migrate.upgrade``, which backs up before it changes anything), then the home
unit is read. A server URL skips the file steps (its backups are the administrator's).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.appdirs import backups_dir_for
from desktop.data.backup import BackupError, check_file
from desktop.data.engine import Database as Database  # the handle the GUI's operations pass around
from desktop.data.migrate import file_head, stored_revision, upgrade
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
    check_pending: bool = False  # not closed cleanly last time: run ``check_deferred`` before any edit


def new_database(path: Path) -> Database:
    """A new database file at ``path`` with the schema at head (the caller adds the home unit)."""
    db = Database.for_path(path)
    try:
        upgrade(db, backup_dir=backups_dir_for(path))
    except BaseException:
        db.dispose()
        raise
    return db


def open_database(path: Path | None = None, *, url: str | None = None, key: str | None = None,
                  defer_check: bool = False) -> OpenDatabase:
    """Open the file at ``path`` (checked, backed up, upgraded) or, with no path, the database at ``url``.

    Raises ``DamagedDatabase`` when the quick check fails; the backup, cipher and migration
    errors pass through with their Chinese messages. With ``defer_check`` a file that was not
    closed cleanly opens at once with ``check_pending`` set: the caller runs ``check_deferred``
    (in the background) and lets nothing be edited until it passes. A file whose schema needs
    an upgrade is checked first all the same: the upgrade writes to it.
    """
    warning, pending = None, False
    if path is not None:
        started = backups.start(path, key=key, defer=defer_check)
        if started.db is None:
            raise DamagedDatabase(started.report, path)
        db, warning, pending = started.db, started.report.network_warning, started.report.pending
        if pending and stored_revision(db) != file_head():
            result = check_deferred(db)
            if not result.ok:
                db.dispose()
                raise set_aside(path, result.problems, key=key)
            pending = False
    elif url is not None:
        db = Database(url)
    else:
        raise ValueError("open_database needs a path or a url")
    try:
        upgrade(db, backup_dir=backups_dir_for(path) if path is not None else None)
        return OpenDatabase(db, home_unit(db), warning, pending)
    except BaseException:
        db.dispose()
        raise


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The deferred start-up check: ``ok`` or the problems the quick check found."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    daily_backup: Path | None = None
    backup_problem: str = ""  # the check passed but the day's backup could not be taken (said, not fatal)
    damaged: bool = True  # for a failure: the file failed the check (False: the check itself could not run)


def check_deferred(db: Database, *, on_step: Callable[[], None] | None = None) -> CheckResult:
    """The quick check the start-up skipped, then the day's backup when it passes.

    Safe on a worker thread: the check reads the file through its own read-only connection,
    the backup through another; ``db``'s connections are not touched. ``on_step`` is called
    now and then while the check runs (a heartbeat for the progress shown meanwhile).
    """
    path = db.path
    if path is None:
        return CheckResult(True)
    began = time.monotonic()
    try:
        report = check_file(path, quick=True, key=db.key, on_step=on_step)
        problems = [] if report.integrity == ["ok"] else report.integrity
    except BackupError as exc:
        problems = [str(exc)]
    seconds = time.monotonic() - began
    if problems:
        return CheckResult(False, problems, seconds)
    try:
        return CheckResult(True, [], seconds, backups.daily_backup(db))
    except (BackupError, OSError) as exc:  # a full disk is no damage: the file stays, the clerk is told
        return CheckResult(True, [], seconds, None, f"今天的自动备份没有完成（{exc}），请检查磁盘空间后在“设置”中手动备份。")


def set_aside(path: Path, problems: list[str], *, key: str | None = None) -> DamagedDatabase:
    """After a failed deferred check, with every connection closed: rename the damaged file
    aside (never deleted) and name the newest good backup; returns the error to show."""
    moved = backups.move_aside(path)
    report = backups.StartupReport(False, problems, moved, backups.newest_good_backup(path, key=key))
    return DamagedDatabase(report, path)
