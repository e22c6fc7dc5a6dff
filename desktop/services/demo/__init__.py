"""Deterministic demo data: a school, a county (300 schools) or a city (6 counties).

``build_demo`` fills an empty, migrated database. The home unit goes through
the normal service (so its code is validated); everything else is written with
bulk inserts in one transaction per county, because the county scale is
8,000 staff and 800,000 training records and must build in well under three
minutes on a 2-core machine. The same seed always gives the same data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, func, select

from desktop.data.bulk import insert_rows, next_id, sync_sequence
from desktop.data.engine import Database
from desktop.data.models import SchoolClass, Staff, TrainingRecord, Unit
from desktop.domain.codes import SchoolCategory, StaffCategory, Stage, UnitKind
from desktop.domain.cycles import CycleRule
from desktop.domain.indicators.training import required_to_date, windows
from desktop.domain.records import UnitData
from desktop.paths import templates_dir
from desktop.services.core.errors import ServiceError
from desktop.services.demo.national import COURSE_COLUMNS, course_rows
from desktop.services.demo.rows import (
    CREDENTIAL_COLUMNS,
    MOVEMENT_COLUMNS,
    NOW,
    REGISTRATION_COLUMNS,
    STAFF_COLUMNS,
    TRAINING_COLUMNS,
    PersonPlan,
    credential_rows,
    movement_rows,
    shifted,
    staff_rows,
    training_rows,
)
from desktop.services.demo.schools import DemoSchool, plan_schools, scaled_mix
from desktop.services.records.staff import digest_key, id_digest
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period, school_year_of, set_period_due_date

DEMO_YEAR = 2025
BAND_STAGES = (Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR)
SCALES = ("school", "county", "city")
COUNTY_SIZE = {"schools": 300, "staff": 8000, "training": 800_000, "classes": 2400}
SCHOOL_SIZE = {"staff": 80, "training": 8000, "classes": 30}
CITY = ("441600", "河源市")
CITY_COUNTIES = (("441602", "源城区"), ("441621", "紫金县"), ("441622", "龙川县"), ("441623", "连平县"),
                 ("441624", "和平县"), ("441625", "东源县"))

Progress = Callable[[str, float], None]


@dataclass
class DemoSummary:
    scale: str
    seed: int
    units: int = 0
    schools: int = 0
    staff: int = 0
    credentials: int = 0
    training: int = 0
    classes: int = 0
    planted: dict[str, int] = field(default_factory=dict)


def _seat_tasks() -> dict[str, object]:
    data: dict[str, object] = json.loads((templates_dir() / "seat_tasks" / "heyuan-14th-five-year.json").read_text("utf-8"))
    return data


def _insert_units(conn: Connection, schools: list[DemoSchool], parent_id: int, parent_code: str) -> list[int]:
    first = next_id(conn, "units")
    rows = [(first + i, s.code, s.name, UnitKind.SCHOOL.value, parent_id, parent_code, False, s.category.value,
             s.ownership.value, s.urban_rural.value, s.category in (SchoolCategory.NINE_YEAR,),
             False, s.category in (SchoolCategory.SENIOR, SchoolCategory.COMPLETE_SECONDARY), 1, 1, NOW, NOW)
            for i, s in enumerate(schools)]
    insert_rows(conn, "units", ("id", "code", "name", "kind", "parent_id", "parent_code", "is_home", "category",
                                "ownership", "urban_rural", "boarding", "township_central", "county_high_school",
                                "campuses", "version", "created_at", "updated_at"), rows)
    sync_sequence(conn, "units")
    return [first + i for i in range(len(rows))]


def _write_schools(conn: Connection, rng: random.Random, schools: list[DemoSchool], unit_ids: list[int],
                   period_id: int, training_total: int, summary: DemoSummary, key: bytes, years: int = 0) -> None:
    """The schools' people and records, built for ``DEMO_YEAR`` and moved ``years`` later as a whole."""
    plans: list[PersonPlan] = []
    first = next_id(conn, "staff")

    def digest(number: str) -> str:
        return id_digest(key, number)

    teachers: set[object] = set()  # 专任教师 as finally written (a 幼儿园's 保育员 may keep a certificate)

    def all_staff() -> object:
        nonlocal first
        for school, unit_id in zip(schools, unit_ids, strict=True):
            for row in staff_rows(rng, school, unit_id, first, digest, plans):
                if row[STAFF_COLUMNS.index("category")] == StaffCategory.TEACHER.value:
                    teachers.add(row[0])
                yield row
            first += school.staff

    summary.staff += insert_rows(conn, "staff", STAFF_COLUMNS, shifted(all_staff(), years))  # type: ignore[arg-type]
    sync_sequence(conn, "staff")
    courses = {p.id: p.courses for p in plans if p.courses}
    # Seeded by the generator's state as well (read, not drawn from, so the rest of the demo stays as it was):
    # two demo schools' databases, both starting at staff id 1, must not give their courses the same uids,
    # or a county importing both packages refuses the second.
    course_rng = random.Random(f"courses-{first}-{rng.getstate()[1][:4]}")
    insert_rows(conn, "staff_courses", COURSE_COLUMNS, course_rows(courses, course_rng, NOW))
    regs: list[tuple[object, ...]] = []
    holder: dict[object, object] = {}

    first_credential = next_id(conn, "credentials")  # asked before the rows stream: no query inside a COPY

    def credentials() -> object:
        for row in credential_rows(rng, plans, first_credential, regs):
            holder[row[0]] = row[2]
            yield row

    summary.credentials += insert_rows(conn, "credentials", CREDENTIAL_COLUMNS,
                                       shifted(credentials(), years))  # type: ignore[arg-type]
    sync_sequence(conn, "credentials")
    regs = list(shifted(regs, years))
    insert_rows(conn, "registrations", REGISTRATION_COLUMNS, regs)
    census = date(DEMO_YEAR + years, 9, 1)
    # The check reads 专任教师 only: a certificate of someone who became a 保育员 is not a finding.
    overdue = sum(1 for r in regs if isinstance(r[4], date) and r[4] < census and holder.get(r[1]) in teachers)
    summary.planted["registration.overdue"] = summary.planted.get("registration.overdue", 0) + overdue
    hours: dict[int, float] = {}
    summary.training += insert_rows(conn, "training_records", TRAINING_COLUMNS,
                                    _counted(shifted(training_rows(rng, plans, training_total), years), census, hours))
    # Behind the cycle pace at the census, from the hours written (the cycle's share, when moved later).
    rule = CycleRule()
    need = required_to_date(rule.as_spec(), census, rule.required_hours)
    summary.planted["training.behind"] = summary.planted.get("training.behind", 0) + sum(
        1 for p in plans if p.id in teachers and hours.get(p.id, 0.0) < need)
    code_of = {uid: (s.code, s.name) for s, uid in zip(schools, unit_ids, strict=True)}
    insert_rows(conn, "movements", MOVEMENT_COLUMNS,
                shifted(movement_rows(rng, plans, list(code_of.values()), code_of), years))
    _write_classes(conn, rng, schools, unit_ids, period_id, summary)


def _counted(rows: Iterator[tuple[object, ...]], census: date, hours: dict[int, float]) -> Iterator[tuple[object, ...]]:
    """Pass training rows on, adding up each person's hours in the cycle of ``census``."""
    start = windows(CycleRule().as_spec(), census).cycle_start
    for row in rows:
        end = row[5]
        if isinstance(end, date) and start <= end <= census:
            staff_id = int(row[1])  # type: ignore[call-overload]
            hours[staff_id] = hours.get(staff_id, 0.0) + float(row[10])  # type: ignore[arg-type]
        yield row


def _write_classes(conn: Connection, rng: random.Random, schools: list[DemoSchool], unit_ids: list[int],
                   period_id: int, summary: DemoSummary) -> None:
    from desktop.services.demo.people import uid

    classes, caps, adds, ups = [], [], [], []
    for school, unit_id in zip(schools, unit_ids, strict=True):
        per_stage: dict[str, int] = {}
        for grade, name, enrolled in school.classes:
            boarders = int(enrolled * rng.uniform(0.3, 0.8)) if school.category is SchoolCategory.NINE_YEAR else 0
            disabled = 1 if rng.random() < 0.05 else 0
            classes.append((uid(rng), unit_id, period_id, grade.value, name, enrolled, boarders, disabled, 1, NOW, NOW))
            per_stage[grade.stage.value] = per_stage.get(grade.stage.value, 0) + enrolled
            if grade.stage not in BAND_STAGES:
                pass  # 大班额 bands apply to 小学/初中/高中 only
            elif enrolled >= 66:
                summary.planted["class.oversized"] = summary.planted.get("class.oversized", 0) + 1
            elif enrolled >= 56:
                summary.planted["class.large"] = summary.planted.get("class.large", 0) + 1
        for stage, enrolled in per_stage.items():
            approved = int(enrolled * rng.uniform(0.92, 1.25))
            caps.append((unit_id, period_id, stage, approved, 0, False, 1, NOW, NOW))
            if rng.random() < 0.25:
                adds.append((uid(rng), unit_id, period_id, stage, rng.choice("1234"), rng.choice((45, 90, 135, 270)),
                             "新建校舍/改扩建项目", NOW, NOW))
        ups.append((unit_id, period_id, "draft", False, 1, NOW, NOW, "{}"))
    summary.classes += insert_rows(conn, "classes", ("uid", "unit_id", "period_id", "grade", "name", "enrolled",
                                                     "boarders", "disabled", "version", "created_at", "updated_at"),
                                   classes)
    insert_rows(conn, "stage_capacities", ("unit_id", "period_id", "stage", "approved_seats", "boarding_seats",
                                           "resource_room", "version", "created_at", "updated_at"), caps)
    insert_rows(conn, "seat_additions", ("uid", "unit_id", "period_id", "stage", "method", "seats", "project",
                                         "created_at", "updated_at"), adds)
    insert_rows(conn, "unit_periods", ("unit_id", "period_id", "state", "ready", "version", "created_at",
                                       "updated_at", "return_overrides"), ups)


def _write_seat_task(conn: Connection, unit_id: int, code: str) -> None:
    table = _seat_tasks()
    entry = table["tasks"].get(code)  # type: ignore[attr-defined]
    if not entry:
        return
    rows = [(unit_id, table["plan_name"], table["start_year"], table["end_year"], stage, seats, 1, NOW, NOW)
            for stage, seats in zip(table["stages"], entry["seats"], strict=True)]  # type: ignore[call-overload]
    insert_rows(conn, "seat_tasks", ("unit_id", "plan_name", "start_year", "end_year", "stage", "seats", "version",
                                     "created_at", "updated_at"), rows)


def _county(db: Database, rng: random.Random, code: str, name: str, home_id: int, period_id: int,
            summary: DemoSummary, parent_code: str | None, *, is_home: bool,
            size: dict[str, int] = COUNTY_SIZE, years: int = 0) -> None:
    with db.session(write=True) as session:
        conn = session.connection()
        key = digest_key(session)
        if is_home:
            county_id = home_id
        else:
            county_id = next_id(conn, "units")
            insert_rows(conn, "units", ("id", "code", "name", "kind", "parent_id", "parent_code", "is_home",
                                        "boarding", "township_central", "county_high_school", "campuses", "version",
                                        "created_at", "updated_at"),
                        [(county_id, code, f"{name}教育局", UnitKind.COUNTY.value, home_id, parent_code, False,
                          False, False, False, 1, 1, NOW, NOW)])
            sync_sequence(conn, "units")
            summary.units += 1
        schools = plan_schools(rng, code, name, size["staff"], size["classes"], mix=scaled_mix(size["schools"]))
        ids = _insert_units(conn, schools, county_id, code)
        summary.units += len(ids)
        summary.schools += len(ids)
        _write_schools(conn, rng, schools, ids, period_id, size["training"], summary, key, years)
        _write_seat_task(conn, county_id, code)


def build_demo(db: Database, scale: str = "school", *, seed: int = DEMO_YEAR,
               progress: Progress | None = None, counties: int = len(CITY_COUNTIES),
               school_code: str = "2144162201", school_name: str = "龙川县实验学校",
               parent_code: str = "441622", school_size: dict[str, int] | None = None,
               county_size: dict[str, int] | None = None, today: date | None = None) -> DemoSummary:
    """Fill the empty database ``db`` with the demo of ``scale``.

    ``counties`` limits a city to its first N counties (the benchmarks use 2 and 4
    to see how cost grows with size). For the school scale, ``school_code``,
    ``school_name``, ``parent_code`` and ``school_size`` (keys of ``SCHOOL_SIZE``)
    let tests build many distinct small schools of one county; the defaults give
    the usual demo school. ``county_size`` (keys of ``COUNTY_SIZE``) builds a smaller
    county the same way, e.g. 20 schools for a test that must stay quick.

    ``today`` (the first-run 打开示例数据 passes the real date): the demo is of the 学年 that
    day falls in, the one the first-run wizard proposes, with all its dates moved by whole
    years, and its 报送截止 is never already past (at least 30 days on). Without it the demo
    is of ``DEMO_YEAR``, the same on every day (tests and benchmarks rely on that).
    """
    if scale not in SCALES:
        raise ServiceError(f"示例数据规模只能是 {'、'.join(SCALES)} 之一。")
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(Unit)):
            raise ServiceError("示例数据只能放进空数据库：这个数据库已经有数据。请新建一个数据库文件。")
    rng = random.Random(seed)
    report = progress or (lambda _msg, _frac: None)
    summary = DemoSummary(scale, seed)
    year = DEMO_YEAR if today is None else school_year_of(today)
    years = year - DEMO_YEAR
    period = ensure_period(db, year)
    if today is not None and (period.due_date is None or period.due_date < today + timedelta(days=30)):
        period = set_period_due_date(db, period.id, today + timedelta(days=30))  # a demo opens in time
    if scale == "school":
        size = SCHOOL_SIZE | (school_size or {})
        home = create_home_unit(db, UnitData(code=school_code, name=school_name, kind="school",
                                             parent_code=parent_code, category=SchoolCategory.NINE_YEAR.value,
                                             ownership="1", urban_rural="1", boarding=True, township_central=True,
                                             contact_person="黄老师", contact_phone="0762-6712345"))
        summary.units = summary.schools = 1
        school = plan_schools(rng, parent_code, "龙川县", size["staff"], size["classes"],
                              mix=((SchoolCategory.NINE_YEAR, 1),))[0]
        report("正在生成教职工和培训记录…", 0.2)
        with db.session(write=True) as session:
            _write_schools(session.connection(), rng, [school], [home.id], period.id, size["training"],
                           summary, digest_key(session), years)
    elif scale == "county":
        home = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code=CITY[0]))
        summary.units = 1
        size = COUNTY_SIZE | (county_size or {})
        report(f"正在生成 {size['schools']} 所学校…", 0.1)
        _county(db, rng, "441622", "龙川县", home.id, period.id, summary, CITY[0], is_home=True, size=size,
                years=years)
    else:
        home = create_home_unit(db, UnitData(code=CITY[0], name=f"{CITY[1]}教育局", kind="city", parent_code="440000"))
        summary.units = 1
        chosen = CITY_COUNTIES[: max(1, min(counties, len(CITY_COUNTIES)))]
        for i, (code, name) in enumerate(chosen):
            report(f"正在生成{name}（{i + 1}/{len(chosen)}）…", i / len(chosen))
            _county(db, rng, code, name, home.id, period.id, summary, CITY[0], is_home=False, years=years)
        with db.session(write=True) as session:
            _write_seat_task(session.connection(), home.id, CITY[0])
    report("完成", 1.0)
    return summary


def count_rows(db: Database) -> dict[str, int]:
    """Row counts of the main tables (for the CLI summary and tests)."""
    with db.session() as session:
        return {
            "units": session.scalar(select(func.count()).select_from(Unit)) or 0,
            "staff": session.scalar(select(func.count()).select_from(Staff)) or 0,
            "training": session.scalar(select(func.count()).select_from(TrainingRecord)) or 0,
            "classes": session.scalar(select(func.count()).select_from(SchoolClass)) or 0,
        }
