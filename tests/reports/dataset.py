"""Small hand-made school and county datasets for the return tests, with the numbers worked out.

School 龙川县第一小学 (小学, 2025学年, census 2025-09-01). Target set: the default preset
(河源 2025): cycle 2021-01-01..2025-12-31, 450 学时 per cycle for teachers and principals;
at the census 56 of 60 months have passed, so 450 × 56/60 = 420 学时 are due.

| name | cat    | stage | 学历 | 职称   | 骨干 | cert (type) | last registration → next due | cycle hours |
|------|--------|-------|------|--------|------|-------------|------------------------------|-------------|
| 王堃 | 专任 F | 小学  | 本科 | 一级   | 市级 | 2 小学 ✓    | 2022-03-01 → 2027-03-01      | 430 达标    |
| 李喆 | 专任 M | 小学  | 专科 | 二级   | —    | 1 幼儿园 ✗  | 2020-10-01 → 2025-10-01 soon | 100         |
| 张赟 | 专任 F | 小学  | 硕士 | 高级   | 县级 | 3 初中 ✓    | 2019-01-01 → 2024-01-01 over | 420 达标    |
| 陈玥 | 专任 F | 小学  | 本科 | 未定级 | —    | none        | —                            | 0           |
| 刘䶮 | 行政 M 校长 | — | 本科 | 高级   | —    | —           | —                            | 450 达标    |
| 赵退 | 专任, ended 2024 (not counted anywhere)                                                    |

So 专任教师 4 (女 3); 学历 硕士 1, 本科 2, 专科 1; 职称 高级 1, 一级 1, 二级 1, 未定级 1;
骨干 市级及以上 1, 县级 1. Certificates: holders 3, valid for the stage 2 → 持证上岗率 50.0 %,
none 1; registration: 1 certificate overdue, 1 due within 6 months. Training: 5 people
(4 teachers + the principal), 3 达标 (王堃, 张赟, 刘䶮), 2 未达标; 合计 1400 学时.
Classes: 一年级(1)班 45 (1 disabled), 一年级(2)班 58 (大班额, 10 boarders), 二年级(1)班 67
(超大班额): 3 classes, 170 pupils, 10 boarders, 1 disabled; 核定学位 180 → 余缺 10.
New public seats: 新建 30 + 改扩建 15 = 45.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Explanation,
    Registration,
    SchoolClass,
    SeatAddition,
    SeatTask,
    StageCapacity,
    Submission,
    TrainingRecord,
    UnitPeriod,
)
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData, UnitData
from desktop.services.records.staff import create_staff, end_staff
from desktop.services.records.units import create_home_unit, create_unit
from desktop.services.year.periods import ensure_period

RARE_NAMES = ("王堃", "李喆", "张赟", "陈玥", "刘䶮")


def rid(birth: str, seq: int, area: str = "441622") -> str:
    first17 = f"{area}{birth}{seq:03d}"
    return first17 + id_check_char(first17)


@dataclass
class Person:
    name: str
    female: bool
    category: str = "11"
    post: str = "00"
    stage: str | None = "primary"
    education: str = "21"
    title: str = "9"
    honour: str | None = None
    cert: str | None = None
    reg: tuple[date, date] | None = None
    hours: tuple[float, ...] = ()


SCHOOL_A = [
    Person("王堃", True, education="21", title="3", honour="3", cert="2",
           reg=(date(2022, 3, 1), date(2027, 3, 1)), hours=(120, 150, 160)),
    Person("李喆", False, education="31", title="4", cert="1", reg=(date(2020, 10, 1), date(2025, 10, 1)),
           hours=(100,)),
    Person("张赟", True, education="14", title="2", honour="4", cert="3",
           reg=(date(2019, 1, 1), date(2024, 1, 1)), hours=(200, 220)),
    Person("陈玥", True, education="21", title="9"),
    Person("刘䶮", False, category="13", post="01", stage=None, education="21", title="2", hours=(450,)),
]
SCHOOL_B = [
    Person("黄一", True, stage="junior", education="21", title="3", cert="3",
           reg=(date(2023, 5, 1), date(2028, 5, 1)), hours=(200, 230)),
    Person("吴二", False, stage="junior", education="31", title="4", cert="4",
           reg=(date(2021, 6, 1), date(2026, 6, 1)), hours=(50,)),
]
_CATS = ("1", "2", "3")


def _add_people(db: Database, unit_id: int, people: list[Person], seq0: int) -> None:
    for i, p in enumerate(people):
        # The 17th digit is odd for men and even for women: keep the ID consistent with the person.
        number = rid("19850312", seq0 + i * 2 + (0 if p.female else 1))
        rec = create_staff(db, unit_id, StaffData(
            name=p.name, id_number=number, category=p.category, post=p.post, teaching_stage=p.stage,
            subject="01" if p.stage else None, education=p.education, title=p.title, honour_level=p.honour,
            ethnicity="01", join_date=date(2015, 9, 1),
        ))
        with db.session(write=True) as s:
            if p.cert:
                cred = Credential(staff_id=rec.id, kind="teacher", cert_type=p.cert,
                                  number=f"2010441000{p.cert}1{i:06d}")
                s.add(cred)
                s.flush()
                if p.reg:
                    s.add(Registration(credential_id=cred.id, reg_date=p.reg[0], result="1", next_due=p.reg[1]))
            for j, h in enumerate(p.hours):
                end = date(2022 + j, 7, 10)
                s.add(TrainingRecord(
                    staff_id=rec.id, title=f"培训{j}", start_date=end, end_date=end, level="4", mode="01",
                    category=_CATS[j % 3], topics="it;ethics" if j == 1 else "ethics", hours=float(h),
                ))


def _ended_teacher(db: Database, unit_id: int) -> None:
    rec = create_staff(db, unit_id, StaffData(name="赵退", id_number=rid("19600101", 901), teaching_stage="primary",
                                              education="21", title="2"))
    end_staff(db, rec.id, date(2024, 12, 31), "2")


def fill_school_a(db: Database, unit_id: int, period_id: int) -> None:
    _add_people(db, unit_id, SCHOOL_A, 100)
    _ended_teacher(db, unit_id)
    with db.session(write=True) as s:
        s.add_all([
            SchoolClass(unit_id=unit_id, period_id=period_id, grade="P1", name="一年级(1)班", enrolled=45, disabled=1),
            SchoolClass(unit_id=unit_id, period_id=period_id, grade="P1", name="一年级(2)班", enrolled=58,
                        boarders=10),
            SchoolClass(unit_id=unit_id, period_id=period_id, grade="P2", name="二年级(1)班", enrolled=67),
            StageCapacity(unit_id=unit_id, period_id=period_id, stage="primary", approved_seats=180),
            SeatAddition(unit_id=unit_id, period_id=period_id, stage="primary", method="1", seats=30),
            SeatAddition(unit_id=unit_id, period_id=period_id, stage="primary", method="2", seats=15),
        ])


def sign_off(db: Database, unit_id: int, period_id: int, **overrides: dict[str, str]) -> None:
    with db.session(write=True) as s:
        s.add(UnitPeriod(unit_id=unit_id, period_id=period_id, head_name="刘䶮", statistician_name="王堃",
                         preparer_name="陈玥", phone="0762-6812345", report_date=date(2025, 9, 18),
                         return_overrides=dict(overrides)))
        big = s.scalars(select(SchoolClass.uid).where(SchoolClass.unit_id == unit_id,
                                                      SchoolClass.name == "一年级(2)班")).first()
        s.add(Explanation(unit_id=unit_id, period_id=period_id, rule="class.large", record_key=big or "",
                          text="一年级(2)班因学区生源集中暂为大班额，2026年秋季分班后消除。"))


def school_db(db: Database) -> tuple[int, int]:
    """Home school with SCHOOL_A; returns (unit id, period id)."""
    unit = create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school",
                                         parent_code="441622", category="211", ownership="1", urban_rural="2"))
    period = ensure_period(db, 2025)
    fill_school_a(db, unit.id, period.id)
    sign_off(db, unit.id, period.id, roster={"批准文号": "龙教统〔2025〕1号"})
    return unit.id, period.id


def county_db(db: Database) -> tuple[int, int, int, int]:
    """County office with two schools; returns (county, school A, school B, period) ids.

    School B (初级中学): 黄一 本科 一级, cert 3, 380 h 达标; 吴二 专科 二级, cert 4, 50 h.
    Seats: task 小学 100, 初中 200 (十四五, 2021–2025); added 45 (A, 2025) + 50 新建 (B, 2025)
    + 20 购买 (B, 2024) → 小学 45 / 100, 初中 70 / 200, 合计 115 / 300 = 38.3 %.
    Submissions: A received (0 errors, 2 warnings) and approved; B never reported (未报送).
    """
    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    a = create_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school", parent_code="441622",
                                 category="211", ownership="1", urban_rural="2"))
    b = create_unit(db, UnitData(code="3144012346", name="龙川县第二中学", kind="school", parent_code="441622",
                                 category="311", ownership="1", urban_rural="3"))
    period = ensure_period(db, 2025)
    before = ensure_period(db, 2024)
    fill_school_a(db, a.id, period.id)
    _add_people(db, b.id, SCHOOL_B, 300)
    with db.session(write=True) as s:
        s.add_all([
            SchoolClass(unit_id=b.id, period_id=period.id, grade="J1", name="七年级(1)班", enrolled=50),
            StageCapacity(unit_id=b.id, period_id=period.id, stage="junior", approved_seats=60),
            SeatAddition(unit_id=b.id, period_id=period.id, stage="junior", method="1", seats=50),
            SeatAddition(unit_id=b.id, period_id=before.id, stage="junior", method="4", seats=20),
            SeatTask(unit_id=county.id, plan_name="十四五", start_year=2021, end_year=2025, stage="primary",
                     seats=100),
            SeatTask(unit_id=county.id, plan_name="十四五", start_year=2021, end_year=2025, stage="junior",
                     seats=200),
            Submission(unit_id=a.id, period_id=period.id, kind="received", file_name="a.erpkg",
                       package_hash="0" * 64, format_version=1, app_version="0.1.0",
                       created_at=date(2025, 9, 15), errors=0, warnings=2),
        ])
        # The county typed school A's data in above (代报), which made A's unit-period already.
        up = s.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == a.id, UnitPeriod.period_id == period.id)).first()
        if up is None:
            up = UnitPeriod(unit_id=a.id, period_id=period.id, return_overrides={})
            s.add(up)
        up.state = "approved"
    sign_off(db, county.id, period.id)
    return county.id, a.id, b.id, period.id
