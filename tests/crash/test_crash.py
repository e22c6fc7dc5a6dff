"""Crash safety (R2): SIGKILL a writing child at random moments, then check the database.

50 trials across four kinds of write — single edits through the service, bulk
batches, spreadsheet roster imports and package imports. After each kill the
database must pass ``integrity_check`` and ``foreign_key_check``, every batch or
file must be wholly present or wholly absent, every edit must have its audit
row, and the audit hash chain must verify. This proves the atomicity of *our*
transaction boundaries under an application crash; power loss needs a
fault-injecting file system and is SQLite's own test suite's job.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from desktop.data.backup import check_file
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.idcard import id_check_char
from desktop.domain.records import ClassData, UnitData
from desktop.services.core import audit
from desktop.services.records import classes, units
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only, pytest.mark.skipif(
    sys.platform == "win32",
    reason="forks a writer and kills it with SIGKILL mid-transaction; Windows has neither fork nor SIGKILL")]

CHILD = Path(__file__).with_name("crash_child.py")
SURNAMES = "赵钱孙李周吴"
GIVEN = "一二三四五六七八九十安宁国华明强"
PER_FILE = 120
TRIALS = {"edit": 16, "bulk": 14, "import": 12, "package": 8}


@dataclass
class Setup:
    school_db: Path
    unit_id: int
    period_id: int
    class_id: int
    rosters: list[Path]
    county_db: Path
    packages: list[Path]
    package_staff: dict[str, int]  # school code → staff rows its package carries


def _roster(folder: Path, k: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "参加工作年月", "学历"])
    for i in range(PER_FILE):
        first17 = f"441622198{k}{i // 28 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"
        ws.append([SURNAMES[k] + GIVEN[i // 16] + GIVEN[i % 16], first17 + id_check_char(first17), "2010年9月", "本科"])
    path = folder / f"roster{k}.xlsx"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    root = tmp_path_factory.mktemp("crash")
    db = Database.for_path(root / "school.db")
    upgrade(db)
    school = units.create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school",
                                                 parent_code="441622", category="211", ownership="1",
                                                 urban_rural="2"))
    period = ensure_period(db, 2025)
    cls = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    db.dispose()

    from desktop.services.packages.export import export_package
    from tests.services.package_world import make_office, make_school

    pkgs: list[Path] = []
    staff_counts: dict[str, int] = {}
    for i in (1, 2, 3):
        sdb = make_school(root, i)
        explain_warnings(sdb)
        pkgs.append(export_package(sdb, root / "packages", with_returns=False).path)
        with sdb.session() as s:
            code = s.connection().exec_driver_sql("SELECT code FROM units WHERE is_home").scalar()
            staff_counts[str(code)] = int(s.connection().exec_driver_sql(
                "SELECT count(*) FROM staff").scalar() or 0)
        sdb.dispose()
    county = make_office(root / "county.db", "441622", "龙川县教育局", "county", "441600")
    county.dispose()
    yield Setup(root / "school.db", school.id, period.id, cls.id, [_roster(root, k) for k in range(3)],
                root / "county.db", pkgs, staff_counts)


class Server:
    """The crash child: imports once, forks one writing worker per trial."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        assert self._line() == "serving"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def run(self, args: list[str], delay: float | None) -> tuple[bool, float]:
        """Run one worker; SIGKILL it ``delay`` s after it is ready (None: let it finish).

        Returns (was still writing when killed, seconds from ready to kill or finish).
        """
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(args) + "\n")
        self.proc.stdin.flush()
        ready = self._line()
        assert ready.startswith("ready "), ready
        start = time.monotonic()
        if delay is None:
            assert self._line() == "done"
            elapsed = time.monotonic() - start
            assert self._line() == "reaped"
            return False, elapsed
        time.sleep(delay)
        pid = int(ready.split()[1])
        try:
            os.kill(pid, signal.SIGKILL)
            alive = True
        except ProcessLookupError:
            alive = False
        lines = [self._line()]
        if lines[0] == "done":
            alive = False
            lines.append(self._line())
        assert lines[-1] == "reaped", lines
        return alive, time.monotonic() - start

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _check_healthy(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)  # a read-write open replays or discards what the WAL holds
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    report = check_file(path)
    assert report.integrity == ["ok"], report.integrity
    assert report.foreign_keys == []
    return conn


def _copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst


def _args(mode: str, setup: Setup, path: Path) -> list[str]:
    if mode == "package":
        return [mode, str(path), *map(str, setup.packages)]
    if mode == "edit":
        return [mode, str(path), str(setup.class_id)]
    if mode == "bulk":
        return [mode, str(path), str(setup.unit_id), str(setup.period_id)]
    return [mode, str(path), str(setup.unit_id), *map(str, setup.rosters)]


def test_sigkill_at_random_moments(setup: Setup, tmp_path: Path) -> None:
    rng = random.Random(20261125)
    server = Server()
    interrupted = dict.fromkeys(TRIALS, 0)
    try:
        for mode, trials in TRIALS.items():
            source = setup.county_db if mode == "package" else setup.school_db
            span = 0.4  # edits and batches never finish: kill within the first 0.4 s
            if mode in ("import", "package"):
                # Calibrate: how long does the whole job take on this machine? Kill inside that span.
                reference = _copy(source, tmp_path / f"{mode}-ref.db")
                span = server.run(_args(mode, setup, reference), None)[1]
                conn = _check_healthy(reference)
                CHECKS[mode](conn, setup, reference)
                conn.close()
            for t in range(trials):
                path = _copy(source, tmp_path / f"{mode}{t}.db")
                alive, _ = server.run(_args(mode, setup, path), rng.uniform(0.02, span))
                interrupted[mode] += alive
                conn = _check_healthy(path)
                try:
                    CHECKS[mode](conn, setup, path)
                finally:
                    conn.close()
    finally:
        server.close()
    # The kills must really land while writing (edits and batches never finish on their own).
    assert interrupted["edit"] == TRIALS["edit"] and interrupted["bulk"] == TRIALS["bulk"]
    assert interrupted["import"] >= TRIALS["import"] // 2 and interrupted["package"] >= TRIALS["package"] // 2


def _check_edit(conn: sqlite3.Connection, setup: Setup, path: Path) -> None:
    enrolled = conn.execute("SELECT enrolled FROM classes WHERE id = ?", (setup.class_id,)).fetchone()[0]
    last = conn.execute("SELECT new_value FROM audit_log WHERE table_name = 'classes' AND field = 'enrolled' "
                        "ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert str(enrolled) == last  # the change and its audit row commit together
    db = Database.for_path(path)
    with db.session() as s:
        assert audit.verify_chain(s) is None
    db.dispose()


def _check_bulk(conn: sqlite3.Connection, setup: Setup, path: Path) -> None:
    rows = conn.execute("SELECT substr(name, 1, instr(name, '-')), count(*) FROM classes "
                        "WHERE name LIKE 'b%' GROUP BY 1").fetchall()
    assert all(count == 300 for _, count in rows), rows


def _check_import(conn: sqlite3.Connection, setup: Setup, path: Path) -> None:
    for surname in SURNAMES[:3]:
        count = conn.execute("SELECT count(*) FROM staff WHERE name LIKE ?", (surname + "%",)).fetchone()[0]
        assert count in (0, PER_FILE), (surname, count)


def _check_package(conn: sqlite3.Connection, setup: Setup, path: Path) -> None:
    for code, expected in setup.package_staff.items():
        count = conn.execute("SELECT count(*) FROM staff s JOIN units u ON u.id = s.unit_id WHERE u.code = ?",
                             (code,)).fetchone()[0]
        assert count in (0, expected), (code, count, expected)


CHECKS = {"edit": _check_edit, "bulk": _check_bulk, "import": _check_import, "package": _check_package}
