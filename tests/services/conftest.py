"""A small hand-made county, written straight into a real temporary database.

Every number the indicator tests expect is worked out by hand from the table
below (census date 2025-09-01, 河源 preset: cycle 2021–2025, 450 学时).

County office 龙川县 (441622) with four schools:
  A 2144000001 小学     公办       城区  (classes P1 40, P2 58, P3 70, P4 30 [3 disabled], P5 32 [2 disabled])
  B 3144000002 初中     公办       乡村  (classes J1 45, J2 50)
  K 1144000003 幼儿园   普惠性民办 镇区  (classes 小班 28, 中班 30)
  H 3444000004 高中     公办       城区  县中 (classes S1 60, S2 50)

Staff (category 11 专任教师 unless noted; employment 在编 unless noted):
  a1 张一  A primary  本科  一级  县级骨干  join 2010  cert 小学, due 2027-01-01
  a2 李二  A primary  专科  高级            join 2015  cert 幼儿园 issued 2015-06-01, never registered
  a3 王三  A primary  硕士  未定级 市级骨干 join 2022  cert 初中, registered 2021-03-01, due 2026-01-15
  a4 赵四  A primary  专科  临聘            join 2024  no certificate
  a5 钱五  A 行政人员, 校长, 本科
  b1 周七  B junior   本科  高级  县级骨干  join 2012  cert 初中, due 2028-01-01
  b2 吴八  B junior   专科  一级            join 2016  cert 小学, due 2027-01-01
  b3 郑九  B junior   专科  校长 (teaches)  join 2011  cert 高中, due 2029-01-01
  k1 冯十  K preschool 专科                 join 2018  cert 幼儿园, due 2027-01-01
  k2 陈十一 K preschool 高中阶段  代课       join 2023  no certificate
  k3 褚园长 K 行政人员, 园长, 专科
  h1 卫一  H senior   硕士  正高级          join 2005  cert 高中, due 2028-01-01
  h2 蒋二  H senior   本科  一级            join 2020  cert 高中 revoked
  r1 沈研  office 教研员   r2 韩研 office 教研员

Training (学时, end date, mode, topics):
  a1 300 2023-06-30 面授; 130 2025-03-01 网络 it        a2 100 2020-12-31 (last cycle); 200 2024-05-01 校本
  a3 420 2025-09-01 网络 it;ethics                     a4 50 2025-10-01 (after the census date)
  a5 450 2022-01-01 面授                               h1 100 2024-01-01 面授
  r1 95 2025-06-01                                     r2 80 2025-01-01
Movements: a1 交流 2024-10-01; h1 支教 2023-09-01; a2 调动 2025-01-01; b1 交流 2025-02-01.
Capacity: A 小学 220 seats; B 初中 100 seats. Seat task (十四五 2021–2025): 小学 1000, 初中 500.
Seat additions: A 小学 300 (2024学年), 200 (2025学年), 999 (2020学年); B 初中 100 (2025学年).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

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
    TrainingRecord,
    Unit,
)


@dataclass
class County:
    db: Database
    office: int
    period: int
    units: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    credentials: dict[str, int] = field(default_factory=dict)


_SCHOOLS = {
    "A": ("2144000001", "龙川县城区小学", "211", "1", "1", False),
    "B": ("3144000002", "龙川县乡村初中", "311", "1", "3", False),
    "K": ("1144000003", "龙川县镇区幼儿园", "111", "2", "2", False),
    "H": ("3444000004", "龙川县第一中学", "342", "1", "1", True),
}

# key: (school, name, category, employment, post, stage, education, title, honour, join year)
_STAFF = {
    "a1": ("A", "张一", "11", "1", "00", "primary", "21", "3", "4", 2010),
    "a2": ("A", "李二", "11", "1", "00", "primary", "31", "2", None, 2015),
    "a3": ("A", "王三", "11", "1", "00", "primary", "14", "9", "3", 2022),
    "a4": ("A", "赵四", "11", "3", "00", "primary", "31", "9", None, 2024),
    "a5": ("A", "钱五", "13", "1", "01", None, "21", "3", None, 2008),
    "b1": ("B", "周七", "11", "1", "00", "junior", "21", "2", "4", 2012),
    "b2": ("B", "吴八", "11", "1", "00", "junior", "31", "3", None, 2016),
    "b3": ("B", "郑九", "11", "1", "01", "junior", "31", "3", None, 2011),
    "k1": ("K", "冯十", "11", "1", "00", "preschool", "31", "9", None, 2018),
    "k2": ("K", "陈十一", "11", "4", "00", "preschool", "61", "9", None, 2023),
    "k3": ("K", "褚园长", "13", "1", "03", None, "31", "3", None, 2014),
    "h1": ("H", "卫一", "11", "1", "00", "senior", "14", "1", None, 2005),
    "h2": ("H", "蒋二", "11", "1", "00", "senior", "21", "3", None, 2020),
    "r1": ("C", "沈研", "91", "1", "00", None, "14", "2", None, 2000),
    "r2": ("C", "韩研", "91", "1", "00", None, "21", "2", None, 2001),
}

# key: (staff, cert type, issue date, revoked, registration (date, result, next_due) or None)
_CERTS = {
    "a1": ("a1", "2", date(2012, 1, 1), False, (date(2022, 1, 1), "1", date(2027, 1, 1))),
    "a2": ("a2", "1", date(2015, 6, 1), False, None),
    "a3": ("a3", "3", date(2016, 1, 1), False, (date(2021, 3, 1), "1", date(2026, 1, 15))),
    "b1": ("b1", "3", date(2013, 1, 1), False, (date(2023, 1, 1), "1", date(2028, 1, 1))),
    "b2": ("b2", "2", date(2017, 1, 1), False, (date(2022, 1, 1), "1", date(2027, 1, 1))),
    "b3": ("b3", "4", date(2010, 1, 1), False, (date(2024, 1, 1), "1", date(2029, 1, 1))),
    "k1": ("k1", "1", date(2018, 1, 1), False, (date(2022, 1, 1), "1", date(2027, 1, 1))),
    "h1": ("h1", "4", date(2005, 1, 1), False, (date(2023, 1, 1), "1", date(2028, 1, 1))),
    "h2": ("h2", "4", date(2020, 1, 1), True, None),
}

# (staff, hours, end date, mode, topics)
_TRAINING = [
    ("a1", 300, date(2023, 6, 30), "01", ""),
    ("a1", 130, date(2025, 3, 1), "02", "it"),
    ("a2", 100, date(2020, 12, 31), "01", ""),
    ("a2", 200, date(2024, 5, 1), "03", ""),
    ("a3", 420, date(2025, 9, 1), "02", "ethics;it"),
    ("a4", 50, date(2025, 10, 1), "01", ""),
    ("a5", 450, date(2022, 1, 1), "01", ""),
    ("h1", 100, date(2024, 1, 1), "01", ""),
    ("r1", 95, date(2025, 6, 1), "01", ""),
    ("r2", 80, date(2025, 1, 1), "01", ""),
]

# (school, grade, name, enrolled, boarders, disabled)
_CLASSES = {
    "A1": ("A", "P1", "一年级(1)班", 40, 0, 0),
    "A2": ("A", "P2", "二年级(1)班", 58, 0, 0),
    "A3": ("A", "P3", "三年级(1)班", 70, 0, 0),
    "A4": ("A", "P4", "四年级(1)班", 30, 0, 3),
    "A5": ("A", "P5", "五年级(1)班", 32, 0, 2),
    "B1": ("B", "J1", "七年级(1)班", 45, 10, 0),
    "B2": ("B", "J2", "八年级(1)班", 50, 10, 0),
    "K1": ("K", "K1", "小一班", 28, 0, 0),
    "K2": ("K", "K2", "中一班", 30, 0, 0),
    "H1": ("H", "S1", "高一(1)班", 60, 60, 0),
    "H2": ("H", "S2", "高二(1)班", 50, 50, 0),
}

_MOVES = [("a1", "exchange", date(2024, 10, 1)), ("h1", "support", date(2023, 9, 1)),
          ("a2", "transfer", date(2025, 1, 1)), ("b1", "exchange", date(2025, 2, 1))]


def build_county(db: Database) -> County:
    with db.session(write=True) as s:
        periods = {y: Period(school_year=y, census_date=date(y, 9, 1), due_date=date(y, 9, 20))
                   for y in (2020, 2024, 2025)}
        s.add_all(periods.values())
        office = Unit(code="441622", name="龙川县教育局", kind="county", is_home=True)
        s.add(office)
        s.flush()
        county = County(db=db, office=office.id, period=periods[2025].id)
        county.units["C"] = office.id
        for key, (code, name, cat, own, ur, county_high) in _SCHOOLS.items():
            u = Unit(code=code, name=name, kind="school", parent_id=office.id, parent_code="441622", category=cat,
                     ownership=own, urban_rural=ur, county_high_school=county_high)
            s.add(u)
            s.flush()
            county.units[key] = u.id
        for n, (key, row) in enumerate(_STAFF.items()):
            school, name, cat, emp, post, stage, edu, title, honour, joined = row
            st = Staff(unit_id=county.units[school], name=name, id_number=f"44162219800101{n:04d}",
                       id_digest=f"digest-{key}", gender="1", category=cat, employment_form=emp, post=post,
                       teaching_stage=stage, education=edu, title=title, honour_level=honour,
                       join_date=date(joined, 9, 1), status="active")
            s.add(st)
            s.flush()
            county.staff[key] = st.id
        for key, (who, kind, issued, revoked, reg) in _CERTS.items():
            c = Credential(staff_id=county.staff[who], kind="teacher", cert_type=kind, issue_date=issued,
                           revoked=revoked)
            s.add(c)
            s.flush()
            county.credentials[key] = c.id
            if reg:
                s.add(Registration(credential_id=c.id, reg_date=reg[0], result=reg[1], next_due=reg[2]))
        for who, hours, end, mode, topics in _TRAINING:
            s.add(TrainingRecord(staff_id=county.staff[who], title="培训", start_date=end, end_date=end, level="4",
                                 mode=mode, category="2", topics=topics, hours=hours))
        for key, (school, grade, name, enrolled, boarders, disabled) in _CLASSES.items():
            k = SchoolClass(unit_id=county.units[school], period_id=periods[2025].id, grade=grade, name=name,
                            enrolled=enrolled, boarders=boarders, disabled=disabled)
            s.add(k)
            s.flush()
            county.classes[key] = k.id
        for who, kind, start in _MOVES:
            s.add(Movement(staff_id=county.staff[who], kind=kind, start_date=start))
        s.add(StageCapacity(unit_id=county.units["A"], period_id=periods[2025].id, stage="primary", approved_seats=220))
        s.add(StageCapacity(unit_id=county.units["B"], period_id=periods[2025].id, stage="junior", approved_seats=100))
        s.add(SeatTask(unit_id=office.id, plan_name="十四五", start_year=2021, end_year=2025, stage="primary", seats=1000))
        s.add(SeatTask(unit_id=office.id, plan_name="十四五", start_year=2021, end_year=2025, stage="junior", seats=500))
        for school, year, stage, seats in (("A", 2024, "primary", 300), ("A", 2025, "primary", 200),
                                           ("A", 2020, "primary", 999), ("B", 2025, "junior", 100)):
            s.add(SeatAddition(unit_id=county.units[school], period_id=periods[year].id, stage=stage, method="1",
                               seats=seats))
    return county


@pytest.fixture
def county(db: Database) -> County:
    return build_county(db)
