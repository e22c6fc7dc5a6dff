"""Year-over-year rules on two consecutive demo years, with planted changes and drafted 填写说明."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, Staff, Unit
from desktop.services.demo import build_demo
from desktop.services.records.classes import edit_class
from desktop.services.records.staff import end_staff
from desktop.services.returns.checks import run_checks
from desktop.services.returns.drafts import draft_explanations
from desktop.services.year.rollover import apply_rollover


def _two_years(db: Database) -> tuple[int, int, int]:
    build_demo(db, "school")
    with db.session() as s:
        unit = s.scalars(select(Unit)).one().id
        first = s.scalars(select(Period)).one().id
    second = apply_rollover(db, unit, first).period.id
    return unit, first, second


def _teachers(db: Database, unit: int) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(r.id, r.name) for r in s.execute(select(Staff.id, Staff.name).where(
            Staff.unit_id == unit, Staff.category == "11", Staff.status == "active").order_by(Staff.id))]


def test_no_change_no_warning_and_first_year_has_no_previous(db: Database) -> None:
    unit, first, second = _two_years(db)
    yoy = {r: n for r, n in run_checks(db, unit, second).counts_by_rule().items() if r.startswith("yoy.")}
    # Same people, classes promoted (the top grade left): no headcount change, fewer large classes.
    # Only the training pace drops: 2026 starts a new cycle, and the draft says so.
    assert yoy == {"yoy.training_on_track": 1}
    drafts = {d.rule: d for d in draft_explanations(db, unit, second)}
    assert set(drafts) == {"yoy.training_on_track", "plaus.training_per_teacher"}  # no training logged since
    d = drafts["yoy.training_on_track"]
    assert d.text.startswith("教师培训学时达标进度 −") and "2026 年起为新的培训周期，学时重新累计；0 人本周期新入职" in d.text
    assert not [r for r in run_checks(db, unit, first).counts_by_rule() if r.startswith("yoy.")]


def test_planted_leavers_and_large_classes_fire_and_drafts_name_exactly_them(db: Database) -> None:
    unit, _first, second = _two_years(db)
    people = _teachers(db, unit)
    moved, retired = people[3:5], people[10:12]
    for sid, _ in moved:
        end_staff(db, sid, date(2026, 3, 1), "调出")
    for sid, _ in retired:
        end_staff(db, sid, date(2026, 7, 1), "退休")
    with db.session() as s:
        p1 = s.scalars(select(SchoolClass.id).where(SchoolClass.period_id == second, SchoolClass.grade == "P1")
                       .order_by(SchoolClass.id)).all()[:3]
    for cid in p1:
        edit_class(db, cid, {"enrolled": 57})

    result = run_checks(db, unit, second)
    fired = {i.finding.rule: i for i in result.items if i.finding.rule.startswith("yoy.")}
    assert set(fired) == {"yoy.teachers", "yoy.large_classes", "yoy.training_on_track"}
    assert "plaus.training_per_teacher" in result.counts_by_rule()
    n = len(people)
    assert fired["yoy.teachers"].finding.message.startswith(f"龙川县实验学校专任教师 {n - 4} 人，上年 {n} 人，增减 −4")
    assert fired["yoy.teachers"].record_key == "2144162201"  # the unit: its 填写说明 is per unit

    drafts = {d.rule: d for d in draft_explanations(db, unit, second)}
    t = drafts["yoy.teachers"]
    names = {sid: name for sid, name in people}
    assert t.text == (f"专任教师 −4：调出 2 人（{names[moved[0][0]]}、{names[moved[1][0]]}），"
                      f"退休 2 人（{names[retired[0][0]]}、{names[retired[1][0]]}）；新进 0 人")
    assert [(r.record_type, r.record_id) for r in t.records] == [("staff", sid) for sid, _ in moved + retired]
    big = drafts["yoy.large_classes"]
    # 2025 had two large classes (五年级 59, 九年级 65); 九年级 graduated, so the net change is +2.
    assert big.text == "大班额 +2：一年级新增 3 个 57 人班；上年的大班额班级中 1 个已毕业或人数已调整"
    assert sorted(r.record_id for r in big.records) == sorted(p1)
    assert all(r.record_type == "class" for r in big.records)


def test_drafts_can_be_saved_as_explanations(db: Database) -> None:
    from desktop.services.returns.checks import set_explanation

    unit, _first, second = _two_years(db)
    d = draft_explanations(db, unit, second)[0]
    set_explanation(db, unit, second, d.rule, d.record_key, d.text + "已按新周期安排培训。", "填表人")
    item = next(i for i in run_checks(db, unit, second).items if i.finding.rule == d.rule)
    assert item.explanation is not None and item.explanation.endswith("已按新周期安排培训。")
    assert not item.needs_explanation


def test_a_unit_without_last_year_says_so(db: Database) -> None:
    from desktop.domain.rules.judge import NO_PREV
    from desktop.services.indicators.targets import chosen_code, spec_in_session
    from desktop.services.returns.lastyear import LastYear
    from desktop.services.returns.ruleruns import FigureSource, run_rules
    from desktop.services.returns.rules import shipped_rules

    unit, first, second = _two_years(db)
    with db.session(write=True) as s:  # last year's classes gone: the school did not report that year
        s.query(SchoolClass).filter(SchoolClass.period_id == first).delete()
    with db.session() as s:
        period = s.get(Period, second)
        spec = spec_in_session(s, chosen_code(s, unit, second))
        hits = run_rules(FigureSource(s, unit, period, spec, last=LastYear(s, unit, period, spec)),
                         [r for r in shipped_rules() if r.year_over_year])
    assert hits and {h.outcome.status for h in hits} == {NO_PREV}
    assert all(h.outcome.message.endswith("无上年数据，本规则本年不作比较。") for h in hits)
