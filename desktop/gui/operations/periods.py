"""Operations on periods: the deadline and reminders of 概览, the period list, 开始新学年."""

from __future__ import annotations

from datetime import date

from desktop.domain.records import PeriodRecord
from desktop.gui.signin import username_of
from desktop.services.admin.database import Database
from desktop.services.indicators.reminders import Reminders, reminders
from desktop.services.year import periods, rollover
from desktop.services.year.rollover import RolloverPlan, RolloverResult
from desktop.services.year.rollover_text import plan_lines


def load_reminders(*, db: Database, unit_id: int, period_id: int, today: date) -> Reminders:
    return reminders(db, unit_id, period_id, today=today)


def load_periods(*, db: Database) -> list[PeriodRecord]:
    return periods.list_periods(db)


def preview_rollover(*, db: Database, unit_id: int, period_id: int) -> tuple[RolloverPlan, list[str]]:
    plan = rollover.preview_rollover(db, unit_id, period_id)
    return plan, plan_lines(plan)


def apply_rollover(*, db: Database, unit_id: int, period_id: int) -> RolloverResult:
    return rollover.apply_rollover(db, unit_id, period_id, actor=username_of(db))
