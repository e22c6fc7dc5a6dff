"""Consolidation (汇总) at county or city level, from the detail the packages brought.

Totals are sums over the detail rows of every school below the office, and the
indicators come from the indicator engine over the same detail (never by
adding up the schools' percentages). The seat-building task table (学位建设任务)
is seeded from the policy table in ``templates/seat_tasks`` and stays editable
(``services.records.classes.set_seat_task``); progress per stage counts the new
public seats the schools reported within the plan years. The office's returns
(a row per school plus totals) are written by the returns service.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.appdirs import backups_dir_for
from desktop.data import queries
from desktop.data.backup import backup_file
from desktop.data.engine import Database
from desktop.data.models import (
    Period,
    SchoolClass,
    SeatAddition,
    SeatTask,
    Staff,
    StageCapacity,
    TrainingRecord,
)
from desktop.data.snapshot import read_snapshot
from desktop.domain.codes import Stage
from desktop.domain.indicators import IndicatorReport
from desktop.domain.numbers import percent, rounded
from desktop.domain.records import SeatTaskData, SeatTaskRecord
from desktop.paths import templates_dir
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import ServiceError
from desktop.services.packages.support import period_for
from desktop.services.records.classes import list_seat_tasks, set_seat_task

SEAT_TASK_TEMPLATE = "heyuan-14th-five-year.json"


@dataclass(frozen=True, slots=True)
class SeatProgressRow:  # 学位建设进度, one stage
    stage: str
    task: int
    done: int

    @property
    def rate(self) -> float | None:
        return percent(self.done, self.task, 1)

    @property
    def remaining(self) -> int:
        return self.task - self.done


@dataclass(frozen=True, slots=True)
class Consolidation:
    unit_id: int
    unit_code: str
    unit_name: str
    period_id: int
    school_year: int
    schools: int
    totals: dict[str, float]
    indicators: IndicatorReport
    seat_progress: tuple[SeatProgressRow, ...]
    files: tuple[Path, ...]
    backup: Path | None


def seed_seat_tasks(db: Database, *, overwrite: bool = False, actor: str = "system") -> list[SeatTaskRecord]:
    """Copy the policy table's task for the home office (if it has one) into its editable task table."""
    table: dict[str, Any] = json.loads((templates_dir() / "seat_tasks" / SEAT_TASK_TEMPLATE).read_text("utf-8"))
    with db.session() as session:
        home = home_or_raise(session)
        home_id, code = home.id, home.code
    existing = list_seat_tasks(db, home_id)
    entry = table["tasks"].get(code)
    if entry is None or (existing and not overwrite):
        return existing
    for stage, seats in zip(table["stages"], entry["seats"], strict=True):
        set_seat_task(db, home_id, SeatTaskData(plan_name=table["plan_name"], start_year=table["start_year"],
                                                end_year=table["end_year"], stage=stage, seats=seats), actor=actor)
    return list_seat_tasks(db, home_id)


def seat_progress(session: Session, unit_id: int, school_year: int) -> list[SeatProgressRow]:
    """Task and new public seats per stage, for the plan covering ``school_year`` (or the latest plan)."""
    tasks = list(session.scalars(select(SeatTask).where(SeatTask.unit_id == unit_id)))
    if not tasks:
        return []
    current = [t for t in tasks if t.start_year <= school_year <= t.end_year] or sorted(
        tasks, key=lambda t: t.end_year, reverse=True)
    plan = [t for t in tasks if t.plan_name == current[0].plan_name]
    start, end = min(t.start_year for t in plan), max(t.end_year for t in plan)
    # Seats a school added during the plan count for the plan even if it closed since.
    school_ids = queries.school_ids(session, unit_id, include_closed=True)
    done: dict[str, int] = {}
    for i in range(0, len(school_ids), 500):
        for stage, seats in session.execute(
            select(SeatAddition.stage, func.sum(SeatAddition.seats)).join(Period, Period.id == SeatAddition.period_id)
            .where(SeatAddition.unit_id.in_(school_ids[i:i + 500]), Period.school_year.between(start, end))
            .group_by(SeatAddition.stage)
        ):
            done[stage] = done.get(stage, 0) + int(seats or 0)
    order = [s.value for s in Stage]
    return [SeatProgressRow(t.stage, t.seats, done.get(t.stage, 0))
            for t in sorted(plan, key=lambda t: order.index(t.stage) if t.stage in order else 99)]


def detail_totals(session: Session, unit_id: int, period_id: int) -> dict[str, float]:
    """Sums over the detail of every school at or below ``unit_id`` (a school gives its own)."""
    census = session.scalars(select(Period.census_date).where(Period.id == period_id)).one()
    ids = queries.school_ids(session, unit_id, include_closed=False, counted_on=census)
    totals = dict.fromkeys(("staff", "teachers", "training", "hours", "classes", "enrolled", "approved_seats",
                            "added_seats"), 0.0)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        active = (Staff.unit_id.in_(chunk), Staff.status == "active")
        totals["staff"] += session.scalar(select(func.count()).select_from(Staff).where(*active)) or 0
        totals["teachers"] += session.scalar(select(func.count()).select_from(Staff).where(
            *active, Staff.category == "11")) or 0
        n, h = session.execute(select(func.count(), func.coalesce(func.sum(TrainingRecord.hours), 0.0))
                               .join(Staff, Staff.id == TrainingRecord.staff_id).where(Staff.unit_id.in_(chunk))).one()
        totals["training"] += n
        totals["hours"] += float(h)
        c, e = session.execute(select(func.count(), func.coalesce(func.sum(SchoolClass.enrolled), 0)).where(
            SchoolClass.unit_id.in_(chunk), SchoolClass.period_id == period_id)).one()
        totals["classes"] += c
        totals["enrolled"] += e
        totals["approved_seats"] += session.scalar(select(func.coalesce(func.sum(StageCapacity.approved_seats), 0))
                                                   .where(StageCapacity.unit_id.in_(chunk),
                                                          StageCapacity.period_id == period_id)) or 0
        totals["added_seats"] += session.scalar(select(func.coalesce(func.sum(SeatAddition.seats), 0)).where(
            SeatAddition.unit_id.in_(chunk), SeatAddition.period_id == period_id)) or 0
    totals["hours"] = rounded(totals["hours"], 1)
    return totals


def consolidate(db: Database, *, school_year: int | None = None, out_dir: Path | None = None,
                formats: Sequence[str] = ("xlsx", "pdf"), target_set: str | None = None,
                backup: bool = True) -> Consolidation:
    """汇总: the office's totals, indicators and seat progress, and its returns written to ``out_dir``.

    Everything the result shows is read in one snapshot (``data.snapshot``): a school's
    package imported by a colleague while this runs is either wholly in the totals,
    indicators and returns, or wholly absent — never in some and not in others.
    """
    from desktop.services.indicators.compute import indicators_in
    from desktop.services.returns.build import build_returns_in, write_returns

    taken = backup_file(db.path, backups_dir_for(db.path), "before-consolidate", key=db.key) if backup and db.path else None
    seed_seat_tasks(db)
    with read_snapshot(db) as session:
        home = home_or_raise(session)
        period = period_for(session, school_year)
        unit_id, code, name, period_id, year = home.id, home.code, home.name, period.id, period.school_year
        schools = len(queries.school_ids(session, unit_id, include_closed=False, counted_on=period.census_date))
        if schools == 0:
            raise ServiceError("本局还没有任何学校的数据，请先导入下级单位的数据包再汇总。")
        totals = detail_totals(session, unit_id, period_id)
        progress = tuple(seat_progress(session, unit_id, year))
        report = indicators_in(session, unit_id, period_id, target_set=target_set)
        returns = build_returns_in(session, "all", unit_id, period_id, target_set=target_set) if out_dir else []
    files = write_returns(returns, list(formats), Path(out_dir)) if out_dir is not None and returns else []
    return Consolidation(unit_id, code, name, period_id, year, schools, totals, report, progress, tuple(files), taken)
