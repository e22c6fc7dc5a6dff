"""开始新学年: the demo school rolls over correctly, leaves the old year untouched, and only once."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import (
    Explanation,
    Period,
    SchoolClass,
    SeatAddition,
    StageCapacity,
    StoredFinding,
    UnitPeriod,
)
from desktop.domain.records import ClassData, UnitRecord
from desktop.services.core.errors import LockedError, ServiceError
from desktop.services.demo import build_demo
from desktop.services.indicators.targets import choose_target_set
from desktop.services.records import classes
from desktop.services.records.units import home_unit
from desktop.services.returns.build import build_returns
from desktop.services.year import periods
from desktop.services.year.rollover import HAS_DATA, ROLLED, apply_rollover, preview_rollover


def return_fingerprints(db: Database, unit_id: int, period_id: int) -> dict[str, str]:
    """The data fingerprint printed on every return of the period (desktop.reports), by return code."""
    return {r.definition.code: r.fingerprint for r in build_returns(db, "all", unit_id, period_id)}


def period_fingerprint(db: Database, period_id: int) -> str:
    """sha256 of every period-data row of ``period_id``, canonically ordered (ids and timestamps included)."""
    tables = (SchoolClass, StageCapacity, SeatAddition, UnitPeriod, Explanation, StoredFinding)
    out: dict[str, list[list[Any]]] = {}
    with db.session() as session:
        for model in tables:
            cols = [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
            rows = session.execute(select(model.__table__).where(model.period_id == period_id)).all()  # type: ignore[attr-defined]
            out[model.__tablename__] = sorted([[str(r._mapping[c]) for c in cols] for r in rows])
        p = session.get(Period, period_id)
        assert p is not None
        out["period"] = [[str(p.school_year), str(p.census_date), str(p.due_date), str(p.closed)]]
    return hashlib.sha256(json.dumps(out, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@pytest.fixture
def demo(db: Database) -> tuple[Database, UnitRecord, int]:
    build_demo(db, "school")
    unit = home_unit(db)
    assert unit is not None
    period = periods.find_period(db, 2025)
    assert period is not None
    return db, unit, period.id


def test_preview_writes_nothing_and_lists_promotions(demo: tuple[Database, UnitRecord, int]) -> None:
    db, unit, old = demo
    before = period_fingerprint(db, old)
    plan = preview_rollover(db, unit.id, old)
    assert periods.find_period(db, 2026) is None  # the preview did not create the period
    assert period_fingerprint(db, old) == before
    assert (plan.from_year, plan.to_year, plan.to_period_id, plan.already_done) == (2025, 2026, None, False)
    assert plan.staff_carried == 80
    old_classes = classes.list_classes(db, unit.id, old)
    assert len(plan.moves) + len(plan.leaving) == len(old_classes) == 30
    assert "升级班级" in plan.message


def test_rollover_of_the_demo_school_promotes_classes_and_leaves_the_old_period_unchanged(
    demo: tuple[Database, UnitRecord, int],
) -> None:
    db, unit, old = demo
    choose_target_set(db, unit.id, old, "heyuan-support-2025")
    before = period_fingerprint(db, old)
    returns_before = return_fingerprints(db, unit.id, old)
    assert len(returns_before) >= 6
    old_classes = {c.uid: c for c in classes.list_classes(db, unit.id, old)}
    old_caps = {c.stage: c for c in classes.list_capacities(db, unit.id, old)}

    result = apply_rollover(db, unit.id, old, actor="黄老师")

    assert period_fingerprint(db, old) == before  # no row of 2025 changed …
    assert return_fingerprints(db, unit.id, old) == returns_before  # … and every 2025 return prints the same
    new = result.period
    assert (new.school_year, new.rolled_from_id, new.closed) == (2026, old, False)
    new_classes = classes.list_classes(db, unit.id, new.id)
    assert result.classes_created == len(new_classes)
    with db.session() as session:
        rolled = dict(session.execute(select(SchoolClass.id, SchoolClass.rolled_from_uid)
                                      .where(SchoolClass.period_id == new.id)).all())
    promoted = [c for c in new_classes if rolled[c.id]]
    # Every promoted class moved exactly one grade up, keeping its pupils and its number.
    order = ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3"]
    for c in promoted:
        src = old_classes[rolled[c.id]]
        assert order.index(c.grade) == order.index(src.grade) + 1
        assert src.grade not in ("P6", "J3")
        assert (c.enrolled, c.boarders, c.disabled) == (src.enrolled, src.boarders, src.disabled)
        assert c.name[-4:] == src.name[-4:]  # (n)班 kept, grade word changed
    # 九年一贯制: P6 and J3 graduate; nobody is promoted into P1 or J1, which get empty classes.
    graduating = [c for c in old_classes.values() if c.grade in ("P6", "J3")]
    assert len(promoted) == 30 - len(graduating)
    empty = [c for c in new_classes if not rolled[c.id]]
    old_counts = Counter(c.grade for c in old_classes.values())
    assert Counter(c.grade for c in empty) == {"P1": old_counts["P1"], "J1": old_counts["J1"]}
    assert all(c.enrolled == 0 for c in empty)
    assert not any(c.grade in ("P1", "J1") for c in promoted)
    # Seats copied for editing; 新增学位 are not; target set and 草稿 carried over.
    assert {c.stage: (c.approved_seats, c.boarding_seats) for c in classes.list_capacities(db, unit.id, new.id)} == {
        s: (c.approved_seats, c.boarding_seats) for s, c in old_caps.items()}
    assert classes.list_seat_additions(db, unit.id, new.id) == []
    with db.session() as session:
        up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit.id,
                                                      UnitPeriod.period_id == new.id)).one()
        old_up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit.id,
                                                          UnitPeriod.period_id == old)).one()
        assert up.state == "draft" and not up.ready
        assert up.target_set_id == old_up.target_set_id is not None


def test_second_rollover_is_a_no_op_that_says_so(demo: tuple[Database, UnitRecord, int]) -> None:
    db, unit, old = demo
    first = apply_rollover(db, unit.id, old)
    new_id = first.period.id
    before_old, before_new = period_fingerprint(db, old), period_fingerprint(db, new_id)
    returns_new = return_fingerprints(db, unit.id, new_id)
    plan = preview_rollover(db, unit.id, old)
    assert plan.already_done and plan.units[0].status == ROLLED
    second = apply_rollover(db, unit.id, old)
    assert second.already_done
    assert (second.classes_created, second.capacities_created, second.unit_periods_created) == (0, 0, 0)
    assert "已经由 2025学年 结转过" in second.message
    assert (period_fingerprint(db, old), period_fingerprint(db, new_id)) == (before_old, before_new)
    assert return_fingerprints(db, unit.id, new_id) == returns_new


def test_a_new_period_with_hand_typed_classes_is_not_overwritten(db: Database, school: UnitRecord,
                                                                 period: Any) -> None:
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    nxt = periods.create_period(db, 2026)
    classes.create_class(db, school.id, nxt.id, ClassData(grade="P2", name="二年级(1)班", enrolled=41))
    plan = preview_rollover(db, school.id, period.id)
    assert plan.units[0].status == HAS_DATA and not plan.already_done and plan.nothing_to_do
    result = apply_rollover(db, school.id, period.id)
    assert result.classes_created == 0
    assert "不会覆盖" in result.message
    assert [c.enrolled for c in classes.list_classes(db, school.id, nxt.id)] == [41]
    assert periods.get_period(db, nxt.id).rolled_from_id is None  # nothing was built from 2025


def test_county_rollover_covers_every_school_below_the_office(db: Database) -> None:
    from desktop.domain.records import UnitData
    from desktop.services.records.units import create_home_unit, create_unit

    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    a = create_unit(db, UnitData(code="2144000001", name="甲小学", kind="school", parent_code="441622",
                                 category="211", ownership="1", urban_rural="1"))
    k = create_unit(db, UnitData(code="1144000003", name="乙幼儿园", kind="school", parent_code="441622",
                                 category="111", ownership="1", urban_rural="2"))
    p = periods.ensure_period(db, 2025)
    classes.create_class(db, a.id, p.id, ClassData(grade="P6", name="六年级(1)班", enrolled=45))
    classes.create_class(db, a.id, p.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    for grade, name in (("K1", "小班(1)班"), ("K2", "中班(1)班"), ("K3", "大班(1)班")):
        classes.create_class(db, k.id, p.id, ClassData(grade=grade, name=name, enrolled=28))
    result = apply_rollover(db, county.id, p.id)
    new = result.period.id
    assert sorted((c.grade, c.name, c.enrolled) for c in classes.list_classes(db, a.id, new)) == [
        ("P1", "一年级(1)班", 0), ("P2", "二年级(1)班", 40)]
    assert sorted((c.grade, c.name, c.enrolled) for c in classes.list_classes(db, k.id, new)) == [
        ("K1", "小班(1)班", 0), ("K2", "中班(1)班", 28), ("K3", "大班(1)班", 28)]
    with db.session() as session:
        ups = session.scalars(select(UnitPeriod.unit_id).where(UnitPeriod.period_id == new)).all()
    assert sorted(ups) == sorted([county.id, a.id, k.id])
    assert apply_rollover(db, county.id, p.id).already_done


def test_rollover_into_a_closed_period_is_refused(db: Database, school: UnitRecord, period: Any) -> None:
    nxt = periods.create_period(db, 2026)
    periods.close_period(db, nxt.id)
    with pytest.raises(ServiceError, match="已关闭"):
        preview_rollover(db, school.id, period.id)


def test_closed_period_data_is_read_only_but_people_are_not(db: Database, school: UnitRecord, period: Any) -> None:
    c = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    periods.close_period(db, period.id, actor="admin")
    with pytest.raises(LockedError, match="统计期已关闭"):
        classes.update_class(db, c.id, {"enrolled": 41})
    with pytest.raises(LockedError):
        classes.create_class(db, school.id, period.id, ClassData(grade="P2", name="二年级(1)班"))
    from desktop.domain.records import CapacityData
    from desktop.services.returns.checks import set_explanation

    with pytest.raises(LockedError):
        classes.set_capacity(db, school.id, period.id, CapacityData(stage="primary", approved_seats=100))
    with pytest.raises(LockedError):
        set_explanation(db, school.id, period.id, "class.large", "", "说明")
    with pytest.raises(ServiceError, match="需要填写原因"):
        periods.reopen_period(db, period.id, reason=" ")
    periods.reopen_period(db, period.id, reason="补录班级", actor="admin")
    assert classes.update_class(db, c.id, {"enrolled": 41}).enrolled == 41
