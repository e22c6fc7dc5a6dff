"""Where the server's time goes when the county's school packages are imported into PostgreSQL.

    EDURETURNS_TEST_DATABASE_URL=postgresql+psycopg://… \\
    python -m benchmarks.pg_import_profile [--fixtures DIR] [--packages N] [--rows N]

Imports the first N school packages (default all 300) into an empty county on a fresh server
database, as ``pg_packages_bench`` does, then prints (Linux, server on the same machine):

* the CPU seconds the importer, the staging worker and the server spent during the import;

* the statements the server spent most time on (``pg_stat_statements``, when the server loads
  it: ``shared_preload_libraries = 'pg_stat_statements'``), and the PL/pgSQL functions'
  calls and own time (``pg_stat_user_functions``, when ``track_functions = 'pl'``);
* ``EXPLAIN (ANALYZE, BUFFERS)`` of inserting ``--rows`` of the imported training records
  again (new ids and uids, one ``INSERT … SELECT``, rolled back), with the lock switch on
  as the import sets it (``guards.replacing``) and off (every row judged): PostgreSQL prints
  the time and calls of each trigger, the foreign key's included; then the same insert with
  the covering index dropped (in the rolled-back transaction), for the index's share. One school
  (not one of those rows') is approved first, so the lock rule has a locked unit to look for.

The server must be one the login may reconfigure for nothing: it only reads the statistics.
Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.packages_bench import school_packages

_COLUMNS = ("staff_id, title, organiser, start_date, end_date, level, mode, category, topics, hours, "
            "certificate_no, verified_by, verified_at, source, version, created_at, updated_at")


def _subset(folder: Path, n: int, into: Path) -> Path:
    for p in sorted(folder.glob("*.erp"))[:n]:
        (into / p.name).symlink_to(p)
    return into


def _server_cpu(db: object) -> float | None:
    """CPU seconds of the server's exited processes (the postmaster's children), when it runs on this machine."""
    with db.engine.connect() as conn:  # type: ignore[attr-defined]
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    try:
        ppid = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
        fields = Path(f"/proc/{ppid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime + cstime


def _explain(conn: object, sql: str) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}").fetchall()]  # type: ignore[attr-defined]


def _statistics(conn: object) -> None:
    ex = conn.exec_driver_sql  # type: ignore[attr-defined]
    if ex("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'").scalar():
        print("\n## Statements by total time (pg_stat_statements)\n\n| ms total | calls | rows | statement |\n|---:|---:|---:|---|")
        for total, calls, rows, query in ex(
                "SELECT total_exec_time, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) "
                "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "ORDER BY total_exec_time DESC LIMIT 15"):
            print(f"| {total:,.0f} | {calls:,} | {rows:,} | `{query.replace('|', '/')}` |")
    print("\n## PL/pgSQL functions (pg_stat_user_functions)\n\n| function | calls | self ms | total ms |\n|---|---:|---:|---:|")
    for name, calls, self_ms, total_ms in ex(
            "SELECT funcname, calls, self_time, total_time FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT 12"):
        print(f"| {name} | {calls:,} | {self_ms:,.0f} | {total_ms:,.0f} |")


_LAST_SCHOOL = "SELECT unit_id FROM staff ORDER BY id DESC LIMIT 1"


def _insert_again(conn: object, rows: int) -> None:
    ex = conn.exec_driver_sql  # type: ignore[attr-defined]
    ex(f"CREATE TEMP TABLE edr_profile AS SELECT id + 100000000 AS id, 'p' || substr(uid, 2) AS uid, {_COLUMNS} "
       f"FROM training_records WHERE staff_id NOT IN (SELECT id FROM staff WHERE unit_id = ({_LAST_SCHOOL})) "
       f"ORDER BY id LIMIT {rows}")
    ex("ANALYZE edr_profile")
    # One school approved (the last one imported; none of its records is inserted again), so the
    # lock rule has something to look for and must judge every person of the statement.
    ex(f"UPDATE unit_periods SET state = 'approved' WHERE unit_id = ({_LAST_SCHOOL})")
    insert = f"INSERT INTO training_records (id, uid, {_COLUMNS}) SELECT id, uid, {_COLUMNS} FROM edr_profile"
    for label, switch, drop in (("lock switch on (the import as the owner)", "on", False),
                                ("lock switch off (every row judged)", "off", False),
                                ("lock switch on, covering index dropped", "on", True)):
        ex("SAVEPOINT profile")
        ex(f"SELECT set_config('edureturns.replacing', '{switch}', true)")
        if drop:
            ex("DROP INDEX ix_training_staff_end_hours_mode_topics")
        print(f"\n## EXPLAIN ANALYZE, {rows:,} training records again: {label}\n\n```")
        print("\n".join(_explain(conn, insert)))
        print("```")
        ex("ROLLBACK TO SAVEPOINT profile")


def main() -> None:
    from benchmarks.pg_packages_bench import _import
    from benchmarks.postgres_bench import server_database

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fixtures", type=Path, default=Path(__file__).resolve().parent / "fixtures")
    parser.add_argument("--packages", type=int, default=300)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    folder = school_packages(Fixtures(args.fixtures))
    with tempfile.TemporaryDirectory() as tmp, server_database(os.environ["EDURETURNS_TEST_DATABASE_URL"]) as db:
        with db.engine.begin() as conn:
            if conn.exec_driver_sql("SELECT count(*) FROM pg_available_extensions "
                                    "WHERE name = 'pg_stat_statements'").scalar():
                try:
                    with conn.begin_nested():
                        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                        conn.exec_driver_sql("SELECT pg_stat_statements_reset()")
                except Exception as exc:  # not preloaded: the statement statistics are left out
                    print(f"(pg_stat_statements unavailable: {type(exc).__name__})")
            conn.exec_driver_sql("SELECT pg_stat_reset()")
        packages = _subset(folder, args.packages, Path(tmp))
        db.engine.dispose()
        server0, own0, kids0 = _server_cpu(db), resource.getrusage(resource.RUSAGE_SELF), \
            resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        measured = _import(db, packages)
        print(f"# {measured.items} packages imported in {measured.seconds:.1f} s "
              f"({measured.note}; with set-up {time.perf_counter() - t0:.1f} s)")
        db.engine.dispose()  # closing the import's sessions flushes their statistics (and ends their processes)
        time.sleep(1)
        server1, own1, kids1 = _server_cpu(db), resource.getrusage(resource.RUSAGE_SELF), \
            resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"\nCPU seconds during the import (set-up included): importer "
              f"{own1.ru_utime + own1.ru_stime - own0.ru_utime - own0.ru_stime:.1f}, staging worker "
              f"{kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime:.1f}, server "
              + (f"{server1 - server0:.1f}" if server0 is not None and server1 is not None else "(not on this machine)"))
        with db.engine.connect() as conn:
            _statistics(conn)
            conn.rollback()
            _insert_again(conn, args.rows)
            conn.rollback()


if __name__ == "__main__":
    main()
