"""Staff (教职工) kept for life, their movements, credentials and registrations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, HasUid, Timestamps, Versioned


class Staff(HasUid, Timestamps, Versioned, Base):  # 教职工: one row per person, never deleted
    __tablename__ = "staff"
    __table_args__ = (
        Index("ix_staff_unit_status", "unit_id", "status"),
        Index("ix_staff_id_digest", "id_digest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # current unit
    staff_no: Mapped[str | None] = mapped_column(String(30))  # 教职工号
    name: Mapped[str] = mapped_column(String(50))
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")  # "zhangsan" for search
    name_initials: Mapped[str] = mapped_column(String(50), default="")  # "zs" for search
    id_type: Mapped[str] = mapped_column(String(2), default="1")  # IdDocType
    id_number: Mapped[str] = mapped_column(String(64))  # full number (encrypted by the trust layer if enabled)
    id_digest: Mapped[str] = mapped_column(String(64), default="")  # keyed hash: matching without the number
    id_tail: Mapped[str] = mapped_column(String(4), default="")  # last 4, for search
    gender: Mapped[str] = mapped_column(String(1))  # Gender
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(2))  # Ethnicity
    political_status: Mapped[str | None] = mapped_column(String(2))  # PoliticalStatus
    phone: Mapped[str | None] = mapped_column(String(30))
    # Employment.
    category: Mapped[str] = mapped_column(String(2), default="11")  # StaffCategory
    employment_form: Mapped[str] = mapped_column(String(2), default="1")  # EmploymentForm
    post: Mapped[str] = mapped_column(String(2), default="00")  # Post
    first_work_date: Mapped[date | None] = mapped_column(Date)  # 参加工作年月
    join_date: Mapped[date | None] = mapped_column(Date)  # 进本校年月
    # Teaching.
    teaching_stage: Mapped[str | None] = mapped_column(String(12))  # Stage
    subject: Mapped[str | None] = mapped_column(String(2))  # Subject
    full_time: Mapped[bool] = mapped_column(Boolean, default=True)  # 专职 (vs 兼职)
    # Education.
    education: Mapped[str | None] = mapped_column(String(2))  # EducationLevel (最高学历)
    degree: Mapped[str | None] = mapped_column(String(1))  # Degree
    major: Mapped[str | None] = mapped_column(String(100))
    normal_major: Mapped[bool] = mapped_column(Boolean, default=False)  # 师范类
    first_education: Mapped[str | None] = mapped_column(String(2))  # 第一学历
    title: Mapped[str] = mapped_column(String(1), default="9")  # Title (职称)
    honour_level: Mapped[str | None] = mapped_column(String(1))  # 骨干/名师 HonourLevel
    honour_year: Mapped[int | None] = mapped_column(Integer)
    # The national statistics forms (教基 series, docs/national.md). 在编 and 银龄教师 are
    # 用人形式 codes (employment_form 1 and 6); 任教课程 are rows of ``staff_courses``.
    not_teaching: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 本学年不授课
    external_teacher: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 校外教师
    foreign_national: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 外籍
    overseas: Mapped[str | None] = mapped_column(String(2))  # OverseasStatus (港澳台/华侨)
    # Life cycle: ended instead of deleted.
    status: Mapped[str] = mapped_column(String(8), default="active")  # active | ended
    end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(1))  # EndReason
    note: Mapped[str | None] = mapped_column(Text)


class StaffCourse(HasUid, Timestamps, Base):  # 任教课程: several per teacher, one of them the main one
    __tablename__ = "staff_courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    course: Mapped[str] = mapped_column(String(2))  # Subject
    main: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 主要任教课程


class Movement(HasUid, Timestamps, Base):  # 任职经历 / 交流轮岗: moves between schools
    __tablename__ = "movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # MovementKind
    from_unit_code: Mapped[str | None] = mapped_column(String(10))
    from_unit_name: Mapped[str | None] = mapped_column(String(100))
    to_unit_code: Mapped[str | None] = mapped_column(String(10))
    to_unit_name: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Credential(HasUid, Timestamps, Versioned, Base):  # 资格证书 (教师资格证 and others)
    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="teacher")  # CredentialKind
    cert_type: Mapped[str | None] = mapped_column(String(1))  # TeacherCertType (教师资格种类)
    subject: Mapped[str | None] = mapped_column(String(50))  # 任教学科 on the certificate
    number: Mapped[str | None] = mapped_column(String(40))  # 证书编号
    grade: Mapped[str | None] = mapped_column(String(20))  # e.g. 普通话 二级甲等
    issue_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(100))  # 认定机构 / 发证机关
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class Registration(HasUid, Timestamps, Base):  # 定期注册 of a teacher certificate
    __tablename__ = "registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    credential_id: Mapped[int] = mapped_column(ForeignKey("credentials.id"), index=True)
    reg_date: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(1))  # RegistrationResult
    next_due: Mapped[date | None] = mapped_column(Date)  # normally reg_date + 5 years
    note: Mapped[str | None] = mapped_column(Text)
