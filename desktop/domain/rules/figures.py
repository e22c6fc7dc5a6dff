"""The named figures (数据项) a rule may use, and how each is counted from a unit's input.

Everything here is computed from the engine's ``IndicatorInput`` (the same rows the
indicators and returns use), so a rule, an indicator and a return cell count alike.
Figures about people who left the unit during the year are not in that input (it holds
the people in post on the census date); the service passes them in ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop.domain import classsize
from desktop.domain.codes import EmploymentForm, Grade, Stage
from desktop.domain.indicators.common import Context, add_years
from desktop.domain.indicators.inputs import IndicatorInput
from desktop.domain.indicators.staffing import TEMPORARY
from desktop.domain.rules.expr import Catalogue
from desktop.domain.targetset import INDICATORS, TargetSetSpec

FIGURES: dict[str, str] = {
    "teachers": "专任教师数",
    "staff": "教职工数",
    "backbone": "骨干教师数",
    "temporary": "临聘人员数",
    "established": "在编人员数",
    "new_teachers": "本年新入职专任教师数",
    "new_staff": "本年新进教职工数",
    "teachers_left": "本年离开的专任教师数",
    "staff_left": "本年离开的教职工数",
    "students": "在校生数",
    "classes": "班级数",
    "large_classes": "大班额班级数",
    "oversized_classes": "超大班额班级数",
    "boarders": "寄宿生数",
    "disabled": "残疾学生数",
    "seats": "核定学位数",
    "training_hours": "专任教师本周期培训学时合计",
    "training_hours_year": "专任教师近12个月培训学时合计",
    "trained_teachers": "本周期有培训学时的专任教师数",
}
# Figures that take one argument: a grade (P1, 一年级 …) or a stage (primary, 小学 …).
WITH_ARG = ("teachers", "students", "classes", "large_classes", "oversized_classes", "seats", "backbone")
CLASS_FIGURES = ("students", "classes", "large_classes", "oversized_classes", "boarders", "disabled")


def basis(name: str) -> str:
    """Which rows a figure is counted from: a year without them has no such figure (无上年数据)."""
    return "classes" if name in CLASS_FIGURES else "capacities" if name == "seats" else "staff"


EXTRA = ("teachers_left", "staff_left", "training_hours_year")  # given by the service: not in the engine's input


def grade_or_stage(arg: str) -> bool:
    return Grade.from_label(arg) is not None or Stage.from_label(arg) is not None


def catalogue(returns: Mapping[str, frozenset[str]] | None = None) -> Catalogue:
    return Catalogue(names=FIGURES, name_args={n: grade_or_stage for n in WITH_ARG}, indicators=INDICATORS,
                     returns=returns or {})


def year_start(census: date) -> date:
    """The day after last year's census date: who joined or left from then to this census date is "this year"."""
    return add_years(census, -1)


def _match(arg: str | None, grade: str | None = None, stage: str | None = None) -> bool:
    if arg is None:
        return True
    g = Grade.from_label(arg)
    if g is not None:
        return grade == g.value
    s = Stage.from_label(arg)
    if s is None:
        return False
    return (stage or (classsize.grade_stage(grade) if grade else None)) == s.value


def figure(name: str, arg: str | None, inp: IndicatorInput, spec: TargetSetSpec,
           extra: Mapping[str, float] | None = None) -> float | None:
    """The value of one figure for the unit (and everything below it) in ``inp``."""
    if name in EXTRA:
        return float((extra or {}).get(name, 0))
    ctx = Context(inp, spec)
    start = year_start(inp.as_of)
    if name == "teachers":
        return float(sum(1 for s in ctx.teachers if _match(arg, stage=ctx.stage_of(s))))
    if name == "backbone":
        levels = set(spec.setting("backbone_levels"))
        return float(sum(1 for s in ctx.teachers if s.honour_level in levels and _match(arg, stage=ctx.stage_of(s))))
    if name == "staff":
        return float(len(inp.staff))
    if name == "temporary":
        return float(sum(1 for s in inp.staff if s.employment_form in TEMPORARY))
    if name == "established":
        return float(sum(1 for s in inp.staff if s.employment_form == EmploymentForm.ESTABLISHED.value))
    if name == "new_teachers":
        return float(sum(1 for s in ctx.teachers if s.join_date and s.join_date > start))
    if name == "new_staff":
        return float(sum(1 for s in inp.staff if s.join_date and s.join_date > start))
    if name in ("students", "classes", "boarders", "disabled", "large_classes", "oversized_classes"):
        return float(_classes(name, arg, inp, spec))
    if name == "seats":
        return float(sum(c.approved_seats for c in inp.capacities if _match(arg, stage=c.stage)))
    teachers = {s.id for s in ctx.teachers}
    if name == "training_hours":
        return float(sum(t.cycle for t in inp.training if t.staff_id in teachers))
    if name == "trained_teachers":
        return float(sum(1 for t in inp.training if t.staff_id in teachers and t.cycle > 0))
    raise KeyError(name)


def _classes(name: str, arg: str | None, inp: IndicatorInput, spec: TargetSetSpec) -> int:
    rows = [c for c in inp.classes if _match(arg, grade=c.grade)]
    if name == "students":
        return sum(c.enrolled for c in rows)
    if name == "classes":
        return len(rows)
    if name == "boarders":
        return sum(c.boarders for c in rows)
    if name == "disabled":
        return sum(c.disabled for c in rows)
    lo, hi = int(spec.setting("class_large_min")), int(spec.setting("class_oversized_min"))
    want = "large" if name == "large_classes" else "oversized"
    return sum(1 for c in rows if classsize.band(c.grade, c.enrolled, large_min=lo, oversized_min=hi) == want)
