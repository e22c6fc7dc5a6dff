"""大班额 and 超大班额: the one definition every return, card and reminder uses.

DOMAIN.md §3 and domain-notes §4.2: a class of 56–65 students is a 大班额 and one of
66 or more a 超大班额. The bands apply to 小学, 初中 and 高中 classes only; 幼儿园
classes are judged against their age-group standard instead, and 中职 and 特教 classes
are outside the national 大班额 statistics. A place that shows 中职 classes of that
size shows them separately, under their own label, never inside these counts.
The thresholds are the target set's ``class_large_min`` / ``class_oversized_min``
(defaults below), so an office that edits them changes every place at once.
"""

from __future__ import annotations

from desktop.domain.codes import Grade

LARGE_MIN = 56  # 大班额: 56–65
OVERSIZED_MIN = 66  # 超大班额: 66 and more
STAGES = ("primary", "junior", "senior")  # 小学、初中、高中
SCOPE_NOTE = "大班额、超大班额只统计小学、初中、高中的班级（幼儿园、中职、特教班不计入）"

_STAGE_OF_GRADE = {g.value: g.stage.value for g in Grade}


def grade_stage(grade: str) -> str | None:
    """The 学段 of a stored grade code (or a grade label), None when unknown."""
    stage = _STAGE_OF_GRADE.get(grade)
    if stage is None:
        member = Grade.from_label(grade)
        stage = member.stage.value if member is not None else None
    return stage


def counts_for_size(grade: str) -> bool:
    """Whether a class of this grade is judged by the 大班额 bands."""
    return grade_stage(grade) in STAGES


def band(grade: str, enrolled: int, *, large_min: int = LARGE_MIN,
         oversized_min: int = OVERSIZED_MIN) -> str | None:
    """'large' (大班额), 'oversized' (超大班额) or None for a class of ``grade`` with ``enrolled`` students."""
    if not counts_for_size(grade):
        return None
    if enrolled >= oversized_min:
        return "oversized"
    if enrolled >= large_min:
        return "large"
    return None
