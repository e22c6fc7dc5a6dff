"""The national statistics forms (教基 series) of a school, county or city, filled from the records.

``build_national`` reads the staff in post at the census date (one query, plus their
main 任教课程), turns them into facts and fills every form the definitions give for each
school type: a school gets one sheet per form for its own type; an office gets, per school
type of its schools, the same sheets summed over those schools. Each cell keeps the ids
of the people behind it (``cell_people``), and the 逻辑校验 run on the result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import SchoolClass, Staff, StaffCourse, Unit
from desktop.data.queries import home_unit, in_post_on, period_for_year, school_ids
from desktop.domain.codes import SchoolCategory, UnitKind
from desktop.domain.national import NationalDefinitionError, NationalSet, load_set
from desktop.domain.national.checks import Finding, check_ages, check_cross, check_form
from desktop.domain.national.engine import (
    ClassFacts,
    FilledForm,
    Person,
    StaffFacts,
    class_item,
    fill,
    to_person,
)
from desktop.domain.national.mappings import MappingError
from desktop.paths import templates_dir
from desktop.reports.builders.common import chunks
from desktop.services.core.errors import ServiceError


def national_root() -> Path:
    return templates_dir() / "national"


def definitions_folder(school_year: int, root: Path | None = None) -> Path:
    """The definitions for ``school_year``: its own folder, else the nearest earlier one, else the
    earliest there is (the forms are revised now and then; docs/national.md)."""
    base = root or national_root()
    years = sorted(int(p.name) for p in base.iterdir() if p.is_dir() and p.name.isdigit())
    if not years:
        raise ServiceError(f"没有找到国家统计报表定义（{base} 下应有以年份命名的文件夹），请重新安装或检查路径。")
    earlier = [y for y in years if y <= school_year]
    return base / str(earlier[-1] if earlier else years[0])


def load_national(school_year: int, folder: Path | None = None) -> NationalSet:
    chosen = folder or definitions_folder(school_year)
    try:
        return load_set(chosen, national_root() / "mappings")
    except (NationalDefinitionError, MappingError) as exc:
        raise ServiceError(str(exc)) from exc


@dataclass
class NationalSheet:
    name: str  # 教基4149_九年一贯制学校
    school_type: str  # SchoolCategory code
    filled: FilledForm
    unit_ids: tuple[int, ...]


@dataclass
class SheetFinding:
    sheet: str
    finding: Finding


@dataclass
class NationalReturn:
    unit_code: str
    unit_name: str
    unit_kind: str
    school_year: int
    census_date: date
    definitions: NationalSet
    sheets: list[NationalSheet]
    persons: dict[int, Person]
    findings: list[SheetFinding] = field(default_factory=list)
    classes: dict[int, Person] = field(default_factory=dict)  # the class forms count classes

    def items(self, subject: str) -> dict[int, Person]:
        return self.classes if subject == "classes" else self.persons

    def sheet(self, name: str) -> NationalSheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise ServiceError(f"没有名为“{name}”的表：本单位的表有 {'、'.join(s.name for s in self.sheets)}。")


def _unit(session: Session, code: str | None) -> Unit:
    unit = home_unit(session) if not code else session.scalars(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        raise ServiceError(f"找不到单位“{code}”，请检查单位代码。" if code else "数据库还没有本单位，请先完成首次设置。")
    return unit


def staff_facts(session: Session, ids: list[int], census: date) -> list[StaffFacts]:
    """Everyone in post at ``census`` in the schools ``ids``, with their main 任教课程."""
    s = Staff
    cols = (s.id, s.name, s.unit_id, s.gender, s.birth_date, s.ethnicity, s.political_status, s.category,
            s.employment_form, s.teaching_stage, s.subject, s.education, s.title, s.not_teaching,
            s.external_teacher, s.foreign_national, s.overseas, s.post)
    rows: list[Any] = []
    for part in chunks(ids):
        rows += session.execute(select(*cols).where(s.unit_id.in_(part), in_post_on(census)).order_by(s.id)).all()
    main: dict[int, str] = {}
    staff_ids = [r.id for r in rows]
    for part in chunks(staff_ids):
        stmt = (select(StaffCourse.staff_id, StaffCourse.course)
                .where(StaffCourse.staff_id.in_(part), StaffCourse.main.is_(True)).order_by(StaffCourse.id))
        for sid, course in session.execute(stmt):
            main.setdefault(sid, course)
    return [StaffFacts(id=r.id, name=r.name, unit_id=r.unit_id, gender=r.gender, birth_date=r.birth_date,
                       ethnicity=r.ethnicity, political_status=r.political_status, category=r.category,
                       employment_form=r.employment_form, teaching_stage=r.teaching_stage, subject=r.subject,
                       main_course=main.get(r.id), education=r.education, title=r.title,
                       not_teaching=bool(r.not_teaching), external_teacher=bool(r.external_teacher),
                       foreign_national=bool(r.foreign_national), overseas=r.overseas, post=r.post) for r in rows]


def build_national(db: Database, school_year: int | None = None, unit_code: str | None = None,
                   folder: Path | None = None) -> NationalReturn:
    """The national forms of the unit (home unit by default) for ``school_year`` (latest by default)."""
    with db.session() as session:
        period = period_for_year(session, school_year)
        if period is None:
            raise ServiceError(f"没有 {school_year} 学年的统计期，请先在设置中建立。" if school_year
                               else "数据库还没有统计期，请先建立学年。")
        unit = _unit(session, unit_code)
        census = period.census_date
        ids = school_ids(session, unit.id, include_closed=False, counted_on=census)
        types = dict(session.execute(select(Unit.id, Unit.category).where(Unit.id.in_(ids))).all()) if ids else {}
        facts = staff_facts(session, ids, census)
        class_facts = _class_facts(session, ids, period.id)
        ret = NationalReturn(unit.code, unit.name, unit.kind, period.school_year, census,
                             load_national(period.school_year, folder), [], {})
    ret.persons = {f.id: to_person(f, ret.definitions.mappings, census) for f in facts}
    ret.classes = {c.id: class_item(c) for c in class_facts}
    by_type: dict[str, list[int]] = defaultdict(list)
    for uid, category in types.items():
        if category:
            by_type[category].append(uid)
    missing = sorted(uid for uid, category in types.items() if not category)
    if missing:
        ret.findings.append(SheetFinding("", Finding("学校类别", f"{len(missing)} 所学校没有学校类别，"
                                                     "不能确定要填哪些国家统计表：请在单位信息中补上学校类别。")))
    order = [c.value for c in SchoolCategory]
    for category in sorted(by_type, key=lambda c: order.index(c) if c in order else len(order)):
        units = set(by_type[category])
        persons = [p for p in ret.persons.values() if p.unit_id in units]
        classes = [c for c in ret.classes.values() if c.unit_id in units]
        label = SchoolCategory.label_of(category) or category
        filled: dict[str, FilledForm] = {}
        for d in ret.definitions.forms:
            if category not in d.school_types:
                continue
            items = classes if d.subject == "classes" else persons
            sheet = NationalSheet(d.sheet_name(label), category, fill(d, items), tuple(sorted(units)))
            ret.sheets.append(sheet)
            filled[d.form] = sheet.filled
            ret.findings += [SheetFinding(sheet.name, f) for f in check_form(sheet.filled)]
            if d.uses_age:
                counted = {i for ids_ in sheet.filled.people.values() for i in ids_}
                ret.findings += [SheetFinding(sheet.name, f) for f in check_ages(persons, counted)]
        ret.findings += [SheetFinding(label, f) for f in check_cross(ret.definitions.cross, filled)]
    return ret


def _class_facts(session: Session, ids: list[int], period_id: int) -> list[ClassFacts]:
    rows: list[Any] = []
    c = SchoolClass
    for part in chunks(ids):
        rows += session.execute(select(c.id, c.name, c.unit_id, c.grade, c.enrolled)
                                .where(c.unit_id.in_(part), c.period_id == period_id).order_by(c.id)).all()
    return [ClassFacts(r.id, r.name, r.unit_id, r.grade, r.enrolled or 0) for r in rows]


def cell_people(ret: NationalReturn, sheet: str, row: str, col: str) -> list[tuple[int, str]]:
    """The people a cell counts: (staff id, name), in id order."""
    s = ret.sheet(sheet)
    d = s.filled.definition
    if row not in {r.code for r in d.rows} or col not in {c.code for c in d.columns}:
        raise ServiceError(f"{sheet} 没有第 {row} 行第 {col} 栏，请按表中的行代码和栏代码查询。")
    ids = s.filled.people.get((row, col), [])
    items = ret.items(d.subject)
    return [(i, items[i].name) for i in ids]


def unit_kind_label(kind: str) -> str:
    return UnitKind.label_of(kind) or kind
