"""The honest floor of a package import: the fastest way SQLite takes the same rows, no checks at all.

The old "raw limit" (executemany of the rows, one transaction) is beaten by the import
itself, because the import no longer sends training records through executemany: a
worker process decodes them into a staging SQLite file while the importer works, and
one ``INSERT … SELECT`` moves them inside SQLite. The floor does the same thing for
every table the raw limit covers, with nothing else:

- a spawned worker process decodes each group of packages (zip → gzip → JSON lines,
  no shape or domain checks) into a plain staging file (no indexes, no journal), one
  staging table per table of the package; the first group is decoded in-process while
  the worker starts, as the import does;
- the importer attaches each staging file in turn and copies its rows with one
  ``INSERT … SELECT`` per table, ids mapped by joins on the stable keys (unit code,
  person and certificate uid), one transaction per group, the approval-lock triggers off;
- no verification of hashes, signatures, counts, scope or conflicts, no backup, no
  diff, no findings, no identity digests (``id_digest`` is ''), no unit periods.

The import does all of those. ``import ≤ 1.2× floor`` for the city is the target line.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import tempfile
import time
import zipfile
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Case, Measurement
from benchmarks.measure import cpu_seconds

#: What the floor copies (as the raw limit): exchange table → (staging columns).
_TABLES = ("units", "staff", "credentials", "registrations", "training", "classes")
NOW = "2025-09-01 00:00:00.000000"  # the stored form of a timestamp


def _columns(table: str) -> tuple[str, ...]:
    from desktop.exchange.tables import BY_NAME

    return BY_NAME[table].columns


def decode_group(file: str, packages: list[str]) -> int:
    """Decode the packages' rows into ``file`` (one table per exchange table); runs in the worker."""
    conn = sqlite3.connect(file, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for table in _TABLES:
        cols = _columns(table)
        conn.execute(f"CREATE TABLE s_{table} ({', '.join(cols)})")
    total = 0
    for package in packages:
        with zipfile.ZipFile(package) as zf:
            names = set(zf.namelist())
            for table in _TABLES:
                member = f"data/{table}.jsonl.gz"
                if member not in names:
                    continue
                lines = zlib.decompress(zf.read(member), 31).splitlines()[1:]  # gzip; the header line skipped
                rows = [row for line in lines if line for row in json.loads(line)]
                cols = _columns(table)
                conn.executemany(f"INSERT INTO s_{table} VALUES ({', '.join('?' * len(cols))})", rows)
                total += len(rows)
    conn.execute("COMMIT")
    conn.close()
    return total


def _copy(conn: sqlite3.Connection) -> int:
    """Every staged table of the attached ``st`` into the database: one INSERT … SELECT each."""
    from desktop.exchange import tables as T

    u = ", ".join(T.UNITS.columns)
    conn.execute(f"INSERT INTO units ({u}, is_home, version, created_at, updated_at) "
                 f"SELECT {u}, 0, 1, ?, ? FROM st.s_units", (NOW, NOW))
    conn.execute("UPDATE units SET parent_id = (SELECT p.id FROM units p WHERE p.code = units.parent_code) "
                 "WHERE parent_id IS NULL AND is_home = 0")
    s = T.STAFF.columns
    conn.execute(f"INSERT INTO staff (uid, unit_id, {', '.join(s[2:])}, id_digest, version, created_at, updated_at) "
                 f"SELECT x.uid, u.id, {', '.join('x.' + c for c in s[2:])}, '', 1, ?, ? "
                 "FROM st.s_staff x CROSS JOIN units u ON u.code = x.unit_code ORDER BY x.rowid", (NOW, NOW))
    c = T.CREDENTIALS.columns
    conn.execute(f"INSERT INTO credentials (uid, staff_id, {', '.join(c[2:])}, version, created_at, updated_at) "
                 f"SELECT x.uid, p.id, {', '.join('x.' + k for k in c[2:])}, 1, ?, ? "
                 "FROM st.s_credentials x CROSS JOIN staff p ON p.uid = x.staff_uid ORDER BY x.rowid", (NOW, NOW))
    r = T.REGISTRATIONS.columns
    conn.execute(f"INSERT INTO registrations (uid, credential_id, {', '.join(r[2:])}, created_at, updated_at) "
                 f"SELECT x.uid, k.id, {', '.join('x.' + k for k in r[2:])}, ?, ? "
                 "FROM st.s_registrations x CROSS JOIN credentials k ON k.uid = x.credential_uid ORDER BY x.rowid",
                 (NOW, NOW))
    t = T.TRAINING.columns
    n = conn.execute(f"INSERT INTO training_records (uid, staff_id, {', '.join(t[2:])}, version, created_at, "
                     f"updated_at) SELECT x.uid, p.id, {', '.join('x.' + k for k in t[2:])}, 1, ?, ? "
                     "FROM st.s_training x CROSS JOIN staff p ON p.uid = x.staff_uid ORDER BY x.rowid",
                     (NOW, NOW)).rowcount
    k = T.CLASSES.columns
    conn.execute(f"INSERT INTO classes (uid, unit_id, period_id, {', '.join(k[2:])}, version, created_at, "
                 f"updated_at) SELECT x.uid, u.id, 1, {', '.join('x.' + c for c in k[2:])}, 1, ?, ? "
                 "FROM st.s_classes x CROSS JOIN units u ON u.code = x.unit_code ORDER BY x.rowid", (NOW, NOW))
    return n


def floor_insert(path: Path, groups: list[list[Path]]) -> Measurement:
    """Decode ahead in a worker, attach, copy with INSERT … SELECT; ``path`` is an empty office database."""
    from desktop.services.packages.receive import IMPORT_CACHE_KIB

    started, cpu, worker_cpu = time.perf_counter(), cpu_seconds(), cpu_seconds(children=True)
    folder = Path(tempfile.mkdtemp(prefix="edureturns-floor-"))
    files = [str(folder / f"group{g}.db") for g in range(len(groups))]
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    futures: list[Future[int] | None] = [None] + [
        pool.submit(decode_group, files[g], [str(p) for p in groups[g]]) for g in range(1, len(groups))]
    decode_here = time.perf_counter()
    decode_group(files[0], [str(p) for p in groups[0]])  # while the worker process starts
    decode_here = time.perf_counter() - decode_here
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")  # the import's cache
    copy_s = wait_s = 0.0
    training = 0
    try:
        for g, file in enumerate(files):
            t0 = time.perf_counter()
            if futures[g] is not None:
                futures[g].result()  # type: ignore[union-attr]
            t1 = time.perf_counter()
            conn.execute("ATTACH DATABASE ? AS st", (file,))
            conn.execute("BEGIN IMMEDIATE")
            # No checks: the approval-lock triggers are off, as in the import (they are checks); so are the
            # kept training sums' (the import switches them off too and empties the sums with one statement).
            triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                    "AND (substr(name, 1, 9) = 'edr_lock_' OR substr(name, 1, 10) = 'kept_sums_')"
                                    ).fetchall()
            for name, _ in triggers:
                conn.execute(f'DROP TRIGGER "{name}"')
            training += _copy(conn)
            for _, sql in triggers:
                conn.execute(sql)
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE st")
            Path(file).unlink()
            wait_s += t1 - t0
            copy_s += time.perf_counter() - t1
    finally:
        conn.close()
        pool.shutdown(wait=True, cancel_futures=True)
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    seconds = time.perf_counter() - started
    cpu, worker_cpu = cpu_seconds() - cpu, cpu_seconds(children=True) - worker_cpu
    return Measurement(seconds, training, f"{len(groups)} groups; first decoded in-process {decode_here:.1f} s, "
                                          f"waited for the worker {wait_s:.1f} s, INSERT … SELECT {copy_s:.1f} s; "
                                          f"CPU {cpu:.1f} s + worker {worker_cpu:.1f} s")


def _groups(packages: list[Path], size: int) -> list[list[Path]]:
    return [packages[i:i + size] for i in range(0, len(packages), size)]


def floor_county(fx: Fixtures) -> Measurement:
    from benchmarks.packages_bench import _empty_county, school_packages

    packages = sorted(school_packages(fx).glob("*.erp"))
    db = _empty_county(fx, "floor-county")
    path = db.path
    db.dispose()
    assert path is not None
    # Groups as the import's (MAX_GROUPS_PER_BATCH per batch of BATCH_PACKAGES packages): 13 of ≤ 25.
    return floor_insert(path, _groups(packages, 25))


def floor_city(fx: Fixtures) -> Measurement:
    from benchmarks.city_bench import _empty_city, county_packages

    db = _empty_city(fx, "floor-city")
    path = db.path
    db.dispose()
    assert path is not None
    return floor_insert(path, _groups(county_packages(fx), 1))


_FLOOR_COUNTY = "floor: decode to staging + INSERT … SELECT, no checks (county)"
_FLOOR_CITY = "floor: decode to staging + INSERT … SELECT, no checks (city, 6 counties)"
COUNTY_CASES = [
    Case(_FLOOR_COUNTY, "floor", "benchmarks.floor_bench:floor_county"),
    Case("import 300 school packages vs floor (county)", "≤ 1.2× floor", "benchmarks.packages_bench:import_county",
         baseline=_FLOOR_COUNTY, max_ratio=1.2),
]
CITY_CASES = [
    Case(_FLOOR_CITY, "floor", "benchmarks.floor_bench:floor_city"),
    Case("import 6 county packages vs floor (city)", "≤ 1.2× floor", "benchmarks.city_bench:import_city",
         baseline=_FLOOR_CITY, max_ratio=1.2),
]
