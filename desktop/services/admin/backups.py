"""Backup policy: daily and before risky operations, rotation, start-up check (R3, R4, R6).

* ``backup_before(db, reason)`` — other services call it before an import,
  a migration, a consolidation or a restore; returns the verified backup.
* ``daily_backup(db)`` — on start, when no backup was taken today.
* ``thin(...)`` — keeps 7 daily, 4 weekly and 12 monthly backups (plus every
  backup of today), Anki-style: newest first, one per day, then one per older
  week, then one per older month.
* ``startup_check(path)`` — ``quick_check``; a database that fails is renamed
  with its -wal/-shm/-journal to ``*.corrupt.<time>`` (never deleted) and the
  newest backup that passes ``integrity_check`` is offered.

Backups are written by ``desktop.data.backup`` (backup API → temp file → fsync →
integrity_check → atomic rename).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.appdirs import backups_dir_for, received_dir_for
from desktop.data import cipher, closemark, journal
from desktop.data.backup import (
    BackupError as BackupError,  # the GUI shows it (gui/operations/shapes)
)
from desktop.data.backup import backup_file, check_file, restore_file
from desktop.data.engine import Database, sqlite_url
from desktop.data.netpath import NetworkDatabaseError, check_local
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor, require

DAILY, WEEKLY, MONTHLY = 7, 4, 12
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})\.db$")
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str


def _parse(path: Path, stem: str) -> BackupInfo | None:
    m = _STAMP.search(path.name)
    if not m or not path.name.startswith(stem + "-"):
        return None
    reason = path.name[len(stem) + 1: m.start()]
    return BackupInfo(path, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f"), reason)


def list_backups(db_path: Path, backup_dir: Path | None = None) -> list[BackupInfo]:
    """Backups of the database at ``db_path``, newest first."""
    folder = backup_dir or backups_dir_for(db_path)
    if not folder.exists():
        return []
    found = [_parse(p, db_path.stem) for p in folder.glob(f"{db_path.stem}-*.db")]
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def thin(taken: list[datetime], now: datetime, *, daily: int = DAILY, weekly: int = WEEKLY,
         monthly: int = MONTHLY) -> set[datetime]:
    """Which of the ``taken`` times to keep."""
    keep = {t for t in taken if t.date() == now.date() or t > now}
    days: set[object] = set()
    weeks: set[object] = set()
    months: set[object] = set()
    counts = [0, 0, 0]
    for t in sorted((t for t in taken if t not in keep), reverse=True):
        day, week, month = t.date(), t.isocalendar()[:2], (t.year, t.month)
        if day not in days and counts[0] < daily:
            counts[0] += 1
        elif day not in days and week not in weeks and counts[1] < weekly:
            counts[1] += 1
        elif day not in days and week not in weeks and month not in months and counts[2] < monthly:
            counts[2] += 1
        else:
            continue
        keep.add(t)
        days.add(day)
        weeks.add(week)
        months.add(month)
    return keep


def rotate(db_path: Path, *, now: datetime | None = None, backup_dir: Path | None = None) -> list[Path]:
    """Delete the backups ``thin`` does not keep; returns what was deleted."""
    backups = list_backups(db_path, backup_dir)
    keep = thin([b.taken_at for b in backups], now or datetime.now())
    removed = [b.path for b in backups if b.taken_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_before(db: Database, reason: str, *, now: datetime | None = None) -> Path | None:
    """A verified backup before a risky operation (None for PostgreSQL: the server's backups apply)."""
    path = db.path
    if path is None or not path.exists():
        return None
    made = backup_file(path, backups_dir_for(path), f"before-{reason}", now=now, key=db.key)
    rotate(path, now=now)
    return made


def backup_now(db: Database, *, now: datetime | None = None) -> Path | None:
    """立即备份 (settings page, CLI): a verified backup of kind ``manual``, then rotation."""
    path = db.path
    if path is None or not path.exists():
        return None
    made = backup_file(path, backups_dir_for(path), "manual", now=now, key=db.key)
    rotate(path, now=now)
    return made


def restore_into(path: Path, backup: Path, *, key: str | None = None) -> Path | None:
    """Restore ``backup`` to ``path`` when nothing has it open (start-up, after the damaged file was moved
    aside); through the backup API like ``restore_backup``. The journal records it, so the anchors of the
    lost file are not taken for a shortened log (``data.journal``)."""
    safety = restore_file(backup, path, backups_dir_for(path), key=key)
    after, _ = _snapshot(path, key)
    with contextlib.suppress(OSError):
        journal.append(path, "restore", actor="system", backup=backup.name, before=None, after=after.to_json(),
                       undone=[], safety=safety.name if safety else None, reason="damaged file set aside")
    return safety


def daily_backup(db: Database, *, now: datetime | None = None) -> Path | None:
    """Take the day's backup unless one (of any kind) exists already."""
    path = db.path
    if path is None or not path.exists():
        return None
    now = now or datetime.now()
    if any(b.taken_at.date() == now.date() for b in list_backups(path)):
        return None
    made = backup_file(path, backups_dir_for(path), "daily", now=now, key=db.key)
    rotate(path, now=now)
    return made


@dataclass
class StartupReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    moved: list[Path] = field(default_factory=list)  # the corrupt file and its side files, renamed
    newest_good_backup: Path | None = None
    network_warning: str | None = None
    pending: bool = False  # the quick check was deferred (``defer``): run ``check_deferred`` before any edit

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        lines = ["数据库文件已损坏，无法安全打开。原文件没有删除，已改名保存："]
        lines += [f"  {p.name}" for p in self.moved]
        if self.newest_good_backup:
            lines.append(f"建议从最近的完好备份恢复：{self.newest_good_backup.name}。")
        else:
            lines.append("没有找到完好的备份。请联系技术支持，不要删除改名后的文件。")
        return "\n".join(lines)


def newest_good_backup(db_path: Path, backup_dir: Path | None = None, *, key: str | None = None) -> Path | None:
    """The newest backup that passes a full integrity and foreign-key check."""
    for b in list_backups(db_path, backup_dir):
        try:
            if check_file(b.path, key=key).ok:
                return b.path
        except BackupError:
            continue
    return None


def move_aside(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Rename the database and its -wal/-shm/-journal to ``*.corrupt.<time>`` together."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved: list[Path] = []
    for suffix in ("", *SIDE_FILES):
        src = Path(str(db_path) + suffix)
        if src.exists():
            dst = src.with_name(f"{src.name}.corrupt.{stamp}")
            try:
                os.replace(src, dst)
            except PermissionError as exc:  # Windows: another window or program has the file open
                raise ServiceError(
                    f"数据库文件“{db_path.name}”已损坏，但它正被其他程序打开（另一个 EduReturns 窗口或其他软件），"
                    "无法改名保留。请关闭这些程序后重新打开 EduReturns，程序会把损坏的文件改名保留并提示从备份恢复。"
                ) from exc
            moved.append(dst)
    return moved


# The start-up quick check reads the whole file (about 1.5 s for a county's 250 MB here).
# It is skipped when the program itself closed the file cleanly last time and the file
# has not changed since: the mark holds the size and modification time at that close and
# is removed at every start, so a crash, a kill or a power cut (no mark) or any other
# program writing the file (different time or size) brings the full check back. What it
# cannot see, damage at rest that keeps size and time, the integrity check of the daily
# backup finds (backup_file checks the copy).
_clean_mark, _file_state = closemark.clean_mark, closemark.file_state  # shared with the light read


def mark_clean_close(db_path: Path) -> bool:
    """Call after the last connection to ``db_path`` was closed at a normal exit."""
    state = _file_state(db_path) if db_path.exists() else None
    if state is None:
        return False
    mark = _clean_mark(db_path)
    mark.parent.mkdir(parents=True, exist_ok=True)
    mark.write_text(json.dumps(state), encoding="utf-8")
    return True


def closed_cleanly(db_path: Path) -> bool:
    """True when the mark of the last clean close matches the file; the mark is used up either way."""
    mark = _clean_mark(db_path)
    try:
        saved = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    finally:
        mark.unlink(missing_ok=True)
    return bool(saved == _file_state(db_path))


def startup_check(db_path: Path, *, now: datetime | None = None, key: str | None = None,
                  defer: bool = False) -> StartupReport:
    """Run before the engine opens the file: quick_check, move a corrupt file aside, find a backup.

    With ``defer`` a file that needs the check is reported ``pending`` instead (the GUI runs
    it in the background with its window locked, see ``database.check_deferred``)."""
    try:
        warning = check_local(db_path)  # refuses a share unless EDURETURNS_ALLOW_NETWORK_DB=1 (R6)
    except NetworkDatabaseError as exc:
        raise ServiceError(str(exc)) from exc
    if not db_path.exists():
        return StartupReport(True, network_warning=warning)
    if cipher.is_encrypted(db_path):
        # A wrong or missing key must never make a good file look corrupt and get moved.
        if key is None:
            raise cipher.CipherError("这个数据库已加密，请输入口令或恢复密钥。")
        cipher.connect(db_path, key, readonly=True).close()
    if closed_cleanly(db_path):  # verified at the last start, written only by us since, closed cleanly
        return StartupReport(True, network_warning=warning)
    if defer:
        return StartupReport(True, network_warning=warning, pending=True)
    try:
        report = check_file(db_path, quick=True, key=key)
        problems = [] if report.integrity == ["ok"] else report.integrity
    except BackupError as exc:
        problems = [str(exc)]
    if not problems:
        return StartupReport(True, network_warning=warning)
    moved = move_aside(db_path, now=now)
    return StartupReport(False, problems, moved, newest_good_backup(db_path, key=key), warning)


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup would change that a clerk cannot see in the data pages."""

    undone_approvals: list[tuple[str, int]]  # (unit code, school year) approved now, not in the backup
    audit_now: int
    audit_in_backup: int

    def warning(self) -> str:
        """A Chinese sentence for the admin before restoring ('' when nothing is undone)."""
        if not self.undone_approvals:
            return ""
        units = "、".join(f"{code}（{year}学年）" for code, year in self.undone_approvals[:5])
        more = f"等 {len(self.undone_approvals)} 个" if len(self.undone_approvals) > 5 else ""
        return (f"这个备份早于审核：恢复后 {units}{more}已审核的数据会回到未审核状态，"
                f"操作日志也会从 {self.audit_now} 条回到 {self.audit_in_backup} 条（恢复本身会记入数据库旁的日志文件）。"
                "确认确实要撤销这些审核后再恢复。")


def _snapshot(path: Path, key: str | None) -> tuple[journal.Head, list[tuple[str, int]]]:
    """Audit head and approvals of a file; nothing for a missing or unreadable one (it holds nothing to undo)."""
    if not path.exists():
        return journal.Head(0, "", 0), []
    try:
        return journal.snapshot(path, key)
    except (sqlite3.Error, cipher.CipherError):
        return journal.Head(0, "", 0), []


def restore_plan(db: Database, backup: Path) -> RestorePlan:
    path = db.path
    if path is None:
        raise BackupError("PostgreSQL 数据库请用服务器的备份工具恢复。")
    now_head, now_approved = _snapshot(path, db.key)
    old_head, old_approved = _snapshot(backup, db.key)
    undone = sorted(set(now_approved) - set(old_approved))
    return RestorePlan(undone, now_head.count, old_head.count)


def restore_backup(db: Database, backup: Path, *, actor: Actor = SYSTEM, undo_approvals: bool = False) -> Path | None:
    """Restore ``backup`` into the database file (admins only; closing our connections first).

    Goes through ``restore_file``: a verified copy of the current contents is taken
    first, and the backup API writes into the target; no file is copied over it.
    A backup taken before an approval would silently undo it: that needs
    ``undo_approvals=True`` (``restore_plan`` says what would be undone). The
    restore is recorded twice: in the restored file's audit log (after the
    restore, so the restore does not erase it) and in the journal beside the
    database, which the restore does not touch (``data.journal``).
    """
    require(actor, "settings")
    path = db.path
    if path is None:
        raise BackupError("PostgreSQL 数据库请用服务器的备份工具恢复。")
    plan = restore_plan(db, backup)
    if plan.undone_approvals and not undo_approvals:
        raise ServiceError(plan.warning())
    before, _ = _snapshot(path, db.key)
    db.dispose()
    safety = restore_file(backup, path, backups_dir_for(path), key=db.key)
    restored = Database(sqlite_url(path, db.key), key=db.key)
    try:
        with restored.session(write=True) as session:
            from desktop.services.core import audit

            audit.log(session, actor=actor.username, action="restore", table="database",
                      changes={"audit_entries": (plan.audit_now, plan.audit_in_backup)},
                      reason=f"从备份 {backup.name} 恢复" + (f"；撤销审核 {len(plan.undone_approvals)} 个"
                                                       if plan.undone_approvals else ""))
    finally:
        restored.dispose()
    after, _ = journal.snapshot(path, db.key)
    journal.append(path, "restore", actor=actor.username, backup=backup.name, before=before.to_json(),
                   after=after.to_json(), undone=[list(u) for u in plan.undone_approvals],
                   safety=safety.name if safety else None)
    return safety


@dataclass
class Startup:
    report: StartupReport
    db: Database | None  # None when the file is damaged (report.message says what to do)
    daily: Path | None  # the day's backup, when this start took it


def leftover_temp_files(path: Path) -> list[Path]:
    """Half-written files a killed run left beside the database: backups (``*.db.tmp``), kept packages (``*.part``).

    A backup killed midway leaves a full-size plain copy that rotation never
    sees (it is no ``*.db``); nothing of this program writes them except while
    it runs, and two programs never share one database file (R6).
    """
    found: list[Path] = []
    for folder, pattern in ((backups_dir_for(path), "*.db.tmp"), (received_dir_for(path), "*.part")):
        if folder.is_dir():
            found += sorted(folder.rglob(pattern))
    return found


def start(path: Path, *, key: str | None = None, now: datetime | None = None, defer: bool = False) -> Startup:
    """What the program does before showing anything: check, open, take the day's backup.

    Leftovers of a killed run go first: half-written backups and kept packages
    beside the database, staging folders of a killed import in the temp folder.
    The caller upgrades the schema next (``migrate.upgrade`` backs up on its own).
    """
    from desktop.services.packages.leftovers import remove_stale_staging

    for leftover in leftover_temp_files(path):
        leftover.unlink(missing_ok=True)
    remove_stale_staging()
    report = startup_check(path, now=now, key=key, defer=defer)
    if not report.ok:
        return Startup(report, None, None)
    # WAL needs shared memory on one host; on a share fall back to the rollback journal (R6).
    journal = "DELETE" if report.network_warning else "WAL"
    db = Database(sqlite_url(path, key), journal_mode=journal, key=key)
    due = path.exists() and not report.pending  # a deferred check takes the day's backup once it passed
    return Startup(report, db, daily_backup(db, now=now) if due else None)
