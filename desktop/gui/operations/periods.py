"""Operations on periods: the deadline and reminders of 概览."""

from __future__ import annotations

from datetime import date

from desktop.data.engine import Database
from desktop.services.reminders import Reminders, reminders


def load_reminders(*, db: Database, unit_id: int, period_id: int, today: date) -> Reminders:
    return reminders(db, unit_id, period_id, today=today)
