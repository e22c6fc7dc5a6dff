"""Operations on periods: the deadline and reminders of 概览, the period list, 开始新学年."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.records import PeriodRecord
from desktop.gui.signin import username_of
from desktop.services.admin.database import Database
from desktop.services.year import periods

if TYPE_CHECKING:
    from desktop.services.indicators.reminders import Reminders
    from desktop.services.year.rollover import RolloverPlan, RolloverResult

# The main window's 学年 menu imports this module at start; the reminders (the indicator engine
# and the rules) and 开始新学年 are imported when first used (benchmarks/RESULTS.md, "Cold start").


def load_reminders(*, db: Database, unit_id: int, period_id: int, today: date) -> Reminders:
    from desktop.services.indicators.startpage import reminders_kept

    return reminders_kept(db, unit_id, period_id, today=today)


def load_periods(*, db: Database) -> list[PeriodRecord]:
    return periods.list_periods(db)


def preview_rollover(*, db: Database, unit_id: int, period_id: int) -> tuple[RolloverPlan, list[str]]:
    from desktop.services.year import rollover
    from desktop.services.year.rollover_text import plan_lines

    plan = rollover.preview_rollover(db, unit_id, period_id)
    return plan, plan_lines(plan)


def apply_rollover(*, db: Database, unit_id: int, period_id: int) -> RolloverResult:
    from desktop.services.year import rollover

    return rollover.apply_rollover(db, unit_id, period_id, actor=username_of(db))
