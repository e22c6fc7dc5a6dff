"""Plain rows the engine computes over (loaded by ``desktop.services.indicators.compute``).

Nothing here knows about the database: the service turns query rows into these
tuples, and tests may build them by hand. Training arrives already summed per
person (the SQL does the GROUP BY over hundreds of thousands of records).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class UnitRow:  # a school or an office in scope
    id: int
    code: str
    name: str
    kind: str  # UnitKind
    category: str | None = None  # SchoolCategory
    ownership: str | None = None  # Ownership
    urban_rural: str | None = None  # UrbanRural
    county_high_school: bool = False
    campuses: int = 1


@dataclass(frozen=True, slots=True)
class StaffRow:  # a person in post on the census date (services.indicators.in_post_on)
    id: int
    unit_id: int
    name: str
    category: str = "11"  # StaffCategory
    employment_form: str = "1"  # EmploymentForm
    post: str = "00"  # Post
    stage: str | None = None  # Stage taught (school's stage when the record leaves it empty)
    subject: str | None = None
    full_time: bool = True
    education: str | None = None  # EducationLevel
    title: str = "9"  # Title
    honour_level: str | None = None  # HonourLevel
    join_date: date | None = None
    first_work_date: date | None = None


@dataclass(frozen=True, slots=True)
class CertRow:  # a teacher certificate (教师资格证) of an active person
    id: int
    staff_id: int
    cert_type: str | None  # TeacherCertType
    revoked: bool = False
    issue_date: date | None = None
    last_reg_date: date | None = None
    last_result: str | None = None  # RegistrationResult of the latest registration
    next_due: date | None = None  # of the latest registration


@dataclass(frozen=True, slots=True)
class TrainingSums:  # one person's hours in the windows the indicators need
    staff_id: int
    cycle: float = 0.0  # current 5-year cycle, up to the reference date
    it: float = 0.0  # topic 信息技术应用能力, last it_window_years
    face_to_face: float = 0.0  # 面授 modes, last three_zone window
    online: float = 0.0  # 网络研修, last three_zone window
    county_high: float = 0.0  # all hours, last county_high_window_years
    last_year: float = 0.0  # all hours, last 12 months


@dataclass(frozen=True, slots=True)
class ClassRow:
    id: int
    unit_id: int
    grade: str  # Grade
    name: str
    enrolled: int
    boarders: int = 0
    disabled: int = 0


@dataclass(frozen=True, slots=True)
class CapacityRow:
    unit_id: int
    stage: str
    approved_seats: int
    resource_room: bool = False


@dataclass(frozen=True, slots=True)
class SeatTaskRow:
    unit_id: int
    stage: str
    start_year: int
    end_year: int
    seats: int


@dataclass(frozen=True, slots=True)
class RotationRow:  # a 交流/支教/跟岗 movement that started in the period
    id: int
    staff_id: int
    kind: str
    start_date: date


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    """Everything one computation needs, for one unit (a school or an office) and period."""

    unit: UnitRow
    as_of: date  # the reference date (统计时点 of the period)
    school_year: int
    units: tuple[UnitRow, ...]  # every unit in scope, the unit itself included
    staff: tuple[StaffRow, ...] = ()
    certs: tuple[CertRow, ...] = ()
    training: tuple[TrainingSums, ...] = ()
    classes: tuple[ClassRow, ...] = ()
    capacities: tuple[CapacityRow, ...] = ()
    seats_added: dict[tuple[int, str], int] = field(default_factory=dict)  # (unit, stage) → seats in the plan so far
    seat_tasks: tuple[SeatTaskRow, ...] = ()
    rotations: tuple[RotationRow, ...] = ()
    # 交流轮岗 out of a unit in scope in the year before ``as_of`` (调出 by a rotation-kind move):
    # no longer in post there, still counted by the school they left (issue 23).
    rotated_out: tuple[StaffRow, ...] = ()
