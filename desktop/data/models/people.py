"""A person's record beyond the roster: 年度考核, 师德 records, and 调出/调入 handshakes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, HasUid, Timestamps, Versioned


class Appraisal(HasUid, Timestamps, Versioned, Base):  # 年度考核: one result per person per year
    __tablename__ = "appraisals"
    __table_args__ = (UniqueConstraint("staff_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)  # 考核年度
    result: Mapped[str] = mapped_column(String(1))  # AppraisalResult
    note: Mapped[str | None] = mapped_column(Text)


class EthicsRecord(HasUid, Timestamps, Versioned, Base):  # 师德记录: commendations and violations
    __tablename__ = "ethics_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    record_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(1))  # EthicsKind (表彰, 违规, 处分 …)
    description: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Transfer(HasUid, Timestamps, Versioned, Base):  # 调出/调入 handshake between two schools
    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" (recorded here) | "in" (received in a file)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | confirmed | withdrawn | refused
    kind: Mapped[str] = mapped_column(String(10), default="transfer")  # MovementKind: transfer | exchange …
    staff_uid: Mapped[str] = mapped_column(String(32))  # the sending school's record of the person
    person_name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(64))
    from_unit_code: Mapped[str] = mapped_column(String(10))
    from_unit_name: Mapped[str] = mapped_column(String(100))
    to_unit_code: Mapped[str] = mapped_column(String(10))
    to_unit_name: Mapped[str] = mapped_column(String(100))
    out_date: Mapped[date] = mapped_column(Date)  # 调出日期
    in_date: Mapped[date | None] = mapped_column(Date)  # 调入日期 (confirmed)
    in_staff_uid: Mapped[str | None] = mapped_column(String(32))  # the receiving school's record
    hours_in_cycle: Mapped[float] = mapped_column(Float, default=0.0)  # earned before the move
    # What travels (direction "in"): the person's record, certificates, registrations, training.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
