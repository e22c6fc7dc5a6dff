"""A 可上报 mark goes stale when a record it covers changes afterwards (services/returns/readiness.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.data.models import Staff, TrainingRecord, UnitPeriod
from desktop.services.returns.checks import run_checks, set_explanation
from desktop.services.returns.readiness import data_fingerprint, is_ready, mark_ready, ready_status


def _mark_h_ready(county) -> int:
    h = county.units["H"]
    for item in run_checks(county.db, h, county.period).items:  # H has 4 warnings and no error
        set_explanation(county.db, h, county.period, item.finding.rule, item.record_key, "已说明。", "校长")
    mark_ready(county.db, h, county.period)
    return h


def _flag(county, unit_id: int) -> tuple[bool, str | None]:
    with county.db.session() as s:
        up = s.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit_id,
                                                UnitPeriod.period_id == county.period)).one()
        return up.ready, up.ready_fingerprint


def test_mark_stays_ready_while_nothing_changes(county):
    h = _mark_h_ready(county)
    ready, stored = _flag(county, h)
    assert ready and stored == data_fingerprint(county.db, h, county.period)
    assert ready_status(county.db, h, county.period).state == "ready"
    assert is_ready(county.db, h, county.period)  # asking twice changes nothing
    assert _flag(county, h)[0]


def test_an_edit_after_marking_makes_the_mark_stale(county):
    h = _mark_h_ready(county)
    # A change no return prints (the phone number) still counts: the mark vouched for the data.
    with county.db.session(write=True) as s:
        s.get(Staff, county.staff["h1"]).phone = "13800000000"
    status = ready_status(county.db, h, county.period)
    assert status.state == "stale" and "重新检查" in status.message
    assert _flag(county, h) == (False, None)  # the flag itself is cleared
    assert not is_ready(county.db, h, county.period)
    assert ready_status(county.db, h, county.period).state == "not_ready"
    mark_ready(county.db, h, county.period)  # checked again: ready again
    assert is_ready(county.db, h, county.period)


def test_a_bulk_insert_that_bypasses_the_orm_makes_the_mark_stale(county):
    h = _mark_h_ready(county)
    with county.db.session(write=True) as s:  # as the importer does: Core, no ORM events
        s.execute(TrainingRecord.__table__.insert().values(
            uid="0" * 32, staff_id=county.staff["h1"], title="补录培训", start_date=date(2025, 3, 1),
            end_date=date(2025, 3, 2), level="5", mode="03", category="2", hours=8.0, version=1))
    assert not is_ready(county.db, h, county.period)


def test_another_schools_change_does_not_touch_this_mark(county):
    h = _mark_h_ready(county)
    with county.db.session(write=True) as s:
        s.get(Staff, county.staff["a1"]).phone = "13900000000"  # school A, not H
    assert is_ready(county.db, h, county.period)
