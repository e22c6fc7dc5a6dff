"""Verified SQLite backups and restore that never copies over a live file.

A backup is written with SQLite's online backup API to a temporary name,
flushed to disk, checked with ``PRAGMA integrity_check`` and only then renamed
into place, so a half-written file never looks like a good backup
(reliability-notes §1.4). Restore copies *into* the target through the same
API, after taking a backup of what is there now.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.data import cipher, inuse
from desktop.data.durable import flush_directory, flush_file


class BackupError(Exception):
    """A backup or restore could not be made; the message is for the user (Chinese)."""


IN_USE = ("数据库“{name}”正在被另外 {n} 个 EduReturns 窗口或命令行使用，为保护数据没有恢复，原文件保持不变。"
          "请先关闭它们（在窗口中点“文件 → 退出”；命令行请等它运行完），然后再恢复。")
LOCKED = ("数据库“{name}”被其他程序锁定（可能是另一个 EduReturns 窗口正在保存，或用其他软件打开了这个文件），"
          "{what}没有进行，数据保持原样。请关闭打开这个文件的程序后再试。")
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class _Busy(Exception):
    pass


def _give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
    """Progress callback of Connection.backup: stop once a step found the file locked.

    The step has already waited the connection's busy timeout; without this, Python's
    backup() sleeps and retries for as long as the other program keeps its lock.
    """
    if status in (_SQLITE_BUSY, _SQLITE_LOCKED):
        raise _Busy


@dataclass(frozen=True)
class IntegrityReport:
    integrity: list[str]  # 'ok' or the problems PRAGMA integrity_check found
    foreign_keys: list[tuple[object, ...]]  # rows of PRAGMA foreign_key_check

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.foreign_keys


def check_file(path: Path, *, quick: bool = False, key: str | None = None,
               on_step: Callable[[], None] | None = None) -> IntegrityReport:
    """Integrity and foreign-key check of a SQLite file (SQLCipher with ``key``), opened read-only.

    ``on_step`` is called every few thousand steps of the check (a heartbeat for progress)."""
    if not path.exists():
        raise BackupError(f"找不到数据库文件：{path}")
    try:
        conn = cipher.connect(path, key, readonly=True)
    except cipher.CipherError as exc:
        return IntegrityReport([str(exc)], [])
    except sqlite3.Error as exc:
        raise BackupError(f"无法打开数据库文件 {path.name}：{exc}") from exc
    if on_step is not None:
        def beat() -> int:
            on_step()
            return 0  # 0: go on

        conn.set_progress_handler(beat, 20000)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
            fks = [tuple(r) for r in conn.execute("PRAGMA foreign_key_check")]
        except Exception as exc:  # sqlite3 or sqlcipher3 DatabaseError: the file is damaged
            if not _is_database_error(exc):
                raise
            return IntegrityReport([f"{exc}"], [])
        return IntegrityReport(rows, fks)
    finally:
        conn.close()


def _is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) or type(exc).__name__ in ("DatabaseError", "OperationalError")


def backup_file(source: Path, dest_dir: Path, reason: str, *, now: datetime | None = None,
                key: str | None = None) -> Path:
    """Copy the database at ``source`` into ``dest_dir``; returns the verified backup's path.

    An encrypted database (``key``) gives an encrypted backup under the same key.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    final = dest_dir / f"{source.stem}-{reason}-{stamp}.db"
    tmp = final.with_suffix(".db.tmp")
    try:
        src = cipher.connect(source, key)
        try:
            dst = cipher.connect(tmp, key)
            try:
                src.backup(dst, progress=_give_up_when_busy)
                # A backup is one self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        flush_file(tmp)
        report = check_file(tmp, key=key)
        if not report.ok:
            raise BackupError(f"备份文件校验未通过（{'; '.join(report.integrity)}），未保存该备份。")
        os.replace(tmp, final)
        flush_directory(dest_dir)  # the new name survives a power cut too
        _anchor(source, final, key)
    except _Busy as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(LOCKED.format(name=source.name, what="备份")) from exc
    except (sqlite3.Error, cipher.CipherError) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"备份失败：{exc}。请检查磁盘空间和备份文件夹的写入权限。") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def _anchor(source: Path, backup: Path, key: str | None) -> None:
    """Record the backup's audit head in the journal beside the database (``data.journal``)."""
    from desktop.data import journal

    try:
        head, approvals = journal.snapshot(backup, key)
    except sqlite3.Error:  # a database from before the audit log (an upgrade's first backup)
        return
    with contextlib.suppress(OSError):  # the journal is an extra check; a read-only folder must not stop a backup
        journal.append(source, "backup", file=backup.name, head=head.to_json(),
                       approved=[list(a) for a in approvals])


def restore_file(backup: Path, target: Path, safety_dir: Path, *, key: str | None = None) -> Path | None:
    """Restore ``backup`` into ``target``; returns the backup taken of the old contents.

    The caller must have closed its own connections (``Database.dispose``); the
    copy goes through the backup API into the target, never a file copy over it.
    A target another process has open (``inuse``), or one another program keeps
    locked, is left as it is, with a message saying what to close.
    """
    others = inuse.other_users(target)
    if others:
        raise BackupError(IN_USE.format(name=target.name, n=others))
    report = check_file(backup, key=key)
    if not report.ok:
        raise BackupError(f"备份文件 {backup.name} 已损坏，不能用于恢复。请选择其他备份。")
    safety = backup_file(target, safety_dir, "before-restore", key=key) if target.exists() else None
    try:
        src = cipher.connect(backup, key, readonly=True)
        try:
            dst = cipher.connect(target, key)
            try:
                src.backup(dst, progress=_give_up_when_busy)
            finally:
                dst.close()
        finally:
            src.close()
    except _Busy as exc:
        raise BackupError(LOCKED.format(name=target.name, what="恢复")) from exc
    except (sqlite3.Error, cipher.CipherError) as exc:
        raise BackupError(f"恢复失败：{exc}。原数据已备份在 {safety}。") from exc
    return safety
