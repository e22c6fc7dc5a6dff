"""Decoding packages' training records ahead of the import, in a second process.

A county's 300 school packages hold 800,000 training records. Read in the
importing process, every record is first a Python list (JSON decoding, 4 s) and
then crosses into SQLite value by value (executemany, 7 s); both hold the GIL,
so a thread cannot overlap them. Here a worker process does the decoding and
writes the rows, unchanged, into a plain SQLite staging file (no indexes, no
journal), while the importing process is busy with earlier packages; the import
then moves each package's rows with one ``INSERT … SELECT`` (``services.
package_apply``), which runs inside SQLite without creating a Python object per
value.

Nothing here decides whether a package is acceptable. The worker checks each
row's shape with the same code as ``PackageReader.rows`` and reports, per
member, the row count and the sha256 of the bytes it decoded; the importer
compares both with the verified manifest, so a file that changed between the
two reads is refused as tampered.

The worker functions take and return plain picklable values; this module has
no database or Qt imports, so the spawned process starts in a fraction of a
second.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.exchange.processes import alive as alive  # here since the staging needed it first
from desktop.exchange.tables import BY_NAME, member_name
from desktop.exchange.verify import PackageError, member_rows

STAGED_TABLES = ("training",)  # the one table large enough to be worth it; the rest are read in-process


@dataclass(frozen=True, slots=True)
class StagedMember:
    """One package's table in a staging file, or why it could not be read."""

    package: str  # the package file
    table: str  # exchange table name ("training")
    name: str  # table name inside the staging file
    rows: int = 0
    sha256: str | None = None  # of the member bytes decoded; None when the package has no such member
    error: tuple[str, str] | None = None  # (reason, Chinese message) as PackageError would carry them
    file: str = ""  # the staging file, for an importer that reads it rather than attaching it (PostgreSQL)


@dataclass(frozen=True, slots=True)
class StageJob:
    """Packages to decode into one staging file (a group: the importer attaches one file per group)."""

    file: str
    packages: list[str] = field(default_factory=list)


def exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """Worker initializer: end this process as soon as the importing process is gone (killed, crashed).

    Without it a killed import left its spawned worker — and the resource
    tracker that the worker keeps alive — running, decoding into a folder that
    nobody would read again.
    """
    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent or not alive(parent):
                os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def staged_name(index: int, table: str) -> str:
    return f"p{index}_{table}"


def stage_group(job: StageJob) -> list[StagedMember]:
    """Write every package's staged tables into ``job.file``; runs in the worker process."""
    conn = sqlite3.connect(job.file, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        out = [_stage_member(conn, Path(package), table, staged_name(i, table))
               for i, package in enumerate(job.packages) for table in STAGED_TABLES]
        conn.execute("COMMIT")
    finally:
        conn.close()
    return out


def _stage_member(conn: sqlite3.Connection, package: Path, table: str, name: str) -> StagedMember:
    columns = BY_NAME[table].columns
    conn.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
    member = member_name(table)
    try:
        with zipfile.ZipFile(package) as zf:
            if member not in zf.namelist():
                return StagedMember(str(package), table, name)
            data = zf.read(member)
        seen = conn.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                                member_rows(io.BytesIO(data), table, len(data))).rowcount
    except PackageError as exc:  # the rows written so far stay in the file; the importer ignores the table
        return StagedMember(str(package), table, name, error=(exc.reason, exc.message))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        return StagedMember(str(package), table, name, error=(
            "tampered", f"数据包中的{BY_NAME[table].label}无法读取（{exc}），文件已损坏或在导出后被改动过。"
                        "请让报送单位重新导出。"))
    return StagedMember(str(package), table, name, rows=seen, sha256=hashlib.sha256(data).hexdigest())
