"""Which units count when one is closed (撤销): the same answer for indicators, returns,
consolidation, approval and rollover (data/queries.py holds the rule).

The same rule decides which units the office dashboard expects. The county's period is 2025学年, census date 2025-09-01. School B closes on 2026-03-01,
during the year: it reported for 2025 and counts there. Kindergarten K closed on
2025-06-30, before the census: it counts nowhere in 2025.
"""

from __future__ import annotations

from datetime import date

from desktop.data.models import Period, Unit
from desktop.domain.targetset import TargetSetSpec
from desktop.services.indicators.compute import load_input
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.office.consolidation import detail_totals
from desktop.services.office.dashboard import dashboard
from desktop.services.returns.build import build_returns
from desktop.services.year.rollover import preview_rollover
from desktop.services.year.workflow import pending_below


def _close(county, key: str, on: date) -> None:
    with county.db.session(write=True) as s:
        s.get(Unit, county.units[key]).closed_on = on


def _profile_labels(county) -> set[str]:
    profile = next(r for r in build_returns(county.db, "all", county.office, county.period) if r.code == "profile")
    return {r.label.strip("　") for r in profile.rows}


def _indicator_units(county) -> set[int]:
    with county.db.session() as s:
        period = s.get(Period, county.period)
        spec: TargetSetSpec = spec_in_session(s, chosen_code(s, county.office, county.period))
        return {u.id for u in load_input(s, county.office, period, spec).units}


def test_a_school_closed_during_the_year_still_counts_for_that_year(county) -> None:
    with county.db.session() as s:
        before = detail_totals(s, county.office, county.period)
    _close(county, "B", date(2026, 3, 1))
    assert county.units["B"] in _indicator_units(county)
    assert "龙川县乡村初中" in _profile_labels(county)
    with county.db.session() as s:
        assert detail_totals(s, county.office, county.period) == before
        assert county.units["B"] in {u.id for u in pending_below(s, county.office, county.period)}


def test_a_school_closed_before_the_census_counts_nowhere_that_year(county) -> None:
    with county.db.session() as s:
        before = detail_totals(s, county.office, county.period)
    _close(county, "K", date(2025, 6, 30))
    assert county.units["K"] not in _indicator_units(county)
    assert "龙川县镇区幼儿园" not in _profile_labels(county)
    with county.db.session() as s:
        after = detail_totals(s, county.office, county.period)
        assert county.units["K"] not in {u.id for u in pending_below(s, county.office, county.period)}
    # K had three staff (two of them teachers) and two classes of 28 and 30 children.
    assert (before["staff"] - after["staff"], before["teachers"] - after["teachers"]) == (3, 2)
    assert (before["classes"] - after["classes"], before["enrolled"] - after["enrolled"]) == (2, 58)


def test_the_rollover_leaves_behind_a_school_closed_during_the_year(county) -> None:
    _close(county, "B", date(2026, 3, 1))
    plan = preview_rollover(county.db, county.office, county.period)
    carried = {u.unit_id for u in plan.units}
    assert county.units["B"] not in carried
    assert county.units["A"] in carried


def test_the_dashboard_expects_the_units_that_count_for_the_period(county) -> None:
    _close(county, "B", date(2026, 3, 1))
    _close(county, "K", date(2025, 6, 30))
    names = {r.name for r in dashboard(county.db, school_year=2025).rows}
    assert "龙川县乡村初中" in names  # closed during the year: still expected for it
    assert "龙川县镇区幼儿园" not in names  # closed before the census: not expected, not late
