"""Plain records that services accept and return (never live ORM objects).

``*Data`` classes hold the fields a user edits; ``*Record`` classes add the
identity and bookkeeping a stored record has. Codes are the ``value`` strings
of the enums in ``desktop.domain.codes``; dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitData:  # 填报单位
    code: str
    name: str
    kind: str  # UnitKind
    parent_code: str | None = None
    category: str | None = None  # SchoolCategory
    ownership: str | None = None  # Ownership
    urban_rural: str | None = None  # UrbanRural
    boarding: bool = False
    township_central: bool = False
    county_high_school: bool = False
    campuses: int = 1
    address: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitRecord(UnitData):
    id: int
    parent_id: int | None
    is_home: bool
    version: int
    closed_on: date | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class PeriodRecord:  # 统计期
    id: int
    school_year: int
    census_date: date
    due_date: date | None
    closed: bool
    rolled_from_id: int | None = None  # the period this one was built from (开始新学年)

    @property
    def label(self) -> str:
        return f"{self.school_year}学年"


@dataclass(frozen=True, kw_only=True, slots=True)
class StaffData:  # 教职工
    name: str
    id_type: str = "1"
    id_number: str = ""
    gender: str | None = None  # derived from a resident ID when not given
    birth_date: date | None = None  # derived from a resident ID when not given
    ethnicity: str | None = None
    political_status: str | None = None
    phone: str | None = None
    staff_no: str | None = None
    category: str = "11"
    employment_form: str = "1"
    post: str = "00"
    first_work_date: date | None = None
    join_date: date | None = None
    teaching_stage: str | None = None
    subject: str | None = None
    full_time: bool = True
    education: str | None = None
    degree: str | None = None
    major: str | None = None
    normal_major: bool = False
    first_education: str | None = None
    title: str = "9"
    honour_level: str | None = None
    honour_year: int | None = None
    note: str | None = None
    # Counted by the national forms (教基 series; docs/national.md).
    not_teaching: bool = False  # 本学年不授课
    external_teacher: bool = False  # 校外教师
    foreign_national: bool = False  # 外籍
    overseas: str | None = None  # OverseasStatus (港澳台侨)


@dataclass(frozen=True, kw_only=True, slots=True)
class StaffRecord(StaffData):
    id: int
    uid: str
    unit_id: int
    version: int
    status: str  # active | ended
    end_date: date | None = None
    end_reason: str | None = None
    id_masked: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class MovementData:  # 任职经历 / 交流轮岗
    kind: str  # MovementKind
    start_date: date
    end_date: date | None = None
    from_unit_code: str | None = None
    from_unit_name: str | None = None
    to_unit_code: str | None = None
    to_unit_name: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class MovementRecord(MovementData):
    id: int
    uid: str
    staff_id: int


@dataclass(frozen=True, kw_only=True, slots=True)
class RegistrationData:  # 定期注册
    reg_date: date
    result: str  # RegistrationResult
    next_due: date | None = None  # reg_date + 5 years when not given
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class RegistrationRecord(RegistrationData):
    id: int
    credential_id: int


@dataclass(frozen=True, kw_only=True, slots=True)
class CredentialData:  # 资格证书
    kind: str = "teacher"  # CredentialKind
    cert_type: str | None = None  # TeacherCertType
    subject: str | None = None
    number: str | None = None
    grade: str | None = None
    issue_date: date | None = None
    issuer: str | None = None
    revoked: bool = False
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CredentialRecord(CredentialData):
    id: int
    uid: str
    staff_id: int
    version: int
    registrations: tuple[RegistrationRecord, ...] = ()

    @property
    def next_due(self) -> date | None:
        """Next 定期注册 due date from the newest registration, if any."""
        dated = [r for r in self.registrations if r.next_due is not None]
        return max(dated, key=lambda r: r.reg_date).next_due if dated else None


@dataclass(frozen=True, kw_only=True, slots=True)
class TrainingData:  # 培训记录
    title: str
    start_date: date
    end_date: date
    hours: float
    level: str  # TrainingLevel
    mode: str  # TrainingMode
    category: str  # TrainingCategory
    topics: tuple[str, ...] = ()  # TrainingTopic codes
    organiser: str | None = None
    certificate_no: str | None = None
    verified_by: str | None = None
    verified_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class TrainingRecordOut(TrainingData):
    id: int
    uid: str
    staff_id: int
    version: int
    source: str = "manual"


@dataclass(frozen=True, kw_only=True, slots=True)
class ClassData:  # 班级
    grade: str  # Grade
    name: str
    enrolled: int = 0
    boarders: int = 0
    disabled: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class ClassRecord(ClassData):
    id: int
    uid: str
    unit_id: int
    period_id: int
    version: int


@dataclass(frozen=True, kw_only=True, slots=True)
class CapacityData:  # 学位 per stage
    stage: str  # Stage
    approved_seats: int = 0
    boarding_seats: int = 0
    resource_room: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class CapacityRecord(CapacityData):
    id: int
    unit_id: int
    period_id: int
    version: int


@dataclass(frozen=True, kw_only=True, slots=True)
class SeatAdditionData:  # 新增公办学位
    stage: str
    method: str  # SeatMethod
    seats: int
    project: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SeatAdditionRecord(SeatAdditionData):
    id: int
    uid: str
    unit_id: int
    period_id: int


@dataclass(frozen=True, kw_only=True, slots=True)
class SeatTaskData:  # 学位建设任务
    plan_name: str
    start_year: int
    end_year: int
    stage: str
    seats: int


@dataclass(frozen=True, kw_only=True, slots=True)
class SeatTaskRecord(SeatTaskData):
    id: int
    unit_id: int
    version: int


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckSummary:  # result of `check`: integrity plus validation findings by rule
    integrity_ok: bool
    integrity_messages: tuple[str, ...]
    counts_by_rule: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
