"""Training records (培训记录): the bulk table, hundreds of thousands of rows per county."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.data.base import Base, HasUid, Timestamps, Versioned


class TrainingRecord(HasUid, Timestamps, Versioned, Base):  # 培训记录
    __tablename__ = "training_records"
    __table_args__ = (
        # Covering index for the per-person sums of the indicators (see DESIGN.md §4: 0.09 s vs
        # 0.56 s); mode and topics are in it so the window sums never read the table (rev. 0040).
        Index("ix_training_staff_end_hours_mode_topics", "staff_id", "end_date", "hours", "mode", "topics"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    title: Mapped[str] = mapped_column(String(200))
    organiser: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # the cycle a record counts in follows its end date
    level: Mapped[str] = mapped_column(String(1))  # TrainingLevel
    mode: Mapped[str] = mapped_column(String(2))  # TrainingMode
    category: Mapped[str] = mapped_column(String(1))  # TrainingCategory (科目类别)
    topics: Mapped[str] = mapped_column(String(100), default="")  # TrainingTopic codes joined by ';'
    hours: Mapped[float] = mapped_column(Float)  # 学时, halves allowed
    certificate_no: Mapped[str | None] = mapped_column(String(50))
    verified_by: Mapped[str | None] = mapped_column(String(50))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(10), default="manual")  # manual | import | package | demo


class KeptTrainingSums(Base):  # derived: one person's window sums, kept until their training changes
    """The indicators' per-person training sums, kept between computations (SQLite only).

    Not data anyone enters: a cache the indicator loader fills (``services.indicators.kept_sums``)
    and triggers on ``training_records`` and ``staff`` empty per person at every write
    (``data.kept_sums``). ``window_key`` names the windows the sums were taken over (a
    64-bit digest of the dates and the program's sum definitions); ``present`` is False
    for a person with no hours in them. Left out of the data stamp, server transfers and
    packages, and never used on PostgreSQL (see ``data.kept_sums``).
    """

    __tablename__ = "training_sums"

    staff_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    window_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    present: Mapped[bool] = mapped_column(Boolean)
    cycle: Mapped[float] = mapped_column(Float)
    it: Mapped[float] = mapped_column(Float)
    face_to_face: Mapped[float] = mapped_column(Float)
    online: Mapped[float] = mapped_column(Float)
    county_high: Mapped[float] = mapped_column(Float)
    last_year: Mapped[float] = mapped_column(Float)
