"""Indicators (指标) for a unit and period: load the detail with SQL, compute in the domain.

The queries fetch columns, not ORM objects, and training arrives summed per
person by one GROUP BY (a county has ~800,000 records). An office's values are
computed from the detail of every unit below it — never by averaging the
schools' percentages. ``compute_indicators_by_school`` loads the office once
and splits the rows per school.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.collection import paused_gc
from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Movement,
    Period,
    Registration,
    SchoolClass,
    SeatAddition,
    SeatTask,
    Staff,
    StageCapacity,
    Unit,
)
from desktop.data.queries import in_post_on, unit_tree
from desktop.domain.codes import StaffCategory, UnitKind
from desktop.domain.indicators import (
    CapacityRow,
    CertRow,
    ClassRow,
    IndicatorInput,
    IndicatorReport,
    RotationRow,
    SeatTaskRow,
    StaffRow,
    UnitRow,
    compute,
)
from desktop.domain.indicators.common import add_years
from desktop.domain.targetset import TargetSetSpec
from desktop.services.core.common import fetch
from desktop.services.core.errors import NotFoundError
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.indicators.training_sums import chunks, people_in_post, training_sums


def scope_units(session: Session, unit_id: int, counted_on: date) -> list[UnitRow]:
    """The unit and every unit below it (offices and schools) that counts at ``counted_on``.

    A period's indicators count the units open on its census date: a school closed during the
    year still counts for that year (``data.queries``)."""
    cols = (Unit.name, Unit.category, Unit.ownership, Unit.urban_rural, Unit.county_high_school, Unit.campuses)
    out = unit_tree(session, unit_id, include_closed=False, counted_on=counted_on, columns=cols)
    if not out:
        raise NotFoundError("找不到该单位。")
    return [UnitRow(id=r.id, code=r.code, name=r.name, kind=r.kind, category=r.category, ownership=r.ownership,
                    urban_rural=r.urban_rural, county_high_school=bool(r.county_high_school),
                    campuses=r.campuses or 1) for r in out]


def _staff(session: Session, unit_ids: list[int], census: date) -> list[StaffRow]:
    cols = (Staff.id, Staff.unit_id, Staff.name, Staff.category, Staff.employment_form, Staff.post,
            Staff.teaching_stage, Staff.subject, Staff.full_time, Staff.education, Staff.title,
            Staff.honour_level, Staff.join_date, Staff.first_work_date)
    conn = session.connection()  # Core rows: the ORM row machinery costs ~0.1 s per 8,000 rows
    out: list[StaffRow] = []
    for chunk in chunks(unit_ids):
        # fetchall: one call into the driver, not a fetchone per row through the Result (~0.1 s per 40,000 rows)
        for (sid, unit_id, name, category, form, post, stage, subject, full_time, education, title, honour,
             joined, first_work) in conn.execute(select(*cols).where(Staff.unit_id.in_(chunk),
                                                                     in_post_on(census))).fetchall():
            out.append(StaffRow(sid, unit_id, name, category, form, post, stage, subject, bool(full_time),
                                education, title, honour, joined, first_work))
    return out


def _certs(session: Session, unit_ids: list[int], census: date) -> list[CertRow]:
    conn = session.connection()
    out: list[CertRow] = []
    for chunk in chunks(unit_ids):
        staff_ids = people_in_post(chunk, census)
        latest: dict[int, tuple[Any, Any, Any]] = {}
        regs = conn.execute(
            select(Registration.credential_id, Registration.reg_date, Registration.result, Registration.next_due)
            .join(Credential, Credential.id == Registration.credential_id)
            .where(Credential.kind == "teacher", Credential.staff_id.in_(staff_ids))
            .order_by(Registration.credential_id, Registration.reg_date, Registration.id)).fetchall()
        for cred_id, reg_date, result, next_due in regs:
            latest[cred_id] = (reg_date, result, next_due)  # ordered by date: the last one wins
        creds = conn.execute(
            select(Credential.id, Credential.staff_id, Credential.cert_type, Credential.revoked, Credential.issue_date)
            .where(Credential.kind == "teacher", Credential.staff_id.in_(staff_ids))).fetchall()
        none = (None, None, None)
        for cid, staff_id, cert_type, revoked, issued in creds:
            reg_date, result, next_due = latest.get(cid, none)
            out.append(CertRow(cid, staff_id, cert_type, bool(revoked), issued, reg_date, result, next_due))
    return out


def _classes(session: Session, school_ids: list[int], period_id: int) -> list[ClassRow]:
    out: list[ClassRow] = []
    c = SchoolClass
    conn = session.connection()  # Core rows, as for staff
    for chunk in chunks(school_ids):
        rows = conn.execute(select(c.id, c.unit_id, c.grade, c.name, c.enrolled, c.boarders, c.disabled)
                            .where(c.period_id == period_id, c.unit_id.in_(chunk))
                            .order_by(c.unit_id, c.grade, c.name)).fetchall()
        out += [ClassRow(cid, unit_id, grade, name, enrolled or 0, boarders or 0, disabled or 0)
                for cid, unit_id, grade, name, enrolled, boarders, disabled in rows]
    return out


def _capacities(session: Session, school_ids: list[int], period_id: int) -> list[CapacityRow]:
    out: list[CapacityRow] = []
    s = StageCapacity
    for chunk in chunks(school_ids):
        rows = session.execute(select(s.unit_id, s.stage, s.approved_seats, s.resource_room)
                               .where(s.period_id == period_id, s.unit_id.in_(chunk)))
        out += [CapacityRow(r.unit_id, r.stage, r.approved_seats or 0, bool(r.resource_room)) for r in rows]
    return out


def _seat_tasks(session: Session, office_ids: list[int]) -> list[SeatTaskRow]:
    rows = session.execute(select(SeatTask.unit_id, SeatTask.stage, SeatTask.start_year, SeatTask.end_year,
                                  SeatTask.seats).where(SeatTask.unit_id.in_(office_ids)))
    return [SeatTaskRow(r.unit_id, r.stage, r.start_year, r.end_year, r.seats) for r in rows]


def _seats_added(session: Session, school_ids: list[int], tasks: list[SeatTaskRow],
                 year: int) -> dict[tuple[int, str], int]:
    current = [t for t in tasks if t.start_year <= year <= t.end_year]
    if not current:
        return {}
    start = min(t.start_year for t in current)
    out: dict[tuple[int, str], int] = {}
    a = SeatAddition
    for chunk in chunks(school_ids):
        rows = session.execute(
            select(a.unit_id, a.stage, func.sum(a.seats)).join(Period, Period.id == a.period_id)
            .where(a.unit_id.in_(chunk), Period.school_year >= start, Period.school_year <= year)
            .group_by(a.unit_id, a.stage))
        out.update({(r[0], r[1]): int(r[2] or 0) for r in rows})
    return out


def _rotations(session: Session, unit_ids: list[int], spec: TargetSetSpec, period: Period) -> list[RotationRow]:
    kinds = list(spec.setting("rotation").get("kinds", ()))
    start = add_years(period.census_date, -1)
    out: list[RotationRow] = []
    m = Movement
    for chunk in chunks(unit_ids):
        rows = session.execute(select(m.id, m.staff_id, m.kind, m.start_date).where(
            m.kind.in_(kinds), m.start_date >= start, m.start_date < period.census_date,
            m.staff_id.in_(people_in_post(chunk, period.census_date))))
        out += [RotationRow(r.id, r.staff_id, r.kind, r.start_date) for r in rows]
    return out


def _rotated_out(session: Session, unit_ids: list[int], spec: TargetSetSpec, period: Period) -> list[StaffRow]:
    """Staff who left a unit in scope by a rotation-kind 调出 (the movement starts from that unit) in the year
    before the census date: they count at the school they left (交流轮岗, issue 23)."""
    kinds = list(spec.setting("rotation").get("kinds", ()))
    start = add_years(period.census_date, -1)
    cols = (Staff.id, Staff.unit_id, Staff.name, Staff.category, Staff.employment_form, Staff.post,
            Staff.teaching_stage, Staff.subject, Staff.full_time, Staff.education, Staff.title,
            Staff.honour_level, Staff.join_date, Staff.first_work_date)
    m = Movement
    out: dict[int, StaffRow] = {}
    for chunk in chunks(unit_ids):
        rows = session.execute(
            select(*cols).join(m, m.staff_id == Staff.id).join(Unit, Unit.id == Staff.unit_id)
            .where(Staff.unit_id.in_(chunk), Staff.status == "ended", Staff.end_date >= start,
                   Staff.end_date <= period.census_date, m.kind.in_(kinds), m.from_unit_code == Unit.code,
                   m.start_date >= start, m.start_date < period.census_date))
        for r in rows:
            out[r[0]] = StaffRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11],
                                 r[12], r[13])
    return list(out.values())


def load_input(session: Session, unit_id: int, period: Period, spec: TargetSetSpec) -> IndicatorInput:
    """Everything the indicators read, in the caller's snapshot (training sums kept: ``training_sums``)."""
    units = scope_units(session, unit_id, period.census_date)
    ids = [u.id for u in units]
    schools = [u.id for u in units if u.kind == UnitKind.SCHOOL.value]
    offices = [u.id for u in units if u.kind != UnitKind.SCHOOL.value]
    tasks = _seat_tasks(session, offices) if offices else []
    staff = _staff(session, ids, period.census_date)
    # Every unit of the database is in scope (a school's own database, or the top office):
    # no need to filter 800,000 training rows by person.
    whole = len(ids) == session.scalar(select(func.count()).select_from(Unit))
    return IndicatorInput(
        unit=units[0], as_of=period.census_date, school_year=period.school_year, units=tuple(units),
        staff=tuple(staff), certs=tuple(_certs(session, ids, period.census_date)),
        training=tuple(training_sums(session, ids, spec, period.census_date, whole_database=whole,
                                    county_high=any(u.county_high_school for u in units),
                                    researchers=any(s.category == StaffCategory.RESEARCHER.value for s in staff))),
        classes=tuple(_classes(session, schools, period.id)),
        capacities=tuple(_capacities(session, schools, period.id)),
        seats_added=_seats_added(session, schools, tasks, period.school_year), seat_tasks=tuple(tasks),
        rotations=tuple(_rotations(session, ids, spec, period)),
        rotated_out=tuple(_rotated_out(session, ids, spec, period)),
    )


def split_by_school(inp: IndicatorInput) -> dict[int, IndicatorInput]:
    """One input per school, cut from an office's input without querying again."""
    staff_unit = {s.id: s.unit_id for s in inp.staff}
    groups: dict[str, dict[int, list[Any]]] = {k: defaultdict(list) for k in
                                              ("staff", "certs", "training", "classes", "capacities", "rotations",
                                               "rotated_out")}
    for s in inp.staff:
        groups["staff"][s.unit_id].append(s)
    for c in inp.certs:
        groups["certs"][staff_unit.get(c.staff_id, -1)].append(c)
    for t in inp.training:
        groups["training"][staff_unit.get(t.staff_id, -1)].append(t)
    for k in inp.classes:
        groups["classes"][k.unit_id].append(k)
    for cap in inp.capacities:
        groups["capacities"][cap.unit_id].append(cap)
    for r in inp.rotations:
        groups["rotations"][staff_unit.get(r.staff_id, -1)].append(r)
    for g in inp.rotated_out:
        groups["rotated_out"][g.unit_id].append(g)
    out: dict[int, IndicatorInput] = {}
    for u in inp.units:
        if u.kind != UnitKind.SCHOOL.value:
            continue
        def part(name: str, uid: int = u.id) -> tuple[Any, ...]:
            return tuple(groups[name].get(uid, ()))

        out[u.id] = replace(
            inp, unit=u, units=(u,), seat_tasks=(), staff=part("staff"), certs=part("certs"),
            training=part("training"), classes=part("classes"), capacities=part("capacities"),
            rotations=part("rotations"), rotated_out=part("rotated_out"), seats_added={k: v for k, v in inp.seats_added.items() if k[0] == u.id},
        )
    return out


def _resolve(session: Session, unit_id: int, period_id: int, target_set: str | None) -> tuple[Period, TargetSetSpec]:
    fetch(session, Unit, unit_id, "单位")
    period = fetch(session, Period, period_id, "统计期")
    spec = spec_in_session(session, target_set or chosen_code(session, unit_id, period_id))
    return period, spec


def compute_indicators(db: Database, unit_id: int, period_id: int, *, target_set: str | None = None) -> IndicatorReport:
    """Every indicator for the unit (a school, or an office over everything below it).

    Kept under the data stamp (``services.indicators.cache``): while the database is unchanged
    the report of the last computation is returned, from memory or from the cache file.
    """
    from desktop.services.core.stamp import data_stamp
    from desktop.services.indicators import cache

    stamp = data_stamp(db)  # taken before reading: a write meanwhile moves it, and the next call recomputes
    with db.session() as session:
        period, spec = _resolve(session, unit_id, period_id, target_set)
        key = cache.key_for(db, unit_id, period_id, spec)
        report = cache.kept(db, key, stamp)
        if report is not None:
            return report
        report = _report(session, unit_id, period, spec)
    cache.keep(db, key, stamp, report)
    return report


COMPUTATIONS = [0]  # how many times indicators were computed from the detail (the tests count recomputes)


def _report(session: Session, unit_id: int, period: Period, spec: TargetSetSpec) -> IndicatorReport:
    COMPUTATIONS[0] += 1
    # A city's input is ~250,000 rows and the results ~50,000 drill items, none in a reference cycle:
    # the cycle collector walking that growing heap every 700 allocations cost a third of the time.
    with paused_gc():
        inp = load_input(session, unit_id, period, spec)
        return IndicatorReport(unit_id=unit_id, period_id=period.id, target_set_code=spec.code,
                               results=compute(inp, spec))


def indicators_in(session: Session, unit_id: int, period_id: int, *, target_set: str | None = None) -> IndicatorReport:
    """``compute_indicators`` inside the caller's session (consolidation reads in one snapshot)."""
    period, spec = _resolve(session, unit_id, period_id, target_set)
    return _report(session, unit_id, period, spec)


def compute_indicators_by_school(db: Database, office_unit_id: int, period_id: int, *,
                                 target_set: str | None = None) -> dict[int, IndicatorReport]:
    """school id → report, for the schools below an office (one load, split in memory)."""
    with db.session() as session:
        period, spec = _resolve(session, office_unit_id, period_id, target_set)
        inp = load_input(session, office_unit_id, period, spec)
    return {uid: IndicatorReport(unit_id=uid, period_id=period_id, target_set_code=spec.code,
                                 results=compute(part, spec))
            for uid, part in split_by_school(inp).items()}
