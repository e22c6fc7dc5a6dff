"""Promotion rules at rollover (升级): who moves up, who leaves, which entry classes are created."""

from __future__ import annotations

from desktop.domain.codes import Grade, Stage
from desktop.domain.promotion import ClassSeed, plan_promotion, promoted_name


def seed(grade: str, name: str, enrolled: int = 40) -> ClassSeed:
    return ClassSeed(key=f"{grade}-{name}", grade=grade, name=name, enrolled=enrolled)


def moves(plan: object) -> dict[str, tuple[str, str]]:
    return {p.source.name: (p.new_grade, p.new_name) for p in plan.promoted}  # type: ignore[attr-defined]


def test_kindergarten_small_to_middle_to_large_and_large_leaves() -> None:
    plan = plan_promotion([seed("K1", "小班(1)班"), seed("K2", "中班(1)班"), seed("K3", "大班(1)班")],
                          [Stage.PRESCHOOL])
    assert moves(plan) == {"小班(1)班": ("K2", "中班(1)班"), "中班(1)班": ("K3", "大班(1)班")}
    assert [c.name for c in plan.leaving] == ["大班(1)班"]
    assert [(e.grade, e.name) for e in plan.entry] == [("K1", "小班(1)班")]


def test_top_grades_of_every_stage_graduate() -> None:
    top = [seed(g, f"{Grade(g).label}(1)班") for g in ("P6", "J3", "S3", "V3")]
    plan = plan_promotion(top)
    assert plan.promoted == ()
    assert sorted(c.grade for c in plan.leaving) == ["J3", "P6", "S3", "V3"]


def test_nine_year_school_p6_does_not_become_j1_and_both_entry_grades_get_empty_classes() -> None:
    old = [seed("P1", "一年级(1)班"), seed("P1", "一年级(2)班"), seed("P5", "五年级(1)班"),
           seed("P6", "六年级(1)班"), seed("J1", "七年级(1)班"), seed("J3", "九年级(1)班")]
    plan = plan_promotion(old, [Stage.PRIMARY, Stage.JUNIOR])
    new_grades = {p.new_grade for p in plan.promoted}
    assert "J1" not in new_grades  # nobody is promoted into the junior entry grade
    assert {c.grade for c in plan.leaving} == {"P6", "J3"}
    assert moves(plan)["五年级(1)班"] == ("P6", "六年级(1)班")
    assert [(e.grade, e.name) for e in plan.entry] == [
        ("P1", "一年级(1)班"), ("P1", "一年级(2)班"), ("J1", "七年级(1)班")]
    # Pupils are copied with the class; entry classes start empty.
    assert all(p.source.enrolled == 40 for p in plan.promoted)


def test_entry_grade_gets_one_class_when_the_school_runs_the_stage_but_had_none() -> None:
    plan = plan_promotion([seed("P3", "三年级(1)班")], [Stage.PRIMARY, Stage.JUNIOR])
    assert [(e.grade, e.name) for e in plan.entry] == [("P1", "一年级(1)班"), ("J1", "七年级(1)班")]


def test_mixed_and_special_classes_stay_in_their_grade() -> None:
    plan = plan_promotion([seed("KM", "混合班"), seed("SP", "培智班")], [Stage.PRESCHOOL, Stage.SPECIAL])
    assert moves(plan) == {"混合班": ("KM", "混合班"), "培智班": ("SP", "培智班")}
    assert all(p.stays for p in plan.promoted)
    assert plan.leaving == ()
    assert [(e.grade, e.name) for e in plan.entry] == [("K1", "小班(1)班")]


def test_nursery_moves_into_small_and_takes_one_of_its_places() -> None:
    plan = plan_promotion([seed("K0", "托班(1)班"), seed("K1", "小班(1)班"), seed("K1", "小班(2)班")])
    assert moves(plan)["托班(1)班"] == ("K1", "小班(1)班")
    assert [(e.grade, e.name) for e in plan.entry] == [("K1", "小班(2)班")]


def test_class_names_follow_the_grade_word_or_stay_as_typed() -> None:
    assert promoted_name("三年级(2)班", Grade.P3, Grade.P4) == "四年级(2)班"
    assert promoted_name("初一(3)班", Grade.J1, Grade.J2) == "初二(3)班"
    assert promoted_name("高一年级1班", Grade.S1, Grade.S2) == "高二年级1班"
    assert promoted_name("火箭班", Grade.S1, Grade.S2) == "火箭班"
