"""Staff services: validation with Chinese reasons, end instead of delete, conflicts, locks, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select, update

from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Staff, UnitPeriod
from desktop.domain.idcard import id_check_char
from desktop.domain.records import PeriodRecord, StaffData, UnitRecord
from desktop.services.core import audit
from desktop.services.core.errors import ConflictError, LockedError, ServiceError
from desktop.services.records import staff

GOOD_ID = "11010519491231002X"


def _person(**kw: object) -> StaffData:
    values: dict[str, object] = {"name": "张三", "id_number": GOOD_ID, "teaching_stage": "primary",
                                 "first_work_date": date(1970, 9, 1)}
    values.update(kw)
    return StaffData(**values)  # type: ignore[arg-type]


def test_create_derives_gender_birth_date_and_search_keys(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person())
    assert rec.gender == "2" and rec.birth_date == date(1949, 12, 31)
    assert rec.id_masked == "110105********002X"
    with db.session() as session:
        row = session.get(Staff, rec.id)
        assert row is not None
        assert (row.name_pinyin, row.name_initials, row.id_tail) == ("zhangsan", "zs", "002X")


def test_wrong_check_digit_is_refused_with_a_field_reason_and_nothing_saved(db: Database, school: UnitRecord) -> None:
    with pytest.raises(ServiceError) as excinfo:
        staff.create_staff(db, school.id, _person(id_number="110105194912310021"))
    assert "校验位" in excinfo.value.field_messages()["id_number"]
    assert staff.list_staff(db, include_ended=True) == []


def test_fifteen_digit_id_is_stored_converted(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person(id_number="110105491231002"))
    assert rec.id_number == "11010519491231002X"


def test_same_id_cannot_be_active_twice(db: Database, school: UnitRecord) -> None:
    staff.create_staff(db, school.id, _person())
    with pytest.raises(ServiceError) as excinfo:
        staff.create_staff(db, school.id, _person(name="张三丰"))
    assert "已登记给" in excinfo.value.message


def test_end_keeps_the_record_and_hides_it_from_the_active_list(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person())
    ended = staff.end_staff(db, rec.id, date(2025, 7, 1), "退休")
    assert ended.status == "ended" and ended.end_reason == "2"
    assert staff.list_staff(db) == []
    assert [s.id for s in staff.list_staff(db, include_ended=True)] == [rec.id]
    # The same person may now be registered again (e.g. re-employed after 退休返聘).
    staff.create_staff(db, school.id, _person())


def test_end_without_a_known_reason_is_refused(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person())
    with pytest.raises(ServiceError):
        staff.end_staff(db, rec.id, date(2025, 7, 1), "删除")


def test_stale_version_gets_a_conflict_not_a_silent_overwrite(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person())
    staff.update_staff(db, rec.id, {"subject": "01"}, expected_version=rec.version)
    with pytest.raises(ConflictError) as excinfo:
        staff.update_staff(db, rec.id, {"subject": "02"}, expected_version=rec.version)
    assert "已被其他人修改" in excinfo.value.message
    assert staff.get_staff(db, rec.id).subject == "01"


def test_edits_of_an_approved_period_are_refused(
    db: Database, school: UnitRecord, period: PeriodRecord
) -> None:
    rec = staff.create_staff(db, school.id, _person())
    with db.session(write=True) as session:
        session.add(UnitPeriod(unit_id=school.id, period_id=period.id, state="approved", return_overrides={}))
    with pytest.raises(LockedError):
        staff.update_staff(db, rec.id, {"subject": "01"})


def test_every_change_is_audited_with_masked_ids_and_an_intact_chain(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person())
    staff.update_staff(db, rec.id, {"title": "3"}, actor="clerk1")
    with db.session() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(r.action, r.field) for r in rows][-1] == ("update", "title")
        assert rows[-1].username == "clerk1" and (rows[-1].old_value, rows[-1].new_value) == ("9", "3")
        assert all(GOOD_ID not in (r.new_value or "") for r in rows)
        assert audit.verify_chain(session) is None
    with db.session(write=True) as session:
        # The log is append-only (trigger); someone editing the file with another tool drops it first.
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER edr_audit_log_upd")
        else:
            conn.exec_driver_sql("DROP TRIGGER edr_audit_log_append_only ON audit_log")
        session.execute(update(AuditEntry).where(AuditEntry.field == "title").values(new_value="1"))
    with db.session() as session:
        assert audit.verify_chain(session) is not None


def test_withdraw_removes_a_mistaken_add_but_never_a_person_with_records(db: Database, school: UnitRecord) -> None:
    from desktop.domain.records import CredentialData, RegistrationData
    from desktop.services.records import credentials

    rec = staff.create_staff(db, school.id, _person())
    staff.withdraw_new_staff(db, rec.id)
    assert staff.list_staff(db, include_ended=True) == []
    with db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.table_name == "staff"))]
        assert "delete" in actions  # the removal is in the log
        assert audit.verify_chain(session) is None
    again = staff.create_staff(db, school.id, _person())  # the same ID can be added again
    cred = credentials.create_credential(db, again.id, CredentialData(kind="teacher", cert_type="2",
                                                                      number="20104400121000001",
                                                                      issue_date=date(2010, 7, 1)))
    with pytest.raises(ServiceError) as excinfo:
        staff.withdraw_new_staff(db, again.id)
    assert "资格证书" in excinfo.value.message and "办理离开" in excinfo.value.message
    assert len(staff.list_staff(db)) == 1
    # A registration entered by mistake goes again (undo of adding it on a shown certificate).
    credentials.add_registration(db, cred.id, RegistrationData(reg_date=date(2019, 6, 1), result="1"))
    credentials.add_registration(db, cred.id, RegistrationData(reg_date=date(2024, 6, 1), result="1"))
    credentials.remove_registration(db, cred.id, date(2024, 6, 1))
    assert credentials.list_credentials(db, staff_id=again.id)[0].next_due == date(2024, 6, 1)


def _transactions(db: Database) -> list[int]:
    begun: list[int] = []
    event.listen(db.engine, "begin", lambda _conn: begun.append(1))
    return begun


def test_a_cell_edit_is_one_transaction_giving_the_row_and_what_undo_needs(db: Database, school: UnitRecord) -> None:
    s = staff.create_staff(db, school.id, _person())
    begun = _transactions(db)
    edit = staff.edit_staff(db, s.id, {"subject": "02"}, actor="clerk")
    assert len(begun) == 1
    assert edit.row.id == s.id and edit.row.subject == "02"
    assert edit.old == {"subject": s.subject}
    # Undo writes the old values back, again in one transaction, and the row follows.
    back = staff.edit_staff(db, s.id, edit.old, actor="clerk")
    assert len(begun) == 2 and back.row.subject == s.subject and back.old == {"subject": "02"}


def test_an_id_edit_gives_the_row_masked_and_the_old_number_in_full_for_undo(db: Database,
                                                                           school: UnitRecord) -> None:
    s = staff.create_staff(db, school.id, _person())
    first17 = "11010519491231004"  # the same birth date and gender as GOOD_ID
    new_id = first17 + id_check_char(first17)
    edit = staff.edit_staff(db, s.id, {"id_number": new_id}, actor="clerk")
    assert edit.old == {"id_number": s.id_number}  # in full: undo writes it back
    assert edit.row.id_masked.startswith("110105") and new_id not in edit.row


def test_a_refused_edit_changes_nothing(db: Database, school: UnitRecord) -> None:
    s = staff.create_staff(db, school.id, _person())
    with pytest.raises(ServiceError):
        staff.edit_staff(db, s.id, {"id_number": "123"}, actor="clerk")
    assert staff.get_staff(db, s.id).id_number == s.id_number
