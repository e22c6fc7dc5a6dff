"""Target sets, findings with their written explanations, and packages sent/received."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, Timestamps, Versioned, utcnow


class TargetSet(Timestamps, Versioned, Base):  # 指标方案
    __tablename__ = "target_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)  # e.g. heyuan-2025
    name: Mapped[str] = mapped_column(String(100))
    issuer: Mapped[str] = mapped_column(String(100), default="")  # 发布机关
    document: Mapped[str] = mapped_column(String(200), default="")  # 依据文件
    preset: Mapped[bool] = mapped_column(Boolean, default=False)  # shipped in templates/, read-only
    based_on: Mapped[str | None] = mapped_column(String(60))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # targets and locality settings


class Explanation(Timestamps, Versioned, Base):  # 填写说明 for a warning, printed on the return
    __tablename__ = "explanations"
    __table_args__ = (Index("ix_explanations_unit_period", "unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    rule: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[str] = mapped_column(String(64), default="")  # uid of the record, '' for unit-level
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(50))


class StoredFinding(Base):  # findings of a received package or of the last check, for dashboards
    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_unit_period", "unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(8))  # Severity
    record_type: Mapped[str] = mapped_column(String(20), default="")
    record_key: Mapped[str] = mapped_column(String(64), default="")
    message: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str | None] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Submission(Base):  # a package sent upward, received from below, or a 退回 reply
    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_unit_period", "unit_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # whose data the package carries
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    kind: Mapped[str] = mapped_column(String(16))  # SubmissionKind
    file_name: Mapped[str] = mapped_column(String(255))
    package_hash: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the package file
    format_version: Mapped[int] = mapped_column(Integer)
    app_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime)  # from the manifest
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    fingerprints: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str | None] = mapped_column(Text)  # 退回意见 for replies
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    # {"zero_report": statement} for a 零上报 package; {"changes": …} for a resubmission (the field-by-field
    # difference from the version it replaced, services/packages/diff.py).
    extra: Mapped[dict[str, object] | None] = mapped_column(JSON)


class Receipt(Base):  # 回执: issued by an office for a received package, or imported by the school
    __tablename__ = "receipts"
    __table_args__ = (UniqueConstraint("direction", "package_hash"), Index("ix_receipts_unit_period", "unit_id", "period_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # the unit whose package it acknowledges
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    direction: Mapped[str] = mapped_column(String(8))  # issued (office) | received (school)
    package_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the acknowledged package
    receipt_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 of the receipt file, once made
    file_name: Mapped[str] = mapped_column(String(255))
    office_code: Mapped[str] = mapped_column(String(10))
    office_name: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(DateTime)  # when the office received the package (UTC)
    # What the receipt says, fixed at import (office side); the file is made from it on first use.
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # the receipt file itself: re-issued byte for byte
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
