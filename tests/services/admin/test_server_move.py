"""Moving a SQLite database to another database: every row, same fingerprints, same results."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.data.transfer import fingerprints
from desktop.services.admin.move import move_database
from desktop.services.core.errors import ServiceError
from desktop.services.demo import build_demo
from desktop.services.records import staff
from tests.conftest import MakeDatabase


@pytest.fixture
def school_file(tmp_path: Path) -> Database:
    source = Database.for_path(tmp_path / "school.db")
    upgrade(source)
    build_demo(source, "school")
    yield source
    source.dispose()


def test_school_demo_moves_with_identical_counts_fingerprints_and_results(
    school_file: Database, make_db: MakeDatabase
) -> None:
    target = make_db("server")
    report = move_database(school_file, target)
    assert report.ok, [t for t in report.tables if not t.ok] + [r for r in report.results if not r.ok]
    counts = {t.table: t.target_rows for t in report.tables}
    assert counts["staff"] == 80 and counts["training_records"] == 8000 and counts["classes"] == 30
    assert any(r.name == "indicators" and r.source for r in report.results)
    # The moved database works: ids continue after the copied ones and the audit chain holds.
    person = staff.list_staff(target)[0]
    staff.update_staff(target, person.id, {"phone": "13800001111"}, expected_version=person.version)
    from desktop.services.year.periods import ensure_period

    assert ensure_period(target, 2026).id > 1


def test_a_changed_value_changes_the_fingerprint(school_file: Database, make_db: MakeDatabase) -> None:
    target = make_db("server")
    move_database(school_file, target)
    before = fingerprints(target)["training_records"]
    with target.engine.begin() as conn:
        conn.execute(text("UPDATE training_records SET hours = hours + 0.5 WHERE id = 17"))
    after = fingerprints(target)["training_records"]
    assert before[0] == after[0] and before[1] != after[1]


def test_moving_into_a_database_with_data_is_refused(school_file: Database, make_db: MakeDatabase) -> None:
    target = make_db("server")
    build_demo(target, "school", seed=3)
    with pytest.raises(ServiceError, match="不是空的"):
        move_database(school_file, target)
