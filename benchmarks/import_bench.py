"""Import speed: a 100,000-row training sheet, previewed and committed, against a bare baseline.

The baseline is the least any import can do: python-calamine reads the same
file and ``executemany`` inserts its rows as tuples into ``training_records``
of an identical database, in one transaction. The import does everything a
clerk relies on (header detection, normalising, label → code mapping, ID
matching by keyed digest, validation, duplicate checks, audit). Targets from
issue 6: preview ≤ 5 s; commit throughput ≥ 50 % of the baseline's.

Run: ``python -m benchmarks.import_bench [ROWS]``. Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import python_calamine as pc
from openpyxl import Workbook

from desktop.data.base import new_uid, utcnow
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.idcard import id_check_char
from desktop.domain.records import UnitData
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.records.units import create_home_unit

HEAD = ["姓名", "身份证号", "培训名称", "主办单位", "开始日期", "结束日期", "学时", "培训层级", "培训形式", "科目类别", "专题"]
LEVELS, MODES, CATS = ("校级", "县级", "市级", "省级"), ("校本研修", "网络研修", "集中面授"), ("公需科目", "专业科目", "选修科目")


def _people(n: int) -> list[tuple[str, str]]:
    out = []
    for i in range(n):
        first17 = f"441622{1970 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        out.append((f"教师{i:04d}", first17 + id_check_char(first17)))
    return out


def write_files(folder: Path, rows: int, staff: int, *, distinct: bool = False) -> tuple[Path, Path]:
    """A roster of ``staff`` people and a training sheet of ``rows`` rows.

    Realistic by default: each training event (title, dates, hours, level …) is
    listed once per attendee, 40 attendees per event. ``distinct`` makes every
    row a different event — the worst case for the importer's per-event caching.
    """
    people = _people(staff)
    roster = folder / "roster.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "身份证号", "最高学历"])
    for name, number in people:
        ws.append([name, number, "本科"])
    wb.save(roster)
    training = folder / "training.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("培训")
    ws.append(HEAD)
    start = date(2021, 9, 1)
    for i in range(rows):
        name, number = people[i % staff]
        e = i if distinct else i // 40  # the event this row belongs to
        day = start + timedelta(days=e % 1400)
        ws.append([name, number, f"专题培训{e // 1400}", "龙川县教师发展中心", day, day, 2 + (e % 5) * 0.5,
                   LEVELS[e % 4], MODES[e % 3], CATS[e % 3], "师德师风" if e % 7 == 0 else ""])
    wb.save(training)
    return roster, training


def new_db(path: Path) -> Database:
    db = Database.for_path(path)
    upgrade(db, backup_dir=path.parent / "backups")
    return db


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(t: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU) seconds since ``t``; CPU time is the fairer figure on a shared machine."""
    return time.perf_counter() - t[0], time.process_time() - t[1]


def baseline(training: Path, db: Database) -> tuple[float, float]:
    """(wall, CPU) seconds for calamine read + executemany of the same rows (staff ids taken as given)."""
    t0 = _clock()
    rows = pc.CalamineWorkbook.from_path(str(training)).get_sheet_by_index(0).to_python()[1:]
    now = utcnow()
    params = [(new_uid(), 1, r[2], r[3], r[4], r[5], "5", "03", "2", "", r[6], None, "import", now, now, 1)
              for r in rows]
    with db.session(write=True) as s:
        s.connection().exec_driver_sql(
            "INSERT INTO training_records (uid, staff_id, title, organiser, start_date, end_date, level, mode, "
            "category, topics, hours, certificate_no, source, created_at, updated_at, version) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", params)
    return _since(t0)


def run(rows: int = 100_000, staff: int = 2_000, *, distinct: bool = False) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="import_bench_"))
    try:
        t0 = time.perf_counter()
        roster, training = write_files(folder, rows, staff, distinct=distinct)
        print(f"wrote {rows:,} training rows in {time.perf_counter() - t0:.1f} s ({training.stat().st_size / 1e6:.1f} MB)")
        db = new_db(folder / "bench.db")
        home = create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school",
                                              parent_code="441622", category="211", ownership="1", urban_rural="2"))
        commit_import(db, preview_import(db, "roster", roster, unit_id=home.id, defaults={"category": "专任教师", "employment_form": "在编"}))
        db.dispose()  # checkpoints the WAL so the copy has every row
        shutil.copy(folder / "bench.db", folder / "base.db")
        db = Database.for_path(folder / "bench.db")
        base_db = Database.for_path(folder / "base.db")

        base_wall, base_cpu = baseline(training, base_db)
        t0 = _clock()
        preview = preview_import(db, "training", training, unit_id=home.id)
        preview_wall, preview_cpu = _since(t0)
        t0 = _clock()
        result = commit_import(db, preview)
        commit_wall, commit_cpu = _since(t0)
        assert result.added == rows, (result, preview.counts)
        out = {
            "rows": rows, "baseline_s": base_wall, "preview_s": preview_wall, "commit_s": commit_wall,
            "baseline_cpu": base_cpu, "preview_cpu": preview_cpu, "commit_cpu": commit_cpu,
            "commit_vs_baseline": base_wall / commit_wall,
            "end_to_end_vs_baseline": base_wall / (preview_wall + commit_wall),
            "commit_vs_baseline_cpu": base_cpu / commit_cpu,
            "end_to_end_vs_baseline_cpu": base_cpu / (preview_cpu + commit_cpu),
        }
        db.dispose()
        base_db.dispose()
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(res: dict[str, float]) -> None:
    print(f"{int(res['rows']):,} rows")
    print(f"baseline (calamine read + executemany): wall {res['baseline_s']:.2f} s, CPU {res['baseline_cpu']:.2f} s")
    print(f"preview: wall {res['preview_s']:.2f} s, CPU {res['preview_cpu']:.2f} s")
    print(f"commit:  wall {res['commit_s']:.2f} s, CPU {res['commit_cpu']:.2f} s")
    print(f"commit throughput = {res['commit_vs_baseline'] * 100:.0f} % of baseline "
          f"(CPU {res['commit_vs_baseline_cpu'] * 100:.0f} %); preview + commit = "
          f"{res['end_to_end_vs_baseline'] * 100:.0f} % (CPU {res['end_to_end_vs_baseline_cpu'] * 100:.0f} %)")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    report(run(n, distinct="--distinct" in sys.argv))
