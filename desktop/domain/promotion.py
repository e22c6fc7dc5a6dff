"""Promotion of a school's classes into the next 学年 (升级): pure rules, no database.

At rollover (开始新学年) every class moves up one grade and keeps its pupils, the
top grade of each stage leaves (毕业/离园), and the entry grade of each stage the
school runs gets empty classes for the clerk to fill with the new intake.

Classes that have no "next grade" but do not leave either — 混合班 (mixed-age
kindergarten classes) and 特教班 — stay in their grade with their pupils.

九年一贯制 (and 十二年一贯制) schools: P6 graduates like in any primary school and is
NOT promoted to J1, although many of its pupils stay in the building. A school's
七年级 is regrouped (重新分班) and takes in pupils from other primary schools, so no
六年级 class *is* a 七年级 class: carrying it over would invent a class identity and
an enrolment that do not exist. The entry grades P1 and J1 (and S1) all get empty
classes instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.domain.codes import Grade, Stage

#: The grade new pupils enter at, per stage (托班 is optional and handled by count).
ENTRY_GRADES: dict[Stage, Grade] = {
    Stage.PRESCHOOL: Grade.KG_SMALL,
    Stage.PRIMARY: Grade.P1,
    Stage.JUNIOR: Grade.J1,
    Stage.SENIOR: Grade.S1,
    Stage.VOCATIONAL: Grade.V1,
}
#: Grades whose classes stay as they are (no next grade, but nobody leaves).
STAYING_GRADES = frozenset({Grade.KG_MIXED, Grade.SP})


@dataclass(frozen=True, slots=True)
class ClassSeed:  # one class of the old period, as the promotion rules need it
    key: str  # uid of the old class
    grade: str  # Grade code
    name: str
    enrolled: int = 0
    boarders: int = 0
    disabled: int = 0


@dataclass(frozen=True, slots=True)
class Promotion:  # an old class continuing in the new period
    source: ClassSeed
    new_grade: str
    new_name: str

    @property
    def stays(self) -> bool:
        """True for 混合班/特教班: same grade next year."""
        return self.new_grade == self.source.grade


@dataclass(frozen=True, slots=True)
class EntryClass:  # an empty class of an entry grade, for the new intake
    grade: str
    name: str


@dataclass(frozen=True, slots=True)
class PromotionPlan:
    promoted: tuple[Promotion, ...]
    leaving: tuple[ClassSeed, ...]  # graduating (毕业) or leaving kindergarten (离园)
    entry: tuple[EntryClass, ...]


def promoted_name(name: str, old: Grade, new: Grade) -> str:
    """The class name with its grade word moved on: 三年级(2)班 → 四年级(2)班, 初一(1)班 → 初二(1)班.

    A name without a grade word (e.g. “火箭班”) is kept; the clerk may rename it.
    """
    for i, word in enumerate((old.label, *old.aliases)):
        if word and word in name:
            names = (new.label, *new.aliases)
            return name.replace(word, names[i] if i < len(names) else new.label, 1)
    return name


def _entry_names(grade: Grade, count: int, old_names: Sequence[str], taken: set[str]) -> list[str]:
    """Names for ``count`` empty classes: last year's names of that grade first, then 一年级(n)班."""
    out: list[str] = []
    for name in old_names:
        if len(out) == count:
            break
        if name not in taken:
            out.append(name)
            taken.add(name)
    n = 1
    while len(out) < count:
        name = f"{grade.label}({n})班"
        n += 1
        if name not in taken:
            out.append(name)
            taken.add(name)
    return out


def plan_promotion(classes: Iterable[ClassSeed], stages: Iterable[Stage] = ()) -> PromotionPlan:
    """What happens to each class at rollover, and which empty entry classes to create.

    ``stages`` are the stages the school runs (from its 学校类别); a stage that had
    classes last year counts too. An entry grade gets as many empty classes as it
    had last year, less the classes promoted into it (托班 → 小班), and at least one.
    """
    seeds = list(classes)
    promoted: list[Promotion] = []
    leaving: list[ClassSeed] = []
    for c in seeds:
        grade = Grade.from_label(c.grade)
        if grade is None:  # an unknown code cannot be promoted; keep it for the clerk to fix
            promoted.append(Promotion(c, c.grade, c.name))
        elif grade in STAYING_GRADES:
            promoted.append(Promotion(c, grade.value, c.name))
        elif grade.next_grade is None:
            leaving.append(c)
        else:
            promoted.append(Promotion(c, grade.next_grade.value, promoted_name(c.name, grade, grade.next_grade)))
    run_stages = set(stages)
    for c in seeds:
        grade = Grade.from_label(c.grade)
        if grade is not None and grade not in STAYING_GRADES:
            run_stages.add(grade.stage)
    entry: list[EntryClass] = []
    for stage, grade in ENTRY_GRADES.items():
        if stage not in run_stages:
            continue
        old_names = [c.name for c in seeds if c.grade == grade.value]
        moved_in = [p for p in promoted if p.new_grade == grade.value]
        count = max(len(old_names) - len(moved_in), 0 if moved_in else 1)
        taken = {p.new_name for p in moved_in}
        entry += [EntryClass(grade.value, name) for name in _entry_names(grade, count, old_names, taken)]
    return PromotionPlan(tuple(promoted), tuple(leaving), tuple(entry))
