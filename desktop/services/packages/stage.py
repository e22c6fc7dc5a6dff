"""The importer's side of staging (``exchange.staging``): a worker process decoding packages ahead.

``Stager`` starts one spawned worker process and gives it every package of the
import at once, grouped so that each group is one staging file and a batch
(one transaction of ``package_import``) never needs more than
``MAX_GROUPS_PER_BATCH`` of them (SQLite attaches at most ten databases to a
connection, and cannot detach one inside the transaction that read it). The
connection that attaches them is taken out of the pool first
(``Connection.detach``), so it is closed, attachments and all, when its batch
ends, and no pooled connection ever carries a staging file. While the import
works on one group, the worker decodes the next.

Used for SQLite databases without encryption, and for PostgreSQL, on imports
large enough to repay starting a process (``worth_staging``); the first group is
staged in-process while the worker starts (read in-process on PostgreSQL). A PostgreSQL import attaches nothing: it
reads each staged table from the file with sqlite3 (C, no JSON decoding, no row
checks — the worker ran them) and sends the rows with binary COPY. Otherwise, and for any group the
worker could not stage (it crashed, the disk is full), the import reads the
rows in-process as before. A staged member only carries rows: whether they are
acceptable is decided by the importer against the verified manifest.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.exchange.staging import (
    StagedMember,
    StageJob,
    exit_with_parent,
    stage_group,
    staged_name,
)

# The leftovers' clean-up runs at every start: it lives in a module without this one's imports.
from desktop.services.packages.leftovers import STAGING_PREFIX as STAGING_PREFIX
from desktop.services.packages.leftovers import remove_stale_staging as remove_stale_staging

STAGE_SCHEMA_PREFIX = "edr_stage"  # schema names of the attached staging files
MAX_GROUPS_PER_BATCH = 8
STAGE_MIN_BYTES = 4 << 20  # below this the packages decode in-process faster than a process starts


def worth_staging(db: Database, files: Sequence[Path]) -> bool:
    """Large imports into a plain SQLite file or PostgreSQL (an encrypted file keeps its rows out of temporary files)."""
    if not stageable(db):
        return False
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            continue  # the import refuses it with its own reason
    return total >= STAGE_MIN_BYTES


def stageable(db: Database) -> bool:
    """Whether the worker may stage for ``db``: a SQLite file without encryption, or a PostgreSQL server."""
    return (db.is_sqlite and db.key is None) or db.url.startswith("postgresql")


class Stager:
    """Staged training rows of the packages of one import; ``close()`` when done."""

    def __init__(self, batches: Sequence[Sequence[Path]], *, stage_first_here: bool = False) -> None:
        # The first group is not the worker's (it would wait for the process to start). On SQLite it is
        # staged here when first asked for, so its training rows too go in with one INSERT … SELECT:
        # one county package, 17.0–17.6 s read straight into the indexed table, 13.4–13.9 s staged.
        self._first_here = stage_first_here
        self._first_group: list[str] = []
        # The folder names this process, so a later start can tell a killed import's folder from a running one.
        self._dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=exit_with_parent, initargs=(os.getpid(),))
        self._where: dict[Path, tuple[int, int]] = {}  # package → (group, position in the group)
        self._files: list[Path] = []
        self._futures: list[Future[list[StagedMember]]] = []
        self._attached: dict[int, list[StagedMember] | None] = {}
        self.used = 0  # packages whose rows came from a staging file (the rest were read in-process)
        try:
            self._submit(batches)
        except BaseException:  # the process could not start: leave nothing behind
            self.close()
            raise

    def _submit(self, batches: Sequence[Sequence[Path]]) -> None:
        for batch in batches:
            size = max(1, -(-len(batch) // MAX_GROUPS_PER_BATCH))
            for start in range(0, len(batch), size):
                group = list(batch[start:start + size])
                g = len(self._files)
                for i, path in enumerate(group):
                    self._where[path] = (g, i)
                self._files.append(self._dir / f"group{g}.db")
                if g == 0:  # read or staged in-process while the worker process starts (0.3–1 s)
                    self._first_group = [str(p) for p in group]
                    future: Future[list[StagedMember]] = Future()
                    if not self._first_here:
                        self._attached[0] = None
                        future.cancel()
                else:
                    future = self._pool.submit(stage_group, StageJob(str(self._files[g]), [str(p) for p in group]))
                self._futures.append(future)

    def staged(self, conn: Connection, package: Path, table: str = "training") -> StagedMember | None:
        """The package's staged ``table`` (its name qualified by the attached schema), or None: read in-process."""
        where = self._where.get(package)
        if where is None:
            return None
        g, i = where
        if g not in self._attached:
            members: list[StagedMember] | None
            try:
                if g == 0 and self._first_here:
                    members = stage_group(StageJob(str(self._files[0]), self._first_group))
                else:
                    members = self._futures[g].result()
                if conn.dialect.name == "sqlite":
                    conn.detach()  # closed at the end of the batch instead of going back to the pool
                    conn.exec_driver_sql(f"ATTACH DATABASE ? AS {STAGE_SCHEMA_PREFIX}{g}", (str(self._files[g]),))
            except Exception:  # the worker failed on this group (or died): these packages are read in-process
                members = None
            self._attached[g] = members
        found = self._attached[g]
        if found is None:
            return None
        member = next(m for m in found if m.name == staged_name(i, table))
        self.used += 1
        if conn.dialect.name != "sqlite":  # read from the file by the importer (``staged_server``)
            return replace(member, file=str(self._files[g]))
        return replace(member, name=f"{STAGE_SCHEMA_PREFIX}{g}.{member.name}")

    def batch_done(self, batch: Sequence[Path]) -> None:
        """Delete the staging files of a committed (or abandoned) batch; its connection is closed."""
        groups = {self._where[p][0] for p in batch if p in self._where}
        for g in groups:
            self._attached.pop(g, None)
            self._futures[g].cancel()  # not started yet: never needed (the batch ended early)
            with suppress(OSError):  # still being written (Windows): close() removes the folder
                self._files[g].unlink(missing_ok=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._dir, ignore_errors=True)


IMPORT_CACHE_KIB = 96 * 1024  # page cache while importing (SQLite's default is 2 MB)


@contextmanager
def bulk_cache(session: Session) -> Iterator[None]:
    """A larger page cache for the batch: index pages stay in memory instead of spilling to the WAL."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(old or -2000)}")


def stager_for(db: Database, batches: list[list[Path]], stage: bool | None) -> Stager | None:
    """The worker for an import's batches, or None to decode in this process (small or encrypted)."""
    files = [p for batch in batches for p in batch]
    if not files or not (worth_staging(db, files) if stage is None else stage and stageable(db)):
        return None
    try:
        return Stager(batches, stage_first_here=db.is_sqlite)
    except Exception:  # no second process here (locked-down PC): decode in this one, as small imports do
        return None
