"""The real-layout corpus in tests/fixtures/import/real: each file imported into a real database.

For every file: how many rows are accepted and rejected, the reason for each
rejected row, the notices and warnings a clerk must see, and — after the commit,
read back from the database — what every accepted row stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Credential, Staff, TrainingRecord
from desktop.domain.records import StaffData, UnitRecord
from desktop.exchange.normalise import cell_text
from desktop.exchange.sheets import open_workbook
from desktop.services.imports.spreadsheet import ADD, ERROR, UPDATE, commit_import, preview_import
from desktop.services.records.classes import list_classes
from desktop.services.records.staff import create_staff, list_staff
from desktop.services.year.periods import ensure_period
from tests.exchange import real_rosters
from tests.exchange.real_rosters import CASES, FOLDER, LI, ZHANG, Expect


def test_the_corpus_has_fifteen_real_layouts_and_covers_every_shape() -> None:
    files = [e.file for e, _ in CASES]
    assert len(files) >= 15 and all((FOLDER / f).is_file() for f in files)
    suffixes = {Path(f).suffix for f in files}
    assert {".xlsx", ".xls", ".csv"} <= suffixes
    assert {e.kind for e, _ in CASES} == {"roster", "training", "credentials", "classes"}


def _grid_text(path: Path) -> dict[str, list[list[str]]]:
    book = open_workbook(path)
    out = {}
    for sheet in book.sheets:
        rows = [[cell_text(v) for v in row] for row in book.read(sheet.name).rows]
        out[sheet.name] = [r for r in (list(row) for row in rows)]
    return out


@pytest.mark.parametrize(("expect", "build"), CASES, ids=[e.file for e, _ in CASES])
def test_the_committed_file_is_what_the_generator_writes(expect: Expect, build: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(real_rosters.CONVERT, "xls", False)
    build(tmp_path / expect.file)
    fresh = tmp_path / expect.file
    if expect.file.endswith(".xls"):
        fresh = fresh.with_suffix(".source.xlsx")
    assert _grid_text(FOLDER / expect.file) == _grid_text(fresh)


def _stored(db: Database, school: UnitRecord, expect: Expect, period_id: int | None) -> dict[str, Any]:
    if expect.kind == "roster":
        return {s.name: s for s in list_staff(db)}
    if expect.kind == "classes":
        assert period_id is not None
        return {c.name: c for c in list_classes(db, school.id, period_id)}
    with db.session() as session:
        if expect.kind == "credentials":
            return {c.number: c for c in session.scalars(select(Credential))}
        rows = session.execute(select(TrainingRecord, Staff.name).join(Staff, Staff.id == TrainingRecord.staff_id))
        return {f"{name}/{t.title}": t for t, name in rows}


@pytest.mark.parametrize("expect", [e for e, _ in CASES], ids=[e.file for e, _ in CASES])
def test_real_layout_imports_as_stated(expect: Expect, db: Database, school: UnitRecord) -> None:
    period_id = ensure_period(db, expect.year).id if expect.year else None
    if expect.kind in ("training", "credentials"):  # their people are on the roster already
        for name, number in (("张建国", ZHANG), ("李秀英", LI)):
            create_staff(db, school.id, StaffData(name=name, id_number=number))
    preview = preview_import(db, expect.kind, FOLDER / expect.file, year=expect.year, defaults=expect.defaults)
    accepted = [r for r in preview.rows if r.status in (ADD, UPDATE)]
    rejected = {r.row: r for r in preview.rows if r.status == ERROR}
    assert len(accepted) == expect.accepted, [(r.row, r.status, r.errors) for r in preview.rows]
    assert set(rejected) == set(expect.rejected), {n: r.errors for n, r in rejected.items()}
    for row, phrase in expect.rejected.items():
        assert phrase in " ".join(rejected[row].errors), (row, rejected[row].errors)
    notices = " ".join(n.message for n in preview.notices)
    for phrase in expect.notices:
        assert phrase in notices, (phrase, notices)
    by_row = {r.row: r for r in preview.rows}
    for row, phrase in expect.warnings.items():
        assert phrase in " ".join(by_row[row].warnings), (row, by_row[row].warnings)
    assert not preview.questions, [q.message for q in preview.questions]
    commit_import(db, preview)
    stored = _stored(db, school, expect, period_id)
    created = set(stored) - ({"张建国", "李秀英"} if expect.kind in ("training", "credentials") else set())
    if expect.kind in ("roster", "classes", "credentials", "training"):
        assert set(expect.stored) <= set(stored)
    if expect.kind in ("roster", "classes"):
        assert created == set(expect.stored)  # every accepted row is stated, nothing else was written
    else:
        assert len(stored) == len(expect.stored) == expect.accepted
    for key, fields in expect.stored.items():
        for name, value in fields.items():
            assert getattr(stored[key], name) == value, (key, name, getattr(stored[key], name))
