"""Users and roles, per-database settings, and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, Timestamps, Versioned, utcnow


class User(Timestamps, Versioned, Base):  # 用户
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))  # Role
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    password_hash: Mapped[str | None] = mapped_column(String(255))  # argon2id PHC string
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class Setting(Base):  # per-database settings (login required, backup policy …)
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Secret(Base):  # private keys: on a server readable only by reviewers and admins (data/roles.py)
    __tablename__ = "secrets"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # the private part (PEM)
    public_value: Mapped[str | None] = mapped_column(Text)  # the public part: readable by every role


class AuditEntry(Base):  # 操作日志: who, when, which record, which field, old → new
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(20))  # create | update | end | approve | return | unlock …
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_uid: Mapped[str | None] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)  # ID numbers are stored masked
    new_value: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    period_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    entry_hash: Mapped[str] = mapped_column(String(64), default="")  # hash chain: tampering shows
