"""The corpus of messy and hostile spreadsheets, previewed through the real import service.

Each file is written by ``import_corpus`` into a temporary folder and read back
by ``preview_import`` against a real migrated SQLite database; the expected
row counts, values, error phrases, notices or refusal come with the file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from import_corpus import BUILDERS, PEOPLE, Case

from desktop.data.engine import Database
from desktop.domain.records import StaffData, UnitRecord
from desktop.services.core.errors import ServiceError
from desktop.services.imports.spreadsheet import preview_import
from desktop.services.records.staff import create_staff


def _roster(db: Database, school: UnitRecord) -> None:
    for name, number in PEOPLE:
        create_staff(db, school.id, StaffData(name=name, id_number=number))


def test_corpus_has_at_least_fifteen_files() -> None:
    assert len(BUILDERS) >= 15


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_corpus_file_previews_as_expected(build, tmp_path: Path, db: Database, school: UnitRecord) -> None:
    case: Case = build(tmp_path)
    if case.needs_roster:
        _roster(db, school)
    if case.refused is not None:
        started = time.perf_counter()
        with pytest.raises(ServiceError) as info:
            preview_import(db, case.kind, case.path)
        assert case.refused in info.value.message, info.value.message
        elapsed = time.perf_counter() - started
        print(f"{case.name}: refused in {elapsed:.3f} s")  # speed is a benchmark, not an assertion
        return
    preview = preview_import(db, case.kind, case.path, year=2025)
    counts = preview.counts
    for status, n in case.counts.items():
        assert counts[status] == n, (status, counts, [(r.row, r.errors) for r in preview.rows])
    all_errors = " ".join(e for r in preview.rows for e in r.errors)
    for phrase in case.errors:
        assert phrase in all_errors, (phrase, all_errors)
    all_notices = " ".join(n.message for n in preview.notices)
    for phrase in case.notices:
        assert phrase in all_notices, (phrase, all_notices)
    by_row = {r.row: r for r in preview.rows}
    for row, expected in case.values.items():
        got = by_row[row]
        assert got.status != "error", got.errors
        for key, value in expected.items():
            assert got.values[key] == value, (row, key, got.values[key])
    for r in preview.rows:
        assert r.sheet == preview.sheet and r.row >= 1
        if r.status == "error":
            assert r.errors and all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in r.errors)
