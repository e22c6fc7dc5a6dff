"""Consolidation reads one snapshot: a package imported in the middle of it is wholly in or wholly out.

A colleague's PC (its own connection) commits a school's package while the county
consolidates. Without one snapshot the totals could count the county before the
import and the indicators after it. Runs on both engines; the PostgreSQL run is
the one the issue is about (two office PCs on one server).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from package_world import CITY, COUNTY, make_school
from sqlalchemy import event

from desktop.data.engine import Database
from desktop.domain.records import UnitData
from desktop.services.indicators.compute import compute_indicators
from desktop.services.office.consolidation import consolidate, detail_totals, seed_seat_tasks
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.units import create_home_unit, home_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings

pytestmark = pytest.mark.slow


def _state(db: Database) -> tuple[dict[str, float], list[Any]]:
    """Totals and indicator results as a fresh read sees them now."""
    from desktop.services.packages.support import period_for

    with db.session() as session:
        unit = home_unit(db)
        assert unit is not None
        period = period_for(session, None)
        totals = detail_totals(session, unit.id, period.id)
        period_id = period.id
    return totals, list(compute_indicators(db, unit.id, period_id).results)


def test_an_import_committed_during_consolidation_is_wholly_outside_it(db: Database, tmp_path: Path) -> None:
    first, second = make_school(tmp_path, 1), make_school(tmp_path, 2)
    explain_warnings(first)
    export_package(first, tmp_path / "first")
    explain_warnings(second)
    export_package(second, tmp_path / "second")
    first.dispose()
    second.dispose()
    create_home_unit(db, UnitData(code=COUNTY[0], name=COUNTY[1], kind="county", parent_code=CITY[0]))
    ensure_period(db, 2025)
    import_packages(db, [tmp_path / "first"])
    seed_seat_tasks(db)  # consolidation seeds the seat-task plan before its snapshot; compare like with like
    before = _state(db)

    colleague = Database(db.url)  # another office PC: its own connections
    fired: list[bool] = []

    def import_midway(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Once consolidation has read the training sums (totals done, indicators and
        # returns still to read), the colleague's import commits the second school.
        if not fired and "training_records" in statement and "sum(" in statement.lower():
            fired.append(True)
            summary = import_packages(colleague, [tmp_path / "second"])
            assert [r.status for r in summary.results] == ["imported"], summary.results

    event.listen(db.engine, "after_cursor_execute", import_midway)
    try:
        result = consolidate(db, out_dir=tmp_path / "returns", formats=("xlsx",), backup=False)
    finally:
        event.remove(db.engine, "after_cursor_execute", import_midway)
        colleague.dispose()
    assert fired, "the import did not run during the consolidation"

    after = _state(db)
    assert after[0]["staff"] > before[0]["staff"]  # the import really landed, mid-way
    assert result.schools == 1
    assert result.totals == before[0]  # all before …
    assert list(result.indicators.results) == before[1]  # … indicators included: not half old, half new

    again = consolidate(db, backup=False)  # the next consolidation sees all of it
    assert again.schools == 2
    assert again.totals == after[0]
    assert list(again.indicators.results) == after[1]
