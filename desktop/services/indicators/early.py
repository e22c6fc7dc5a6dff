"""The start file: what the window shows first, read before SQLAlchemy is imported.

A start on data unchanged since the last one shows 概览's kept figures at once
(``startpage``); but importing SQLAlchemy and the models (~0.4 s) and opening the database
came before them. ``read_early`` needs neither: with the standard library's ``sqlite3`` it
computes the data stamp (``data.stampsql``, the same query as ``core.stamp.data_stamp``)
and reads the one file ``remember_start`` wrote when 概览 was last shown for the home unit
in its newest period. It returns the figures only when nothing is in doubt:

- a plain SQLite file (not encrypted, not a server database), on a local disk, writable;
- closed cleanly by the program last time (the mark matches: no start-up check is due);
- its schema at this program's head revision (no upgrade is due);
- the start file intact (digest), of this format and program version, for this file;
- the stamp the file was written at equal to the stamp of the file now, so the figures
  are the database's current ones.

On anything else (or any error) it returns None and the start goes the usual way.
The file lives in ``cache_dir()/startpage/``; an encrypted database never gets one (its
people's figures must not land unencrypted on the disk). The standard library only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from desktop import __version__
from desktop.appdirs import cache_dir
from desktop.data import closemark
from desktop.data.netpath import check_local
from desktop.data.revisions import file_head, sqlite_revision
from desktop.data.stampsql import sqlite_stamp
from desktop.services.indicators.figures import (
    INT,
    STR,
    Overview,
    day,
    decode_overview,
    encode_overview,
)

FORMAT = 1
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class EarlyStart:
    """The first view of a database: its home unit, newest period and 概览's figures at ``stamp``."""

    path: Path
    stamp: str
    unit_id: int
    unit_name: str
    period_id: int
    school_year: int
    census_date: date
    overview: Overview

    @property
    def period_label(self) -> str:
        return f"{self.school_year}学年"  # PeriodRecord.label


def _identity(path: Path) -> str:
    return "sqlite:" + str(Path(path).resolve())  # cache.database_identity of the file


def start_file(path: Path) -> Path:
    name = hashlib.sha256(("early:" + _identity(path)).encode()).hexdigest()[:40]
    return cache_dir() / "startpage" / f"{name}.json"


def read_early(path: Path) -> EarlyStart | None:
    """The kept first view of the file at ``path`` if it is certainly current, else None (see above)."""
    try:
        return _read(Path(path))
    except Exception:  # any doubt: the usual start
        return None


def may_start_early(path: Path) -> bool:
    """True for a file a start file can be read for: a plain (unencrypted) SQLite file on a local
    disk, readable and writable. Its other conditions (the clean close, the revision, the stamp)
    are looked at when it is read."""
    if not path.is_file() or not os.access(path, os.R_OK | os.W_OK) or check_local(path) is not None:
        return False
    with path.open("rb") as fh:
        return fh.read(16) == SQLITE_HEADER  # not: encrypted (SQLCipher) or not a database


def _read(path: Path) -> EarlyStart | None:
    if not may_start_early(path):
        return None
    if not closemark.matches(path):
        return None  # not closed cleanly: the start-up check comes first
    raw = start_file(path).read_bytes()
    digest, _, body = raw.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    data = json.loads(body)
    head = file_head()
    if (data["format"] != FORMAT or data["version"] != __version__ or data["key"] != _identity(path)
            or head is None or data["revision"] != head):
        return None
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        if sqlite_revision(conn) != head:
            return None  # an upgrade is due: it runs (after a backup) before anything is shown
        if sqlite_stamp(conn) != data["stamp"]:
            return None  # the data changed since the figures were kept
    finally:
        conn.close()
    return EarlyStart(path=path, stamp=STR(data["stamp"]), unit_id=INT(data["unit_id"]),
                      unit_name=STR(data["unit_name"]), period_id=INT(data["period_id"]),
                      school_year=INT(data["school_year"]), census_date=day(data["census_date"]),
                      overview=decode_overview(data["overview"]))


def write_early(path: Path, *, stamp: str, unit_id: int, unit_name: str, period_id: int, school_year: int,
                census_date: date, overview: Overview) -> None:
    """Keep the first view for the next start (``startpage.remember_start`` decides when)."""
    body = json.dumps({"format": FORMAT, "version": __version__, "key": _identity(path), "revision": file_head(),
                       "stamp": stamp, "unit_id": unit_id, "unit_name": unit_name, "period_id": period_id,
                       "school_year": school_year, "census_date": census_date.isoformat(),
                       "overview": encode_overview(overview)},
                      ensure_ascii=False, separators=(",", ":")).encode()
    target = start_file(path)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk or a read-only cache: the next start goes the usual way


def kept_stamp(path: Path) -> str | None:
    """The stamp of the start file kept for ``path`` (None: none, or unreadable)."""
    try:
        raw = start_file(path).read_bytes()
        digest, _, body = raw.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        return str(json.loads(body)["stamp"])
    except (OSError, ValueError, KeyError):
        return None
