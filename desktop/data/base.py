"""Declarative base, naming convention and shared column mixins.

Constraint names follow one convention so that Alembic batch migrations on
SQLite can find and drop them (unnamed constraints cannot be altered there).
Every table that people edit carries ``version`` (optimistic locking: a second
writer with a stale copy gets a clear conflict, not a silent overwrite) and
``created_at``/``updated_at`` in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from desktop.domain.uids import uuid7_hex

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC timestamp (stored the same way on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_uid() -> str:
    """Stable identity of a record across databases (packages, resubmissions).

    Time-ordered (UUIDv7 layout, ``domain.uids``): rows created together sit
    together in the unique ``uid`` index instead of on random pages.
    """
    return uuid7_hex()


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class Versioned:
    """Optimistic locking: the ORM adds ``AND version = :old`` to every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class HasUid:
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
