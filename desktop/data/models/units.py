"""Units (填报单位), periods (统计期) and the per-unit-per-period reporting state."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, Timestamps, Versioned


class Unit(Timestamps, Versioned, Base):  # 填报单位: school, county office or city office
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)  # 学校标识码 or 行政区划代码
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10), index=True)  # UnitKind
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    # The parent's code is kept even when the parent is not in this database
    # (a school database knows its county only by code).
    parent_code: Mapped[str | None] = mapped_column(String(10))
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)  # the unit this database belongs to
    # School attributes (NULL for offices).
    category: Mapped[str | None] = mapped_column(String(4))  # SchoolCategory
    ownership: Mapped[str | None] = mapped_column(String(2))  # Ownership
    urban_rural: Mapped[str | None] = mapped_column(String(2))  # UrbanRural
    boarding: Mapped[bool] = mapped_column(Boolean, default=False)  # 寄宿制
    township_central: Mapped[bool] = mapped_column(Boolean, default=False)  # 乡镇中心校 (三所学校)
    county_high_school: Mapped[bool] = mapped_column(Boolean, default=False)  # 县域普通高中 (县中)
    campuses: Mapped[int] = mapped_column(Integer, default=1)  # 校区数 (psychology-teacher rule)
    address: Mapped[str | None] = mapped_column(String(200))
    contact_person: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    closed_on: Mapped[date | None] = mapped_column(Date)  # 撤销; a unit is never deleted


class Period(Timestamps, Base):  # 统计期 (学年)
    __tablename__ = "periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_year: Mapped[int] = mapped_column(Integer, unique=True)  # 2025 = 2025学年 (2025-09-01..2026-08-31)
    census_date: Mapped[date] = mapped_column(Date)  # 统计时点, normally 1 Sep
    due_date: Mapped[date | None] = mapped_column(Date)  # 报送截止, normally 20 Sep
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    rolled_from_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"))


class UnitPeriod(Timestamps, Versioned, Base):  # 填报状态: workflow and sign-off of one unit for one period
    __tablename__ = "unit_periods"
    __table_args__ = (UniqueConstraint("unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="draft")  # WorkflowState
    target_set_id: Mapped[int | None] = mapped_column(ForeignKey("target_sets.id"))
    due_date: Mapped[date | None] = mapped_column(Date)  # set by the office for this unit
    ready: Mapped[bool] = mapped_column(Boolean, default=False)  # checks pass, return may be exported
    # What ``ready`` vouches for (services/returns/readiness.py): a later data change makes the mark stale.
    ready_fingerprint: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(50))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_comment: Mapped[str | None] = mapped_column(Text)  # 退回意见
    unlock_reason: Mapped[str | None] = mapped_column(Text)
    # 代报: the office that entered or imported this unit's data for it ("本表由县教育局代报").
    proxy_by: Mapped[str | None] = mapped_column(String(100))
    approve_override_reason: Mapped[str | None] = mapped_column(Text)  # office approves with units pending
    absence_reason: Mapped[str | None] = mapped_column(Text)  # why the office holds no package (recorded by it)
    # Sign-off block printed on every return (报表表尾).
    head_name: Mapped[str | None] = mapped_column(String(50))  # 单位负责人
    statistician_name: Mapped[str | None] = mapped_column(String(50))  # 统计负责人
    preparer_name: Mapped[str | None] = mapped_column(String(50))  # 填表人
    phone: Mapped[str | None] = mapped_column(String(30))  # 联系电话
    report_date: Mapped[date | None] = mapped_column(Date)  # 报出日期
    # Per-unit header overrides of return definitions: {return_code: {"表号": …, "批准文号": …}}.
    return_overrides: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
