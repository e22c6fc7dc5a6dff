"""Credentials, training and classes services: plain records back, reasons in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.data.engine import Database
from desktop.domain.records import (
    CapacityData,
    ClassData,
    CredentialData,
    PeriodRecord,
    RegistrationData,
    StaffData,
    TrainingData,
    UnitRecord,
)
from desktop.services.core.errors import ServiceError
from desktop.services.records import classes, credentials, staff, training


@pytest.fixture
def teacher(db: Database, school: UnitRecord) -> int:
    return staff.create_staff(db, school.id, StaffData(name="李喆", id_number="11010519491231002X",
                                                        teaching_stage="primary")).id


def _course(**kw: object) -> TrainingData:
    values: dict[str, object] = {"title": "信息技术应用能力提升", "start_date": date(2024, 3, 1),
                                 "end_date": date(2024, 3, 2), "hours": 16, "level": "4", "mode": "01",
                                 "category": "2", "topics": ("it",)}
    values.update(kw)
    return TrainingData(**values)  # type: ignore[arg-type]


def test_registration_due_date_defaults_to_five_years(db: Database, teacher: int) -> None:
    cert = credentials.create_credential(db, teacher, CredentialData(cert_type="2", number="20104416220012345"))
    cert = credentials.add_registration(db, cert.id, RegistrationData(reg_date=date(2020, 2, 29), result="1"))
    assert cert.next_due == date(2025, 2, 28)


def test_teacher_certificate_needs_a_type_and_number(db: Database, teacher: int) -> None:
    with pytest.raises(ServiceError) as excinfo:
        credentials.create_credential(db, teacher, CredentialData())
    assert set(excinfo.value.field_messages()) >= {"cert_type", "number"}


def test_training_hours_must_be_positive_halves(db: Database, teacher: int) -> None:
    for hours in (0, -2, 3.3):
        with pytest.raises(ServiceError) as excinfo:
            training.create_training(db, teacher, _course(hours=hours))
        assert "hours" in excinfo.value.field_messages()
    assert training.list_training(db, teacher) == []


def test_cycle_totals_count_a_record_in_the_cycle_of_its_end_date(db: Database, teacher: int) -> None:
    training.create_training(db, teacher, _course(hours=16))
    training.create_training(db, teacher, _course(hours=7.5, mode="02", category="1", topics=(),
                                                  start_date=date(2020, 12, 30), end_date=date(2021, 1, 2)))
    training.create_training(db, teacher, _course(hours=4, start_date=date(2020, 12, 1), end_date=date(2020, 12, 2)))
    totals = training.cycle_totals(db, teacher, date(2021, 1, 1), date(2025, 12, 31), as_of=date(2025, 9, 1))
    assert totals.total == 23.5  # 16 + 7.5; the 2020 record belongs to the previous cycle
    assert totals.by_category == {"2": 16, "1": 7.5}
    assert (totals.face_to_face, totals.online, totals.it_hours_3y) == (16, 7.5, 16)


def test_class_edit_and_capacity_upsert(db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    c = classes.create_class(db, school.id, period.id, ClassData(grade="P3", name="三年级(1)班", enrolled=58))
    c = classes.update_class(db, c.id, {"enrolled": 45}, expected_version=c.version)
    assert c.enrolled == 45 and c.version == 2
    with pytest.raises(ServiceError):
        classes.update_class(db, c.id, {"boarders": 50})
    classes.set_capacity(db, school.id, period.id, CapacityData(stage="primary", approved_seats=900))
    classes.set_capacity(db, school.id, period.id, CapacityData(stage="primary", approved_seats=945))
    assert [x.approved_seats for x in classes.list_capacities(db, school.id, period.id)] == [945]


def test_a_training_cell_edit_is_one_transaction_giving_the_row_and_the_old_values(db: Database,
                                                                                   teacher: int) -> None:
    from sqlalchemy import event

    record = training.create_training(db, teacher, _course(hours=16))
    begun: list[int] = []
    event.listen(db.engine, "begin", lambda _conn: begun.append(1))
    edit = training.edit_training(db, record.id, {"hours": 24}, actor="clerk")
    assert len(begun) == 1
    assert edit.row.id == record.id and edit.row.hours == 24 and edit.old == {"hours": 16}


def test_a_class_cell_edit_is_one_transaction_giving_the_row_and_the_old_values(
        db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    from sqlalchemy import event

    made = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    begun: list[int] = []
    event.listen(db.engine, "begin", lambda _conn: begun.append(1))
    edit = classes.edit_class(db, made.id, {"enrolled": 46}, actor="clerk")
    assert len(begun) == 1
    assert edit.row.id == made.id and edit.row.enrolled == 46 and edit.old == {"enrolled": 40}


def test_a_credential_cell_edit_is_one_transaction_giving_the_row_and_the_old_values(db: Database,
                                                                                     teacher: int) -> None:
    from sqlalchemy import event

    cert = credentials.create_credential(db, teacher, CredentialData(cert_type="2", number="20104416220012345",
                                                                     subject="语文"))
    begun: list[int] = []
    event.listen(db.engine, "begin", lambda _conn: begun.append(1))
    edit = credentials.edit_credential(db, cert.id, {"subject": "数学"}, actor="clerk")
    assert len(begun) == 1
    assert edit.row.id == cert.id and edit.row.subject == "数学" and edit.old == {"subject": "语文"}
