"""Operations on staff (教职工): load, add, edit one field, end and reactivate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.records import (
    CredentialRecord,
    MovementRecord,
    StaffData,
    StaffRecord,
    TrainingRecordOut,
)
from desktop.gui.signin import username_of
from desktop.services.admin.database import Database
from desktop.services.indicators import overview
from desktop.services.records import credentials, staff, training
from desktop.services.records import tables as browse
from desktop.services.records.staff import StaffEdit
from desktop.services.records.tables import StaffRow

# Table column → service field, where they differ.
FIELD_OF_COLUMN = {"id_masked": "id_number"}


FIRST_SCREEN = 100  # rows read first so the table paints at once; the rest follows


def load_roster(*, db: Database, first_screen: bool = False) -> list[StaffRow]:
    return browse.staff_rows(db, limit=FIRST_SCREEN if first_screen else None)


def _row(db: Database, staff_id: int) -> StaffRow:
    row = browse.staff_row(db, staff_id)
    assert row is not None
    return row


def add_staff(*, db: Database, unit_id: int, data: StaffData) -> StaffRow:
    record = staff.create_staff(db, unit_id, data, actor=username_of(db))
    return _row(db, record.id)


def withdraw_staff(*, db: Database, staff_id: int) -> None:
    """Undo of an add: the record goes (refused once anything hangs off it)."""
    staff.withdraw_new_staff(db, staff_id, actor="gui")


def edit_staff(*, db: Database, staff_id: int, changes: dict[str, Any]) -> StaffEdit:
    """One edit, one transaction: the row after it and the old values undo writes back."""
    return staff.edit_staff(db, staff_id, changes, actor=username_of(db))


def end_employment(*, db: Database, staff_id: int, end_date: date, reason: str, note: str | None = None) -> StaffRow:
    staff.end_staff(db, staff_id, end_date, reason, note=note, actor=username_of(db))
    return _row(db, staff_id)


def reactivate(*, db: Database, staff_id: int) -> StaffRow:
    staff.reactivate_staff(db, staff_id, actor=username_of(db))
    return _row(db, staff_id)


@dataclass(frozen=True, slots=True)
class PersonPage:  # everything the person page shows about one member of staff
    record: StaffRecord
    credentials: list[CredentialRecord]
    training: list[TrainingRecordOut]
    totals: overview.PersonTotals
    movements: list[MovementRecord]


def load_person(*, db: Database, staff_id: int, as_of: date) -> PersonPage:
    return PersonPage(
        record=staff.get_staff(db, staff_id),
        credentials=credentials.list_credentials(db, staff_id=staff_id),
        training=training.list_training(db, staff_id),
        totals=overview.person_totals(db, staff_id, as_of=as_of),
        movements=staff.list_movements(db, staff_id),
    )
