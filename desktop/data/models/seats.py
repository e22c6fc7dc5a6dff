"""Classes, seats and the county seat-building task (班额与学位), kept per period."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, HasUid, Timestamps, Versioned


class SchoolClass(HasUid, Timestamps, Versioned, Base):  # 班级
    __tablename__ = "classes"
    __table_args__ = (Index("ix_classes_unit_period", "unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    grade: Mapped[str] = mapped_column(String(2))  # Grade (stage follows from it)
    name: Mapped[str] = mapped_column(String(50))  # 班级名称, e.g. 三年级(2)班
    enrolled: Mapped[int] = mapped_column(Integer, default=0)  # 在校(园)学生数
    boarders: Mapped[int] = mapped_column(Integer, default=0)  # 其中寄宿生
    disabled: Mapped[int] = mapped_column(Integer, default=0)  # 其中残疾学生 (随班就读)
    rolled_from_uid: Mapped[str | None] = mapped_column(String(32))  # the class it was promoted from


class StageCapacity(Timestamps, Versioned, Base):  # 学位: per school, period and stage
    __tablename__ = "stage_capacities"
    __table_args__ = (UniqueConstraint("unit_id", "period_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    stage: Mapped[str] = mapped_column(String(12))  # Stage
    approved_seats: Mapped[int] = mapped_column(Integer, default=0)  # 核定学位
    boarding_seats: Mapped[int] = mapped_column(Integer, default=0)  # 寄宿学位
    resource_room: Mapped[bool] = mapped_column(default=False)  # 资源教室 (school-level, kept on the first stage)


class SeatAddition(HasUid, Timestamps, Base):  # 新增公办学位 this period and how
    __tablename__ = "seat_additions"
    __table_args__ = (Index("ix_seat_additions_unit_period", "unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    stage: Mapped[str] = mapped_column(String(12))  # Stage
    method: Mapped[str] = mapped_column(String(1))  # SeatMethod
    seats: Mapped[int] = mapped_column(Integer)
    project: Mapped[str | None] = mapped_column(String(200))  # 项目名称
    note: Mapped[str | None] = mapped_column(Text)


class SeatTask(Timestamps, Versioned, Base):  # 学位建设任务 of a county for a plan period (000 附件3)
    __tablename__ = "seat_tasks"
    __table_args__ = (UniqueConstraint("unit_id", "plan_name", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # the county (or city) office
    plan_name: Mapped[str] = mapped_column(String(50))  # e.g. 十四五
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(12))  # Stage
    seats: Mapped[int] = mapped_column(Integer)
