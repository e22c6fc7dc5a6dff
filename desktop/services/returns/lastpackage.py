"""Last year's figures from a received package kept beside the office's database.

An office that started a new database this year (or whose database lacks last year's period)
still holds last year's packages of its schools in ``received/<学年>/``. The package is opened
and verified like any received package (``exchange.verify.open_package``) and its detail rows
become the engine's input for that year's census date — people in post then, their
certificates and training sums, the classes and seats — without touching the database.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from desktop.appdirs import received_dir_for
from desktop.data.engine import Database
from desktop.data.models import Period
from desktop.domain.codes import StaffCategory, TrainingMode, TrainingTopic, UnitKind
from desktop.domain.indicators import (
    CapacityRow,
    CertRow,
    ClassRow,
    IndicatorInput,
    RotationRow,
    StaffRow,
    TrainingSums,
    UnitRow,
)
from desktop.domain.indicators.common import add_years
from desktop.domain.indicators.training import windows
from desktop.domain.rules.figures import year_start
from desktop.domain.targetset import TargetSetSpec
from desktop.domain.unitcodes import is_unit_code
from desktop.exchange.package import EXTENSION
from desktop.exchange.tables import BY_NAME
from desktop.exchange.verify import PackageError, PackageReader, open_package
from desktop.services.core.errors import ServiceError

FACE_TO_FACE = {m.value for m in TrainingMode if m.is_face_to_face}


def kept_folder(db: Database, school_year: int) -> Path | None:
    """The folder of the packages of ``school_year`` kept beside the database (None without a file)."""
    return received_dir_for(db.path) / str(school_year) if db.path is not None else None


def kept_package(db: Database, unit_code: str, school_year: int) -> Path | None:
    """Where the received package of a unit is kept (None for a database without a file)."""
    if db.path is None:
        return None
    if not is_unit_code(unit_code):  # a path is built only from a valid code (exchange.scope)
        raise ServiceError(f"单位代码“{unit_code[:40]}”无效，不能保存或读取它的数据包。")
    return received_dir_for(db.path) / str(school_year) / f"{unit_code}_{school_year}学年{EXTENSION}"


def _rows(reader: PackageReader, table: str) -> list[dict[str, Any]]:
    if not reader.has_table(table):
        return []
    cols = BY_NAME[table].columns
    return [dict(zip(cols, r, strict=True)) for r in reader.rows(table)]


def _day(v: Any) -> date | None:
    return date.fromisoformat(str(v)[:10]) if v else None


def read_package_input(path: Path, spec: TargetSetSpec) -> tuple[IndicatorInput, dict[str, float]] | None:
    """The engine's input for the package's unit on its census date, and its leavers; None if unreadable."""
    try:
        with open_package(path) as reader:
            m = reader.manifest
            census = date.fromisoformat(m.census_date)
            tables = {t: _rows(reader, t) for t in ("units", "staff", "credentials", "registrations", "training",
                                                    "classes", "capacities", "movements")}
    except (PackageError, OSError, ValueError):
        return None
    units = [UnitRow(i + 1, u["code"], u["name"], u["kind"], u["category"], u["ownership"], u["urban_rural"],
                     bool(u["county_high_school"]), u["campuses"] or 1) for i, u in enumerate(tables["units"])]
    ids = {u.code: u.id for u in units}
    root = next((u for u in units if u.code == m.unit_code), None)
    if root is None:
        return None
    staff, uid_of, left = [], {}, {"teachers_left": 0.0, "staff_left": 0.0}
    start = year_start(census)
    for n, s in enumerate(tables["staff"], start=1):
        end, joined = _day(s["end_date"]), _day(s["join_date"])
        if s["status"] == "ended" and end and start < end <= census:
            left["staff_left"] += 1
            left["teachers_left"] += s["category"] == StaffCategory.TEACHER.value
        if not ((s["status"] == "active" or (end and end > census)) and (joined is None or joined <= census)):
            continue
        uid_of[s["uid"]] = n
        staff.append(StaffRow(n, ids.get(s["unit_code"], 0), s["name"], s["category"], s["employment_form"], s["post"],
                              s["teaching_stage"], s["subject"], bool(s["full_time"]), s["education"], s["title"],
                              s["honour_level"], joined, _day(s["first_work_date"])))
    latest: dict[str, tuple[Any, Any, Any]] = {}
    for r in sorted(tables["registrations"], key=lambda r: str(r["reg_date"])):
        latest[r["credential_uid"]] = (_day(r["reg_date"]), r["result"], _day(r["next_due"]))
    certs = [CertRow(n, uid_of[c["staff_uid"]], c["cert_type"], bool(c["revoked"]), _day(c["issue_date"]),
                     *latest.get(c["uid"], (None, None, None)))
             for n, c in enumerate(tables["credentials"], start=1) if c["kind"] == "teacher" and c["staff_uid"] in uid_of]
    teachers = {s.id for s in staff if s.category == StaffCategory.TEACHER.value}
    training = _training(tables["training"], uid_of, spec, census)
    left["training_hours_year"] = sum(t.last_year for t in training if t.staff_id in teachers)
    inp = IndicatorInput(
        unit=root, as_of=census, school_year=m.school_year, units=tuple(units), staff=tuple(staff),
        certs=tuple(certs), training=tuple(training),
        classes=tuple(ClassRow(n, ids.get(c["unit_code"], 0), c["grade"], c["name"], c["enrolled"] or 0,
                               c["boarders"] or 0, c["disabled"] or 0) for n, c in enumerate(tables["classes"], 1)
                      if c["unit_code"] in ids),
        capacities=tuple(CapacityRow(ids.get(c["unit_code"], 0), c["stage"], c["approved_seats"] or 0,
                                     bool(c["resource_room"])) for c in tables["capacities"]),
        rotations=tuple(_rotations(tables["movements"], uid_of, spec, census)),
    )
    return inp, left


def _rotations(rows: list[dict[str, Any]], uid_of: dict[str, int], spec: TargetSetSpec,
               census: date) -> list[RotationRow]:
    """The 交流轮岗 movements that started in the year before the census date (as ``compute._rotations``)."""
    kinds = set(spec.setting("rotation").get("kinds", ()))
    start = add_years(census, -1)
    out = []
    for n, m in enumerate(rows, start=1):
        begun = _day(m["start_date"])
        if m["kind"] in kinds and m["staff_uid"] in uid_of and begun and start <= begun < census:
            out.append(RotationRow(n, uid_of[m["staff_uid"]], m["kind"], begun))
    return out


def _training(rows: list[dict[str, Any]], uid_of: dict[str, int], spec: TargetSetSpec,
              census: date) -> list[TrainingSums]:
    w = windows(spec, census)
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for t in rows:
        sid, end, hours = uid_of.get(t["staff_uid"]), _day(t["end_date"]), float(t["hours"] or 0)
        if sid is None or end is None or hours <= 0 or not w.earliest <= end <= census:
            continue
        s = sums[sid]
        if end >= w.cycle_start:
            s["cycle"] += hours
        if TrainingTopic.IT.value in str(t["topics"] or "").split(";") and end > w.it_start:
            s["it"] += hours
        if end > w.three_zone_start:
            s["face_to_face"] += hours if t["mode"] in FACE_TO_FACE else 0
            s["online"] += hours if t["mode"] == TrainingMode.ONLINE.value else 0
        if end > w.county_high_start:
            s["county_high"] += hours
        if end > w.year_start:
            s["last_year"] += hours
    return [TrainingSums(sid, **dict(v)) for sid, v in sums.items()]


def package_input(db: Database | None, unit_code: str, period: Period,
                  spec: TargetSetSpec) -> tuple[IndicatorInput, dict[str, float], Period] | None:
    """Last year's input of ``unit_code`` from the package this office kept, or None."""
    if db is None or db.key is not None:  # an encrypted database keeps no plain copies
        return None
    year = period.school_year - 1
    path = kept_package(db, unit_code, year)
    if path is None or not path.is_file():
        return None
    found = read_package_input(path, spec)
    if found is None:
        return None
    inp, left = found
    if inp.unit.kind != UnitKind.SCHOOL.value and inp.unit.code != unit_code:
        return None
    return inp, left, Period(school_year=year, census_date=inp.as_of)
