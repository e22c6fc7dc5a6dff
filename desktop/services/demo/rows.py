"""Row generators for the demo: staff, credentials, registrations, training, movements, classes.

Each generator yields tuples in the column order it declares, ready for
``desktop.data.bulk.insert_rows``. Everything comes from one seeded
``random.Random`` so the same seed always builds the same database.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    MovementKind,
    Post,
    SchoolCategory,
    StaffCategory,
    Stage,
    Subject,
    TeacherCertType,
    Title,
    TrainingCategory,
    TrainingLevel,
    TrainingMode,
)
from desktop.domain.idcard import id_tail
from desktop.domain.search import pinyin_keys
from desktop.services.demo.national import kindergarten_row, national_extras, special_school_row
from desktop.services.demo.people import make_id, make_name, random_date, uid
from desktop.services.demo.schools import DemoSchool

CENSUS = date(2025, 9, 1)
CYCLE_START = date(2021, 1, 1)
NOW = datetime(2025, 9, 1, 8, 0, 0)

def shift_years(value: date, years: int) -> date:
    """``value`` ``years`` later (29 February becomes the 28th in a common year); datetimes keep their time."""
    if not years:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def shifted(rows: Iterable[tuple[object, ...]], years: int) -> Iterator[tuple[object, ...]]:
    """The rows with every date in them moved ``years`` later: the demo of a later 学年."""
    for row in rows:
        yield tuple(shift_years(v, years) if isinstance(v, date) else v for v in row) if years else row


STAFF_COLUMNS = (
    "id", "uid", "unit_id", "name", "name_pinyin", "name_initials", "id_type", "id_number", "id_digest",
    "id_tail", "gender", "birth_date", "ethnicity", "political_status", "category", "employment_form", "post",
    "first_work_date", "join_date", "teaching_stage", "subject", "full_time", "education", "degree",
    "normal_major", "first_education", "title", "honour_level", "honour_year", "status", "version",
    "created_at", "updated_at", "not_teaching", "external_teacher", "foreign_national", "overseas",
)
CREDENTIAL_COLUMNS = ("id", "uid", "staff_id", "kind", "cert_type", "subject", "number", "issue_date", "issuer",
                      "revoked", "version", "created_at", "updated_at")
REGISTRATION_COLUMNS = ("uid", "credential_id", "reg_date", "result", "next_due", "created_at", "updated_at")
TRAINING_COLUMNS = ("uid", "staff_id", "title", "organiser", "start_date", "end_date", "level", "mode",
                    "category", "topics", "hours", "source", "version", "created_at", "updated_at")
MOVEMENT_COLUMNS = ("uid", "staff_id", "kind", "from_unit_code", "from_unit_name", "to_unit_code", "to_unit_name",
                    "start_date", "end_date", "created_at", "updated_at")

_EDU_MIX: dict[Stage, tuple[tuple[EducationLevel, float], ...]] = {
    Stage.PRESCHOOL: ((EducationLevel.BACHELOR, 0.45), (EducationLevel.COLLEGE, 0.45),
                      (EducationLevel.SENIOR_SECONDARY, 0.10)),
    Stage.PRIMARY: ((EducationLevel.MASTER, 0.02), (EducationLevel.BACHELOR, 0.70), (EducationLevel.COLLEGE, 0.25),
                    (EducationLevel.SENIOR_SECONDARY, 0.03)),
    Stage.JUNIOR: ((EducationLevel.MASTER, 0.04), (EducationLevel.BACHELOR, 0.88), (EducationLevel.COLLEGE, 0.08)),
    Stage.SENIOR: ((EducationLevel.MASTER, 0.14), (EducationLevel.BACHELOR, 0.85), (EducationLevel.COLLEGE, 0.01)),
    Stage.VOCATIONAL: ((EducationLevel.MASTER, 0.05), (EducationLevel.BACHELOR, 0.80), (EducationLevel.COLLEGE, 0.15)),
    Stage.SPECIAL: ((EducationLevel.BACHELOR, 0.75), (EducationLevel.COLLEGE, 0.25)),
}
_TITLE_MIX = ((Title.FULL_SENIOR, 0.005), (Title.SENIOR, 0.18), (Title.FIRST, 0.40), (Title.SECOND, 0.28),
              (Title.THIRD, 0.04), (Title.NONE, 0.095))
_FORM_MIX = ((EmploymentForm.ESTABLISHED, 0.88), (EmploymentForm.CONTRACT, 0.05), (EmploymentForm.TEMPORARY, 0.045),
             (EmploymentForm.SUBSTITUTE, 0.02), (EmploymentForm.VOLUNTEER, 0.005))
_CERT_TYPE = {Stage.PRESCHOOL: TeacherCertType.KINDERGARTEN, Stage.PRIMARY: TeacherCertType.PRIMARY,
              Stage.JUNIOR: TeacherCertType.JUNIOR, Stage.SENIOR: TeacherCertType.SENIOR,
              Stage.VOCATIONAL: TeacherCertType.VOCATIONAL, Stage.SPECIAL: TeacherCertType.PRIMARY}
_SUBJECTS = {Stage.PRESCHOOL: (Subject.PRESCHOOL,),
             Stage.SPECIAL: (Subject.SPECIAL,),
             Stage.VOCATIONAL: (Subject.VOCATIONAL, Subject.CHINESE, Subject.MATH, Subject.ENGLISH)}
_GENERAL_SUBJECTS = (Subject.CHINESE, Subject.CHINESE, Subject.MATH, Subject.MATH, Subject.ENGLISH, Subject.MORAL,
                     Subject.HISTORY, Subject.GEOGRAPHY, Subject.PHYSICS, Subject.CHEMISTRY, Subject.BIOLOGY,
                     Subject.SCIENCE, Subject.IT, Subject.MUSIC, Subject.ART, Subject.PE, Subject.PSYCHOLOGY)
_TRAINING_TITLES = (
    "新时代师德师风专题培训", "信息技术应用能力提升工程2.0校本研修", "班主任工作能力提升培训", "心理健康教育专题培训",
    "校园安全与应急管理培训", "新课程标准解读与教学设计", "大单元教学实践研修", "作业设计与双减落实专题",
    "广东省专业技术人员继续教育公需课", "学科核心素养课堂教学研修", "跟岗学习（深圳宝安区结对学校）", "县级骨干教师培训",
)
_ORGANISERS = ("广东省教育厅", "河源市教育局", "龙川县教师发展中心", "本校", "深圳市宝安区教育局", "华南师范大学")


def pick(rng: random.Random, mix: tuple[tuple[object, float], ...]) -> object:
    r = rng.random()
    acc = 0.0
    for value, share in mix:
        acc += share
        if r < acc:
            return value
    return mix[-1][0]


@dataclass
class PersonPlan:
    """What later generators need to know about a generated person."""

    id: int
    unit_id: int
    is_teacher: bool
    stage: Stage | None
    male: bool
    behind: bool
    courses: tuple[str, ...] = ()  # 任教课程, the main one first (demo/national.py)


def staff_rows(rng: random.Random, school: DemoSchool, unit_id: int, first_id: int, digest: object,
               plans: list[PersonPlan]) -> Iterator[tuple[object, ...]]:
    """One school's staff; appends a ``PersonPlan`` per person to ``plans``."""
    stages = school.stages
    posts = [Post.KG_HEAD if school.category is SchoolCategory.KINDERGARTEN else Post.PRINCIPAL, Post.VICE_PRINCIPAL]
    posts += [Post.MIDDLE] * max(1, school.staff // 15)
    for i in range(school.staff):
        pid = first_id + i
        male = rng.random() < (0.15 if school.category is SchoolCategory.KINDERGARTEN else 0.4)
        birth = random_date(rng, date(1964, 1, 1), date(2001, 12, 31))
        number = make_id(rng, birth, male)
        name = make_name(rng)
        full, initials = pinyin_keys(name)
        post = posts[i] if i < len(posts) else Post.NONE
        r = rng.random()
        category = (StaffCategory.TEACHER if post is not Post.NONE or r < 0.86 else
                    StaffCategory.SUPPORT if r < 0.91 else StaffCategory.ADMIN if r < 0.95 else StaffCategory.WORKER)
        is_teacher = category is StaffCategory.TEACHER
        stage = stages[i % len(stages)] if is_teacher else None
        edu = pick(rng, _EDU_MIX[stage or stages[0]])
        first_work = max(birth + timedelta(days=365 * 19 + rng.randrange(2000)), date(1983, 9, 1))
        first_work = min(first_work, date(2025, 8, 1))
        join = random_date(rng, first_work, date(2025, 8, 31))
        subject = rng.choice(_SUBJECTS.get(stage, _GENERAL_SUBJECTS)) if stage else None
        honour = None
        hr = rng.random()
        if is_teacher and hr < 0.03:
            honour = "3"
        elif is_teacher and hr < 0.13:
            honour = "4"
        form = pick(rng, _FORM_MIX) if post is Post.NONE else EmploymentForm.ESTABLISHED
        behind = rng.random() < 0.08
        # Draw in the order the demo always drew (uid, 民族, 政治面貌) so every value stays as it was.
        record_uid = uid(rng)
        ethnicity = "01" if rng.random() < 0.97 else "08"
        political = "01" if rng.random() < 0.45 else "13"
        nat = national_extras(pid, is_teacher=is_teacher, plain_post=post is Post.NONE,
                              employment_form=form.value, political_status=political,  # type: ignore[attr-defined]
                              subject=subject.value if subject else None)
        plans.append(PersonPlan(pid, unit_id, is_teacher, stage, male, behind=behind, courses=nat.courses))
        row: tuple[object, ...] = (
            pid, record_uid, unit_id, name, full, initials, "1", number, digest(number), id_tail(number),  # type: ignore[operator]
            "1" if male else "2", birth, ethnicity,
            nat.political_status, category.value, nat.employment_form, post.value, first_work, join,
            stage.value if stage else None, subject.value if subject else None, rng.random() < 0.97,
            edu.value, "1" if edu in (EducationLevel.BACHELOR,) else "2" if edu is EducationLevel.MASTER else "0",  # type: ignore[attr-defined]
            rng.random() < 0.6, edu.value, pick(rng, _TITLE_MIX).value if is_teacher else "9",  # type: ignore[attr-defined]
            honour, (2018 + rng.randrange(7)) if honour else None, "active", 1, NOW, NOW,
            nat.not_teaching, nat.external_teacher, nat.foreign_national, nat.overseas,
        )
        if school.category is SchoolCategory.KINDERGARTEN:
            row = kindergarten_row(row, i)
        elif school.category is SchoolCategory.SPECIAL:
            row = special_school_row(row, i)
        yield row


def credential_rows(rng: random.Random, plans: list[PersonPlan], first_id: int,
                    regs: list[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
    """Teacher certificates (most teachers) with their registrations appended to ``regs``.

    About 6 % of registrations are overdue at the census date and 5 % fall due
    within six months; 3 % of teachers hold a certificate below their stage and
    4 % hold none — the findings a county expects to see.
    """
    cid = first_id
    for p in plans:
        if not p.is_teacher or p.stage is None or rng.random() < 0.04:
            continue
        ctype = _CERT_TYPE[p.stage]
        if rng.random() < 0.03 and ctype.value > "1":
            ctype = TeacherCertType(str(int(ctype.value) - 1))  # one stage below: a finding
        year = 2000 + rng.randrange(24)
        issue = date(year, rng.randint(3, 12), rng.randint(1, 28))
        number = f"{year}44162{ctype.value}{1 if p.male else 0}{rng.randrange(1_000_000):06d}"
        yield (cid, uid(rng), p.id, "teacher", ctype.value, None, number, issue, "龙川县教育局", False, 1, NOW, NOW)
        r = rng.random()
        if r < 0.06:
            reg = random_date(rng, date(2019, 1, 1), date(2020, 8, 1))  # next due before the census: overdue
        elif r < 0.11:
            reg = random_date(rng, date(2020, 9, 2), date(2021, 2, 28))  # due within 6 months of the census
        else:
            reg = random_date(rng, date(2021, 3, 1), date(2025, 6, 30))
        due = reg.replace(year=reg.year + 5, day=min(reg.day, 28))
        regs.append((uid(rng), cid, reg, "1", due, NOW, NOW))
        cid += 1


def training_rows(rng: random.Random, plans: list[PersonPlan], total: int) -> Iterator[tuple[object, ...]]:
    """``total`` records spread over everyone; 8 % of people are behind the cycle pace."""
    n = len(plans)
    base, extra = divmod(total, n)
    span = (CENSUS - CYCLE_START).days
    levels = ((TrainingLevel.NATIONAL, 0.05), (TrainingLevel.PROVINCE, 0.2), (TrainingLevel.CITY, 0.2),
              (TrainingLevel.COUNTY, 0.3), (TrainingLevel.SCHOOL, 0.25))
    modes = ((TrainingMode.FACE_TO_FACE, 0.35), (TrainingMode.ONLINE, 0.40), (TrainingMode.SCHOOL_BASED, 0.18),
             (TrainingMode.BLENDED, 0.04), (TrainingMode.SHADOWING, 0.03))
    cats = ((TrainingCategory.PUBLIC, 0.33), (TrainingCategory.PROFESSIONAL, 0.47), (TrainingCategory.ELECTIVE, 0.20))
    for idx, p in enumerate(plans):
        count = base + (1 if idx < extra else 0)
        mean = 3.0 if p.behind else 4.8
        for _ in range(count):
            end = CYCLE_START + timedelta(days=rng.randrange(span))
            mode = pick(rng, modes)
            days = 1 if mode is not TrainingMode.FACE_TO_FACE else rng.randint(1, 3)
            hours = round(rng.uniform(1.0, 2 * mean - 1.0) * 2) / 2
            t = rng.randrange(len(_TRAINING_TITLES))
            topics = "it" if t == 1 or rng.random() < 0.12 else "ethics" if t == 0 else (
                "headteacher" if t == 2 else "psychology" if t == 3 else "safety" if t == 4 else "")
            yield (uid(rng), p.id, _TRAINING_TITLES[t], rng.choice(_ORGANISERS), end - timedelta(days=days - 1), end,
                   pick(rng, levels).value, mode.value,  # type: ignore[attr-defined]
                   pick(rng, cats).value, topics, hours, "demo", 1, NOW, NOW)  # type: ignore[attr-defined]


def movement_rows(rng: random.Random, plans: list[PersonPlan], schools: list[tuple[str, str]],
                  code_of: dict[int, tuple[str, str]]) -> Iterator[tuple[object, ...]]:
    """About 12 % of teachers took part in 交流/支教/跟岗 in the last three years."""
    kinds = ((MovementKind.EXCHANGE, 0.6), (MovementKind.SUPPORT, 0.25), (MovementKind.SHADOW, 0.15))
    for p in plans:
        if not p.is_teacher or rng.random() >= 0.12:
            continue
        home_code, home_name = code_of[p.unit_id]
        other_code, other_name = rng.choice(schools)
        start = random_date(rng, date(2022, 9, 1), date(2025, 3, 1))
        kind = pick(rng, kinds)
        yield (uid(rng), p.id, kind.value, home_code, home_name, other_code, other_name, start,  # type: ignore[attr-defined]
               start + timedelta(days=365 if kind is not MovementKind.SHADOW else 60), NOW, NOW)
