"""Demo values for the national forms (教基 series): 任教课程, 本学年不授课, 校外教师, 银龄教师,
外籍, 港澳台侨 and a spread of 政治面貌.

Drawn from a random stream of each person's own (seeded by the person's id), never from the
demo's main stream, so adding them left every other demo value as it was.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    OverseasStatus,
    PoliticalStatus,
    Post,
    StaffCategory,
    Subject,
    Title,
)

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


# 幼儿园 and 特殊教育学校 staff for 教基4148, 4150 and 4159: set on the finished row (after every
# draw from the demo's stream), so no other demo value moves. ``i`` is the person's place in the school.
_COL = {name: n for n, name in enumerate((
    "id", "uid", "unit_id", "name", "name_pinyin", "name_initials", "id_type", "id_number", "id_digest",
    "id_tail", "gender", "birth_date", "ethnicity", "political_status", "category", "employment_form", "post",
    "first_work_date", "join_date", "teaching_stage", "subject", "full_time", "education", "degree",
    "normal_major", "first_education", "title", "honour_level", "honour_year", "status", "version",
    "created_at", "updated_at", "not_teaching", "external_teacher", "foreign_national", "overseas"))}
_MINORITY = "08"  # 苗族
_CENSUS = date(2025, 9, 1)  # the demo's census date (rows.py draws every date against it)
_PLAIN_POSTS = (Post.NONE.value, Post.MIDDLE.value)
_KG_TEACHER_SPREAD = {  # place in the school % 11 → (最高学历, 职称): the rarer cells of 教基4159
    5: (EducationLevel.DOCTOR, Title.FULL_SENIOR), 6: (EducationLevel.MASTER, Title.SENIOR),
    7: (EducationLevel.BELOW_SENIOR, Title.THIRD), 9: (EducationLevel.SENIOR_SECONDARY, Title.NONE),
}


_KG_HEAD_SPREAD = {  # 园长's id % 7 → (最高学历, 职称)
    0: (EducationLevel.DOCTOR, Title.FULL_SENIOR), 1: (EducationLevel.MASTER, Title.SENIOR),
    2: (EducationLevel.BELOW_SENIOR, Title.THIRD), 3: (EducationLevel.SENIOR_SECONDARY, Title.NONE),
}


def _set(row: tuple[object, ...], **values: object) -> tuple[object, ...]:
    out = list(row)
    for name, value in values.items():
        out[_COL[name]] = value
    return tuple(out)


def _non_teacher(row: tuple[object, ...], category: StaffCategory, post: Post = Post.NONE) -> tuple[object, ...]:
    return _set(row, category=category.value, post=post.value, teaching_stage=None, subject=None, title=Title.NONE.value,
                not_teaching=False, external_teacher=False)


def kindergarten_row(row: tuple[object, ...], i: int) -> tuple[object, ...]:
    """A 幼儿园's staff row with its kindergarten posts: the second post is a 副园长; by place in the
    school, one in six is a 保育员 and one in twelve a 卫生保健人员 (教辅人员), one in nine plain teachers
    a 校外教师; a few teachers get the rarer 学历, 职称 and 民族 of 教基4159."""
    post, pid = row[_COL["post"]], int(row[_COL["id"]])  # type: ignore[call-overload]
    plain_teacher = row[_COL["category"]] == StaffCategory.TEACHER.value and post == Post.NONE.value
    if i in (0, 1) and post in (Post.KG_HEAD.value, Post.VICE_PRINCIPAL.value):
        row = _set(row, post=Post.KG_HEAD.value if i == 0 else Post.KG_VICE_HEAD.value)
        spread = _KG_HEAD_SPREAD.get(pid % 7)
        if spread:
            row = _set(row, education=spread[0].value, title=spread[1].value)
        birth = row[_COL["birth_date"]]
        age = _CENSUS.year - birth.year - ((birth.month, birth.day) > (9, 1)) if isinstance(birth, date) else 40
        if (i == 1 and pid % 2) or not 25 <= age <= 59:  # the youngest and oldest 园长 too: 4159 row 03
            row = _set(row, ethnicity=_MINORITY)
    elif row[_COL["category"]] == StaffCategory.SUPPORT.value or (plain_teacher and i % 6 == 2):
        row = _non_teacher(row, StaffCategory.SUPPORT, Post.KG_NURSE)
    elif plain_teacher and i % 12 == 11:
        row = _non_teacher(row, StaffCategory.SUPPORT, Post.KG_HEALTH)
    elif plain_teacher:
        spread = _KG_TEACHER_SPREAD.get(i % 11)
        if spread:
            row = _set(row, education=spread[0].value, title=spread[1].value)
        if i % 13 == 6:
            row = _set(row, ethnicity=_MINORITY)
        if i % 9 == 4:
            row = _set(row, external_teacher=True, not_teaching=False)
    return row


def special_school_row(row: tuple[object, ...], i: int) -> tuple[object, ...]:
    """A 特殊教育学校's staff row: by place in the school, about four in nine teachers (never the 校长 or
    副校长) become 行政、教辅、工勤 or 其他校本部教职工, some a 校外教师, and places 2–9 are 少数民族, so
    each cell of 教基4150 counts someone in a school of about 20."""
    if 2 <= i <= 9:
        row = _set(row, ethnicity=_MINORITY)
    if row[_COL["category"]] != StaffCategory.TEACHER.value or row[_COL["post"]] not in _PLAIN_POSTS or i < 2:
        return row
    female = row[_COL["gender"]] == "2"
    other = {2: StaffCategory.ADMIN, 4: StaffCategory.SUPPORT, 5: StaffCategory.WORKER,
             7: StaffCategory.OTHER_SCHOOL}.get(i % 9)
    if other is None and female and i % 9 == 3:
        other = StaffCategory.OTHER_SCHOOL
    if other is not None:
        return _non_teacher(row, other)
    if (i % 7 == 6 or (female and i % 9 in (6, 8))) and row[_COL["post"]] == Post.NONE.value:
        row = _set(row, external_teacher=True, not_teaching=False)
    return row
