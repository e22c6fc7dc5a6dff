"""Units (填报单位): the home unit of this database and the units below it."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import queries
from desktop.data.engine import Database
from desktop.data.locks import advisory_lock
from desktop.data.models import Setting, Unit
from desktop.domain.records import UnitData, UnitRecord
from desktop.domain.unitcodes import normalize_code
from desktop.domain.validate import validate_unit
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
from desktop.services.core.errors import ServiceError

DIGEST_KEY_SETTING = "id_digest_key"


def _record(unit: Unit) -> UnitRecord:
    return to_record(UnitRecord, unit)


def _ensure_digest_key(session: Session) -> None:
    advisory_lock(session, f"setting:{DIGEST_KEY_SETTING}")
    if session.get(Setting, DIGEST_KEY_SETTING) is None:
        session.add(Setting(key=DIGEST_KEY_SETTING, value=secrets.token_hex(32)))


def _parent_id(session: Session, parent_code: str | None) -> int | None:
    if not parent_code:
        return None
    return session.scalars(select(Unit.id).where(Unit.code == parent_code)).first()


def _insert(session: Session, data: UnitData, *, is_home: bool, actor: str) -> Unit:
    data_code = normalize_code(data.code)
    values = {name: getattr(data, name) for name in data_fields(UnitData)}
    values["code"] = data_code
    raise_on_errors(validate_unit(UnitData(**values)), "单位")
    advisory_lock(session, f"unit-code:{data_code}")
    if session.scalars(select(Unit.id).where(Unit.code == data_code)).first() is not None:
        raise ServiceError(f"代码为 {data_code} 的单位已经存在。", ())
    unit = Unit(**values, is_home=is_home, parent_id=_parent_id(session, data.parent_code))
    session.add(unit)
    session.flush()
    # Units created below the home unit point at it; units created before their
    # parent pick it up here.
    for child in session.scalars(select(Unit).where(Unit.parent_code == data_code, Unit.parent_id.is_(None))):
        child.parent_id = unit.id
    audit.log(session, actor=actor, action="create", table="units", record_id=unit.id,
              changes={"code": (None, unit.code), "name": (None, unit.name)})
    return unit


def create_home_unit(db: Database, data: UnitData, *, actor: str = "system") -> UnitRecord:
    """The unit this database belongs to (one per database)."""
    with db.session(write=True) as session:
        if queries.home_unit_id(session) is not None:
            raise ServiceError("这个数据库已经有所属单位，不能再创建。", ())
        _ensure_digest_key(session)
        return _record(_insert(session, data, is_home=True, actor=actor))


def create_unit(db: Database, data: UnitData, *, actor: str = "system") -> UnitRecord:
    """A unit below the home unit (an office's school or county)."""
    with db.session(write=True) as session:
        return _record(_insert(session, data, is_home=False, actor=actor))


def home_unit(db: Database) -> UnitRecord | None:
    with db.session() as session:
        unit = queries.home_unit(session)
        return _record(unit) if unit else None


def get_unit(db: Database, unit_id: int) -> UnitRecord:
    with db.session() as session:
        return _record(fetch(session, Unit, unit_id, "单位"))


def find_unit(db: Database, code: str) -> UnitRecord | None:
    with db.session() as session:
        unit = session.scalars(select(Unit).where(Unit.code == normalize_code(code))).first()
        return _record(unit) if unit else None


def list_units(db: Database, *, kind: str | None = None, parent_id: int | None = None) -> list[UnitRecord]:
    with db.session() as session:
        stmt = select(Unit).order_by(Unit.code)
        if kind:
            stmt = stmt.where(Unit.kind == kind)
        if parent_id is not None:
            stmt = stmt.where(Unit.parent_id == parent_id)
        return [_record(u) for u in session.scalars(stmt)]


def update_unit(
    db: Database, unit_id: int, changes: Mapping[str, Any], *, expected_version: int | None = None,
    actor: str = "system",
) -> UnitRecord:
    with db.session(write=True) as session:
        unit = fetch(session, Unit, unit_id, "单位")
        check_version(unit, expected_version, "单位")
        allowed = [f for f in data_fields(UnitData) if f not in ("code", "kind")]
        diff = changed_values(unit, changes, allowed)
        merged = {n: getattr(unit, n) for n in data_fields(UnitData)} | dict(changes)
        raise_on_errors(validate_unit(UnitData(**merged)), "单位")
        if diff:  # an approved unit is part of what was signed (the units guard backs this up)
            ensure_editable(session, unit.id)
        for key, (_, new) in diff.items():
            setattr(unit, key, new)
        if diff:
            audit.log(session, actor=actor, action="update", table="units", record_id=unit.id, changes=diff)
        session.flush()
        return _record(unit)
