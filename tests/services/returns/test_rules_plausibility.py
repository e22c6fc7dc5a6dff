"""The plausibility rules (03_plausibility.toml): each fires on the change it is about, and only then."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, Staff, StageCapacity, Unit
from desktop.domain.rules.expr import Lookup, Name, Resolver
from desktop.domain.rules.judge import FAIL, PASS, judge
from desktop.services.demo import build_demo
from desktop.services.returns.checks import run_checks
from desktop.services.returns.rules import shipped_rules
from desktop.services.year.rollover import apply_rollover

PLAUS = {r.code: r for r in shipped_rules(["03_plausibility.toml"])}


def _fired(db: Database, unit: int, period: int) -> set[str]:
    return {r for r in run_checks(db, unit, period).counts_by_rule() if r.startswith("plaus.")}


def test_every_plausibility_rule_cites_its_basis() -> None:
    assert len(PLAUS) >= 9 and all(r.citation for r in PLAUS.values())


def test_plausibility_rules_fire_on_planted_changes(db: Database) -> None:
    build_demo(db, "school")
    with db.session() as s:
        unit = s.scalars(select(Unit)).one().id
        first = s.scalars(select(Period)).one().id
    second = apply_rollover(db, unit, first).period.id
    quiet = _fired(db, unit, second)
    assert quiet == {"plaus.training_per_teacher"}  # the demo logs no training after the 2025 census
    with db.session(write=True) as s:
        # 临聘: six temporary teachers joined in the year (their share rises by more than 5 points).
        for n in range(6):
            s.add(Staff(unit_id=unit, name=f"临聘{n}", id_number=f"x{n}", id_digest=f"t{n}", gender="2", category="11",
                        employment_form="3", join_date=date(2026, 3, 1), status="active"))
        # Seats cut while enrolment grows.
        cap = s.scalars(select(StageCapacity).where(StageCapacity.period_id == second)).first()
        assert cap is not None
        cap.approved_seats -= 100
        entry = s.scalars(select(SchoolClass).where(SchoolClass.period_id == second,
                                                    SchoolClass.grade.in_(("P1", "J1")))).all()
        for c in entry:  # the new entry classes fill up: more pupils than last year in all
            c.enrolled = 55
    fired = _fired(db, unit, second)
    # (新入职 ≤ 增减 + 离开 holds here: it fires on a snapshot, see test_lastyear_package.py.)
    assert fired - quiet == {"plaus.temporary_share", "plaus.capacity_vs_enrolment"}
    with db.session(write=True) as s:  # a third of the staff leave: more than 20 % fewer than last year
        people = s.scalars(select(Staff).where(Staff.unit_id == unit, Staff.status == "active")).all()
        for p in people[: len(people) // 3]:
            p.status, p.end_date, p.end_reason = "ended", date(2026, 7, 1), "1"
    assert "plaus.staff_change_20" in _fired(db, unit, second)


class _Figures(Resolver):
    def __init__(self, **values: float) -> None:
        self.values = values

    def name(self, ref: Name, prev: bool) -> float | None:
        return self.values[ref.name]

    def lookup(self, ref: Lookup, prev: bool) -> float | None:  # pragma: no cover
        return None


def test_rules_that_hold_by_construction_fire_on_inconsistent_figures() -> None:
    """骨干教师 ≤ 专任教师 and the large-class capacity cannot fail on records entered here (both are
    counted from the same people and classes); they guard figures from elsewhere, e.g. a merged total."""
    assert judge(PLAUS["plaus.backbone_le_teachers"], _Figures(backbone=5, teachers=4)).status == FAIL
    assert judge(PLAUS["plaus.backbone_le_teachers"], _Figures(backbone=4, teachers=4)).status == PASS
    hold = PLAUS["plaus.large_classes_hold"]
    assert judge(hold, _Figures(students=100, large_classes=1, oversized_classes=1)).status == FAIL
    assert judge(hold, _Figures(students=122, large_classes=1, oversized_classes=1)).status == PASS
