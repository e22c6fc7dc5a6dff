"""Credentials (资格证书) and their 定期注册 history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Credential, Registration, Staff
from desktop.domain.records import (
    CredentialData,
    CredentialRecord,
    RegistrationData,
    RegistrationRecord,
)
from desktop.domain.validate import validate_credential, validate_registration
from desktop.services.core import audit
from desktop.services.core.common import (
    changed_values,
    check_version,
    data_fields,
    ensure_editable,
    fetch,
    raise_on_errors,
    to_record,
)
from desktop.services.records.tables import CredentialRow, credential_row_in

WHAT = "证书"
REGISTRATION_YEARS = 5


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _record(session: Session, c: Credential) -> CredentialRecord:
    regs = session.scalars(
        select(Registration).where(Registration.credential_id == c.id).order_by(Registration.reg_date)
    )
    return to_record(CredentialRecord, c, registrations=tuple(to_record(RegistrationRecord, r) for r in regs))


def create_credential(db: Database, staff_id: int, data: CredentialData, *, actor: str = "system") -> CredentialRecord:
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        raise_on_errors(validate_credential(data, gender=s.gender), WHAT)
        c = Credential(staff_id=staff_id, **{n: getattr(data, n) for n in data_fields(CredentialData)})
        audit.log_created(session, c, actor=actor, table="credentials",
                          changes={"kind": (None, c.kind), "number": (None, c.number)}, unit_id=s.unit_id)
        return _record(session, c)


def update_credential(
    db: Database, credential_id: int, changes: Mapping[str, Any], *, expected_version: int | None = None,
    actor: str = "system",
) -> CredentialRecord:
    with db.session(write=True) as session:
        c, _old = _update(session, credential_id, changes, expected_version=expected_version, actor=actor)
        return _record(session, c)


@dataclass(frozen=True, slots=True)
class CredentialEdit:  # what one edit of the 资格证书 table gives back
    row: CredentialRow  # the table line after the edit
    old: dict[str, Any]  # the edited fields as they were: what undo writes back


def edit_credential(db: Database, credential_id: int, changes: Mapping[str, Any], *,
                    actor: str = "system") -> CredentialEdit:
    """One cell edit in one transaction: the old values, the update, the row read back."""
    with db.session(write=True) as session:
        _c, old = _update(session, credential_id, changes, expected_version=None, actor=actor)
        row = credential_row_in(session, credential_id)
        assert row is not None  # just updated, in this transaction
        return CredentialEdit(row, old)


def _update(session: Session, credential_id: int, changes: Mapping[str, Any], *, expected_version: int | None,
            actor: str) -> tuple[Credential, dict[str, Any]]:
    c = fetch(session, Credential, credential_id, WHAT)
    check_version(c, expected_version, WHAT)
    s = fetch(session, Staff, c.staff_id, "教职工")
    ensure_editable(session, s.unit_id)
    old = {k: getattr(c, k) for k in changes if hasattr(c, k)}
    merged = CredentialData(**({n: getattr(c, n) for n in data_fields(CredentialData)} | dict(changes)))
    raise_on_errors(validate_credential(merged, gender=s.gender), WHAT)
    diff = changed_values(c, changes, data_fields(CredentialData))
    audit.apply_update(session, c, diff, actor=actor, table="credentials", unit_id=s.unit_id)
    return c, old


def delete_credential(db: Database, credential_id: int, *, actor: str = "system") -> None:
    """Remove a credential entered by mistake (with its registrations); audited."""
    with db.session(write=True) as session:
        c = fetch(session, Credential, credential_id, WHAT)
        s = fetch(session, Staff, c.staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        for r in session.scalars(select(Registration).where(Registration.credential_id == c.id)):
            session.delete(r)
        audit.log(session, actor=actor, action="delete", table="credentials", record_id=c.id, record_uid=c.uid,
                  changes={"number": (c.number, None)}, unit_id=s.unit_id)
        session.delete(c)


def add_registration(
    db: Database, credential_id: int, data: RegistrationData, *, actor: str = "system"
) -> CredentialRecord:
    raise_on_errors(validate_registration(data), "注册记录")
    with db.session(write=True) as session:
        c = fetch(session, Credential, credential_id, WHAT)
        s = fetch(session, Staff, c.staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        next_due = data.next_due or add_years(data.reg_date, REGISTRATION_YEARS)
        r = Registration(credential_id=c.id, reg_date=data.reg_date, result=data.result, next_due=next_due,
                         note=data.note)
        session.add(r)
        session.flush()
        audit.log(session, actor=actor, action="create", table="registrations", record_id=r.id, record_uid=r.uid,
                  changes={"reg_date": (None, r.reg_date), "result": (None, r.result)}, unit_id=s.unit_id)
        return _record(session, c)


def remove_registration(db: Database, credential_id: int, reg_date: date, *, actor: str = "system") -> None:
    """Remove the registration of ``reg_date`` entered by mistake (undo of adding it); audited."""
    with db.session(write=True) as session:
        c = fetch(session, Credential, credential_id, WHAT)
        s = fetch(session, Staff, c.staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        stmt = select(Registration).where(Registration.credential_id == c.id, Registration.reg_date == reg_date)
        for r in session.scalars(stmt):
            audit.log(session, actor=actor, action="delete", table="registrations", record_id=r.id,
                      record_uid=r.uid, changes={"reg_date": (r.reg_date, None), "result": (r.result, None)},
                      unit_id=s.unit_id)
            session.delete(r)


def list_credentials(
    db: Database, *, staff_id: int | None = None, unit_id: int | None = None
) -> list[CredentialRecord]:
    with db.session() as session:
        stmt = select(Credential).join(Staff, Staff.id == Credential.staff_id).order_by(Credential.staff_id, Credential.id)
        if staff_id is not None:
            stmt = stmt.where(Credential.staff_id == staff_id)
        if unit_id is not None:
            stmt = stmt.where(Staff.unit_id == unit_id)
        return [_record(session, c) for c in session.scalars(stmt)]
