"""Operations on credentials, training records and classes."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.findings import error
from desktop.domain.records import (
    CapacityData,
    ClassData,
    CredentialData,
    RegistrationData,
    TrainingData,
)
from desktop.domain.validate import validate_registration
from desktop.gui.signin import username_of
from desktop.services.admin.database import Database
from desktop.services.core.errors import ServiceError
from desktop.services.indicators import overview
from desktop.services.records import classes, credentials, training
from desktop.services.records import tables as browse
from desktop.services.records.tables import ClassRow, CredentialRow, TrainingQuery, TrainingRow
from desktop.services.records.tables import count_training as count_training
from desktop.services.records.tables import staff_choices as staff_choices
from desktop.services.records.tables import training_page as training_page
from desktop.services.records.tables import training_years as training_years


def school_choices(*, db: Database) -> list[tuple[int, str]]:
    """(id, "name") of the schools in the database, for an office's per-school filter."""
    from desktop.services.records import units

    return [(u.id, u.name) for u in units.list_units(db, kind="school")]


def load_credentials(*, db: Database) -> list[CredentialRow]:
    return browse.credential_rows(db)


def _credential_row(db: Database, credential_id: int) -> CredentialRow:
    row = browse.credential_row(db, credential_id)
    assert row is not None
    return row


def edit_credential(*, db: Database, credential_id: int, changes: dict[str, Any]) -> CredentialRow:
    """One edit, one transaction (the page keeps the old values it showed for undo)."""
    return credentials.edit_credential(db, credential_id, changes, actor=username_of(db)).row


def add_credential(*, db: Database, staff_id: int, data: CredentialData,
                   registration: RegistrationData | None = None) -> CredentialRow:
    """A certificate and, when given, its latest registration (checked before anything is written)."""
    if registration is not None:
        findings = [f for f in validate_registration(registration) if f.is_error]
        if findings:
            raise ServiceError("注册记录未保存：" + findings[0].message, findings)
    record = credentials.create_credential(db, staff_id, data, actor=username_of(db))
    if registration is not None:
        credentials.add_registration(db, record.id, registration, actor=username_of(db))
    return _credential_row(db, record.id)


def change_credential(*, db: Database, credential_id: int, changes: dict[str, Any],
                      registration: RegistrationData | None = None) -> CredentialRow:
    """Changed fields and, when given, a newer registration (checked before anything is written)."""
    if registration is not None:
        findings = [f for f in validate_registration(registration) if f.is_error]
        if findings:
            raise ServiceError("注册记录未保存：" + findings[0].message, findings)
        last = _credential_row(db, credential_id).last_registration
        if last is not None and registration.reg_date <= last:
            message = f"新的定期注册日期应晚于最近一次注册（{last}），请核对注册日期。"
            raise ServiceError(message, [error("reg_date", message)])
    if changes:
        credentials.update_credential(db, credential_id, changes, actor="gui")
    if registration is not None:
        credentials.add_registration(db, credential_id, registration, actor="gui")
    return _credential_row(db, credential_id)


def revert_credential(*, db: Database, credential_id: int, old: dict[str, Any],
                      registration: RegistrationData | None = None) -> CredentialRow:
    """Undo of ``change_credential``: the registration it added goes, the old values come back."""
    if registration is not None:
        credentials.remove_registration(db, credential_id, registration.reg_date, actor="gui")
    if old:
        credentials.update_credential(db, credential_id, old, actor="gui")
    return _credential_row(db, credential_id)


def delete_credential(*, db: Database, credential_id: int) -> None:
    credentials.delete_credential(db, credential_id, actor=username_of(db))


def add_training(*, db: Database, staff_id: int, data: TrainingData) -> int:
    return training.create_training(db, staff_id, data, actor=username_of(db)).id


def delete_training(*, db: Database, training_id: int) -> None:
    training.delete_training(db, training_id, actor=username_of(db))


def edit_training(*, db: Database, training_id: int, changes: dict[str, Any]) -> TrainingRow:
    """One edit, one transaction (the page keeps the old values it showed for undo)."""
    return training.edit_training(db, training_id, changes, actor=username_of(db)).row


def training_count(*, db: Database, query: TrainingQuery) -> int:
    return browse.count_training(db, query)


def load_classes(*, db: Database, period_id: int, stages: tuple[str, ...] = ()) -> tuple[
        list[ClassRow], list[tuple[str, int, int]]]:
    """Classes of the period and (stage, approved seats, enrolled) rows, every ``stages`` included."""
    rows = browse.class_rows(db, period_id)
    seats = dict(overview.overview(db, period_id=period_id, as_of=date.today()).seats_by_stage)
    for stage in stages:
        seats.setdefault(stage, (0, 0))
    return rows, [(stage, a, e) for stage, (a, e) in seats.items()]


def set_approved_seats(*, db: Database, unit_id: int, period_id: int, stage: str, seats: int) -> int:
    """Change 核定学位 of one stage, keeping the boarding seats and resource room as they are."""
    current = next((c for c in classes.list_capacities(db, unit_id, period_id) if c.stage == stage), None)
    data = CapacityData(stage=stage, approved_seats=seats,
                        boarding_seats=current.boarding_seats if current else 0,
                        resource_room=current.resource_room if current else False)
    classes.set_capacity(db, unit_id, period_id, data, actor=username_of(db))
    return current.approved_seats if current else 0


def add_class(*, db: Database, unit_id: int, period_id: int, data: ClassData) -> ClassRow:
    record = classes.create_class(db, unit_id, period_id, data, actor=username_of(db))
    return next(r for r in browse.class_rows(db, period_id) if r.id == record.id)


def delete_class(*, db: Database, class_id: int) -> None:
    classes.delete_class(db, class_id, actor="gui")


def edit_class(*, db: Database, class_id: int, period_id: int, changes: dict[str, Any]) -> ClassRow:
    """One edit, one transaction (the page keeps the old value it showed for undo)."""
    return classes.edit_class(db, class_id, changes, actor=username_of(db)).row


def load_overview(*, db: Database, period_id: int | None, as_of: date,
                  home_unit_id: int | None = None) -> overview.Overview:
    """概览's figures, kept under the data stamp: an unchanged database shows them without computing.

    ``home_unit_id``: shown for the home unit, so also kept as the next start's first view."""
    from desktop.services.indicators.startpage import (
        overview_kept,  # loads the reminders too: on the worker
    )

    return overview_kept(db, period_id=period_id, as_of=as_of, home_unit_id=home_unit_id)
