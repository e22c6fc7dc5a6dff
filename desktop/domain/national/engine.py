"""Filling a national form from people: each cell counts, and names, the people it holds.

``to_person`` turns the codes a staff record holds into the facts the query vocabulary
speaks of (national categories through the mapping tables, age at the census date);
``fill`` evaluates every row and column filter once per person and adds the person to
each cell where a matching row meets a matching column. The same pass keeps the ids,
so every cell can be drilled down to the people behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.codes import EmploymentForm, Grade, Subject
from desktop.domain.national.definition import Filter, FormDefinition
from desktop.domain.national.mappings import Mappings

HAN = "01"
NOT_MINORITY = {HAN, "98"}  # 汉族; 外国血统中国籍人士 is no 少数民族 (97 其他 counts: docs/national.md)
DASH = "-"


@dataclass(frozen=True, slots=True)
class StaffFacts:
    """The codes of one staff record in post at the census date, as the service reads them."""

    id: int
    name: str
    unit_id: int
    gender: str
    birth_date: date | None
    ethnicity: str | None
    political_status: str | None
    category: str
    employment_form: str
    teaching_stage: str | None
    subject: str | None
    main_course: str | None  # the main 任教课程 (Subject code); falls back to ``subject``
    education: str | None
    title: str
    not_teaching: bool = False
    external_teacher: bool = False
    foreign_national: bool = False
    overseas: str | None = None
    post: str | None = None  # 岗位/职务 (Post): 园长, 保育员, 卫生保健人员 for the 幼儿园 forms


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    unit_id: int
    facts: dict[str, object]


@dataclass(frozen=True, slots=True)
class ClassFacts:
    """One class (班级) of the period, for the class forms (教基2105–2107)."""

    id: int
    name: str
    unit_id: int
    grade: str
    enrolled: int


def class_item(c: ClassFacts) -> Person:
    """A class as an item the vocabulary counts: its grade, the grade's stage and its size (班额)."""
    grade = Grade.from_label(c.grade)
    return Person(c.id, c.name, c.unit_id, {"grade": c.grade, "stage": grade.stage.value if grade else None,
                                            "size": c.enrolled})


def age_on(birth: date | None, census: date) -> int | None:
    if birth is None:
        return None
    return census.year - birth.year - (1 if (birth.month, birth.day) > (census.month, census.day) else 0)


def kg_column(s: StaffFacts, mappings: Mappings) -> str | None:
    """The 教基4148 column of a 幼儿园 staff member: the post's column (post_kg_column.csv) when it has
    one, else 专任教师 when the 教职工类别 counts as 专任教师, else 其他."""
    by_post = mappings.target("kg_column", s.post)
    if by_post:
        return by_post
    return "专任教师" if mappings.target("category", s.category) == "专任教师" else "其他"


def to_person(s: StaffFacts, mappings: Mappings, census: date) -> Person:
    course = s.main_course or s.subject
    facts: dict[str, object] = {
        "gender": s.gender,
        "minority": bool(s.ethnicity) and s.ethnicity not in NOT_MINORITY,
        "stage": s.teaching_stage,
        "education": s.education,
        "overseas": s.overseas,
        "category": mappings.target("category", s.category),
        "level": mappings.target("level", s.title),
        "course": None if s.not_teaching else mappings.target("course", course),
        "political": mappings.target("political", s.political_status),
        "kg_column": kg_column(s, mappings),
        "not_teaching": s.not_teaching,
        "established": s.employment_form == EmploymentForm.ESTABLISHED.value,
        "silver": s.employment_form == EmploymentForm.SILVER.value,
        "external": s.external_teacher,
        "foreign": s.foreign_national,
        "age": age_on(s.birth_date, census),
    }
    return Person(s.id, s.name, s.unit_id, facts)


def matches(where: Filter, facts: dict[str, object]) -> bool:
    for cond in where:
        value = facts.get(cond.key)
        if cond.age is not None:
            if not isinstance(value, int) or not cond.age[0] <= value <= cond.age[1]:
                return False
        elif value not in cond.values:
            return False
    return True


@dataclass
class FilledForm:
    definition: FormDefinition
    people: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def value(self, row: str, col: str) -> int | str:
        if (row, col) in self.definition.dash:
            return DASH
        return len(self.people.get((row, col), ()))

    def number(self, row: str, col: str) -> int:
        v = self.value(row, col)
        return v if isinstance(v, int) else 0

    def grid(self) -> list[list[int | str]]:
        d = self.definition
        return [[self.value(r.code, c.code) for c in d.columns] for r in d.rows]


def fill(definition: FormDefinition, persons: Iterable[Person]) -> FilledForm:
    people: dict[tuple[str, str], list[int]] = defaultdict(list)
    d = definition
    for p in persons:
        if not matches(d.population, p.facts):
            continue
        rows = [r.code for r in d.rows if matches(r.where, p.facts)]
        if not rows:
            continue
        cols = [c.code for c in d.columns if matches(c.where, p.facts)]
        for r in rows:
            for c in cols:
                if (r, c) not in d.dash:
                    people[(r, c)].append(p.id)
    return FilledForm(d, dict(people))


def subject_label(code: str | None) -> str:
    return Subject.label_of(code)


def names_of(ids: Sequence[int], persons: dict[int, Person]) -> list[tuple[int, str]]:
    return [(i, persons[i].name) for i in ids if i in persons]
