"""Demo values for the national forms (教基 series): 任教课程, 本学年不授课, 校外教师, 银龄教师,
外籍, 港澳台侨 and a spread of 政治面貌.

Drawn from a random stream of each person's own (seeded by the person's id), never from the
demo's main stream, so adding them left every other demo value as it was.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.domain.codes import EmploymentForm, OverseasStatus, PoliticalStatus, Subject

_SECOND = (Subject.MORAL, Subject.PE, Subject.MUSIC, Subject.ART, Subject.LABOUR, Subject.PRACTICE, Subject.IT,
           Subject.PSYCHOLOGY, Subject.SCIENCE)
_PARTIES = tuple(p.value for p in PoliticalStatus if "04" <= p.value <= "11")


@dataclass(frozen=True)
class NationalExtras:
    employment_form: str
    political_status: str
    not_teaching: bool
    external_teacher: bool
    foreign_national: bool
    overseas: str | None
    courses: tuple[str, ...]  # main first


def national_extras(pid: int, *, is_teacher: bool, plain_post: bool, employment_form: str,
                    political_status: str, subject: str | None) -> NationalExtras:
    rng = random.Random(f"national-{pid}")
    form = employment_form
    external = not_teaching = False
    courses: tuple[str, ...] = ()
    if is_teacher and plain_post:
        # Spread by id rather than drawn, so every demo school of 20 or more staff has some.
        if pid % 20 == 3:
            external = True  # 校外教师: teaches here this year, employed elsewhere
        elif pid % 25 == 7:
            form = EmploymentForm.SILVER.value  # 银龄讲学
        elif pid % 16 == 9:
            not_teaching = True  # 本学年不授课 (进修、病休 …)
    if is_teacher and subject and not not_teaching:
        courses = (subject,)
        if rng.random() < 0.3:
            extra = rng.choice(_SECOND).value
            if extra != subject:
                courses += (extra,)
        if subject == Subject.ENGLISH.value and rng.random() < 0.15:
            courses = (rng.choice((Subject.JAPANESE, Subject.RUSSIAN)).value,)  # a few other languages
    political = political_status
    if political == PoliticalStatus.MASSES.value:
        r = rng.random()
        if r < 0.15:
            political = PoliticalStatus.CYL.value
        elif r < 0.22:
            political = rng.choice(_PARTIES)
    overseas = None
    if 5 <= pid % 40 <= 8:
        overseas = tuple(OverseasStatus)[pid % 40 - 5].value  # 香港、澳门、台湾、华侨 in turn
    foreign = pid % 30 == 11
    return NationalExtras(form, political, not_teaching, external, foreign, overseas, courses)


def course_rows(courses: dict[int, tuple[str, ...]], rng: random.Random,
                now: object) -> Iterator[tuple[object, ...]]:
    """``staff_courses`` rows (uid, staff_id, course, main, created_at, updated_at): the first is the main one."""
    from desktop.services.demo.people import uid

    for staff_id, codes in courses.items():
        for i, code in enumerate(codes):
            yield (uid(rng), staff_id, code, i == 0, now, now)


COURSE_COLUMNS = ("uid", "staff_id", "course", "main", "created_at", "updated_at")
