"""``ensure_unit_periods`` (a package's units at once) gives what ``ensure_unit_period`` gives unit by unit."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import UnitPeriod
from desktop.domain.records import PeriodRecord, UnitData
from desktop.services.records import units
from desktop.services.year.periods import ensure_unit_period, ensure_unit_periods


def test_many_units_at_once_keep_the_existing_rows_and_add_the_missing_ones_once(
        db: Database, period: PeriodRecord) -> None:
    county = units.create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    schools = [units.create_unit(db, UnitData(code=f"2144{n:06d}", name=f"第{n}小学", kind="school",
                                              parent_code="441622", category="211", ownership="1",
                                              urban_rural="2")).id for n in range(520)]  # more than one query's 500
    with db.session(write=True) as s:
        for unit_id in schools[:7]:  # some already have their row, with a state of their own
            ensure_unit_period(s, unit_id, period.id).state = "approved"
        s.commit()
    wanted = [county.id, *schools, schools[3]]  # a unit asked twice is one row
    with db.session(write=True) as s:
        before = s.scalar(select(func.count()).select_from(UnitPeriod))
        got = ensure_unit_periods(s, wanted, period.id)
        s.commit()
        assert sorted(got) == sorted(set(wanted))
        assert all(up.unit_id == unit_id and up.period_id == period.id and up.id is not None
                   for unit_id, up in got.items())
        assert {unit_id for unit_id, up in got.items() if up.state == "approved"} == set(schools[:7])
        after = s.scalar(select(func.count()).select_from(UnitPeriod))
        assert after == before + len(set(wanted)) - 7
    with db.session(write=True) as s:  # asked again: the same rows, nothing added
        again = ensure_unit_periods(s, wanted, period.id)
        assert {k: v.id for k, v in again.items()} == {k: v.id for k, v in got.items()}
        assert s.scalar(select(func.count()).select_from(UnitPeriod)) == after
        assert all(ensure_unit_period(s, unit_id, period.id).id == again[unit_id].id for unit_id in schools[:20])
