"""Import cases for the harness (issue 6): a 100,000-row training sheet, previewed and committed.

The sheet, the 2,000-person roster and a database holding that roster are
built once into ``fixtures/import-100k/`` (writing the .xlsx takes about a
minute) and copied per run. The baseline is a bare python-calamine read plus
``executemany`` of the same rows; the commit must reach half its throughput.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Measurement
from benchmarks.import_bench import baseline, new_db, write_files
from desktop.data.engine import Database
from desktop.domain.records import UnitData
from desktop.services.imports.spreadsheet import ImportPreview, commit_import, preview_import
from desktop.services.records.units import create_home_unit

ROWS, STAFF = 100_000, 2_000


def _prepared(fx: Fixtures) -> tuple[Path, Path]:
    """(training sheet, database with the roster), built on first use."""
    folder = fx.root / f"import-{ROWS // 1000}k"
    sheet, db_path = folder / "training.xlsx", folder / "roster.db"
    if not db_path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        roster, sheet = write_files(folder, ROWS, STAFF)
        building = folder / "building.db"
        db = new_db(building)
        home = create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school",
                                             parent_code="441622", category="211", ownership="1", urban_rural="2"))
        commit_import(db, preview_import(db, "roster", roster, unit_id=home.id, defaults={"category": "专任教师", "employment_form": "在编"}))
        db.dispose()
        building.rename(db_path)
    return sheet, db_path


def _copy(fx: Fixtures, name: str) -> Database:
    _, src = _prepared(fx)
    dst = fx.scratch(name) / "import.db"
    shutil.copyfile(src, dst)
    return Database.for_path(dst)


def bare_read_insert(fx: Fixtures) -> Measurement:
    sheet, _ = _prepared(fx)
    db = _copy(fx, "import-baseline")
    wall, _cpu = baseline(sheet, db)
    db.dispose()
    return Measurement(wall, ROWS, "calamine to_python + executemany")


def _preview(fx: Fixtures, db: Database) -> tuple[ImportPreview, float]:
    sheet, _ = _prepared(fx)
    started = time.perf_counter()
    preview = preview_import(db, "training", sheet)
    return preview, time.perf_counter() - started


def training_preview(fx: Fixtures) -> Measurement:
    db = _copy(fx, "import-preview")
    preview, seconds = _preview(fx, db)
    db.dispose()
    return Measurement(seconds, ROWS, f"{preview.counts['add']} rows to add")


def training_commit(fx: Fixtures) -> Measurement:
    db = _copy(fx, "import-commit")
    preview, _ = _preview(fx, db)
    started = time.perf_counter()
    result = commit_import(db, preview)
    seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, result.added, f"{result.added} rows written")
