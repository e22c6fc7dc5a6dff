"""代报 (proxy entry): an office entering or importing a school's data for it.

A county keeps, in its own database, the data of schools without a PC and enters
or imports it for them. Every audited data write whose unit is a school while the
database's home unit is an office is such an entry: the audit entry's (hashed)
reason starts with ``代报`` and the school's unit-period of the current period
records the office (``proxy_by``), which the returns print ("本表由…代报") and the
office dashboard shows. Package imports and office actions (approve, 退回) are not
data entry and are not marked.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.locks import advisory_lock
from desktop.data.models import Period, Unit, UnitPeriod
from desktop.domain.codes import UnitKind

#: The tables a clerk types or imports a school's data into.
DATA_TABLES = frozenset({
    "staff", "credentials", "registrations", "training_records", "training", "movements", "classes",
    "stage_capacities", "seat_additions", "explanations", "appraisals", "ethics_records", "transfers",
})
DATA_ACTIONS = frozenset({"create", "update", "end", "delete", "reactivate", "import", "import_update"})
PREFIX = "代报"


def _home(session: Session) -> tuple[int, str, str] | None:
    cache = session.info.setdefault("proxy_home", {})
    if "home" not in cache:
        row = session.execute(select(Unit.id, Unit.name, Unit.kind).where(Unit.is_home.is_(True))).first()
        cache["home"] = tuple(row) if row else None
    return cache["home"]  # type: ignore[no-any-return]


def proxy_office(session: Session, unit_id: int | None, table: str, action: str) -> str | None:
    """The name of the office entering data for school ``unit_id`` here, or None (the school's own entry)."""
    if unit_id is None or table not in DATA_TABLES or action not in DATA_ACTIONS:
        return None
    home = _home(session)
    if home is None or home[2] == UnitKind.SCHOOL.value or home[0] == unit_id:
        return None
    kind = session.scalar(select(Unit.kind).where(Unit.id == unit_id))
    return home[1] if kind == UnitKind.SCHOOL.value else None


def mark_unit_period(session: Session, unit_id: int, period_id: int | None, office: str) -> None:
    """Record the office on the school's unit-period (the given period, else the latest)."""
    if period_id is None:
        period_id = session.scalar(select(Period.id).order_by(Period.school_year.desc()).limit(1))
        if period_id is None:
            return
    advisory_lock(session, f"unit-period-row:{unit_id}:{period_id}")  # as year.periods.ensure_unit_period
    up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit_id,
                                                  UnitPeriod.period_id == period_id)).first()
    if up is None:
        up = UnitPeriod(unit_id=unit_id, period_id=period_id, return_overrides={})
        session.add(up)
    if up.proxy_by != office:
        up.proxy_by = office


def is_proxy_reason(reason: str | None) -> bool:
    return bool(reason) and str(reason).startswith(PREFIX)
