"""The audit trail (操作日志): who changed what, when, from what to what.

Entries form a hash chain (each hash covers the previous one), so an edit of
the log itself shows up when the chain is verified. ID numbers are written
masked. Entries are added inside the caller's transaction: the change and its
audit row commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit_writer
from desktop.data.base import utcnow
from desktop.data.locks import AUDIT_CHAIN, advisory_lock
from desktop.data.models import AuditEntry
from desktop.domain.idcard import mask_id
from desktop.domain.privacy import mask_ids_in_text
from desktop.services.core import proxy

SENSITIVE_FIELDS = frozenset({"id_number"})


def _text(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if field in SENSITIVE_FIELDS:
        return mask_id(str(value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return mask_ids_in_text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return mask_ids_in_text(str(value))  # a number typed into a note is masked too


def _hash(prev: str, entry: AuditEntry) -> str:
    payload = "\x1f".join(
        str(x)
        for x in (prev, entry.at.isoformat(), entry.username, entry.action, entry.table_name,
                  entry.record_id, entry.record_uid, entry.field, entry.old_value, entry.new_value,
                  entry.unit_id, entry.period_id, entry.reason)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.scalars(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return last or ""


def log(
    session: Session,
    *,
    actor: str,
    action: str,
    table: str,
    record_id: int | None = None,
    record_uid: str | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    unit_id: int | None = None,
    period_id: int | None = None,
    reason: str | None = None,
) -> None:
    """Append one entry per changed field (or one entry for an action without fields).

    An office writing a school's data is 代报 (``core.proxy``): the reason says so and the
    school's unit-period records the office."""
    session.flush()
    office = proxy.proxy_office(session, unit_id, table, action)
    if office is not None:
        reason = f"{proxy.PREFIX}（{office}代为录入）" + (f"；{reason}" if reason else "")
        proxy.mark_unit_period(session, unit_id, period_id, office)  # type: ignore[arg-type]
    # Two writers on a shared server would otherwise both chain onto the same last
    # entry and break the chain; the lock is held until this transaction commits.
    advisory_lock(session, AUDIT_CHAIN)
    now = utcnow()
    items: list[tuple[str | None, tuple[Any, Any]]] = list((changes or {}).items()) or [(None, (None, None))]
    if session.get_bind().dialect.name == "postgresql" and audit_writer.available(session.connection()):
        # On a server only the definer function may write the log; it chains and names the login itself
        # (a database not yet at revision 20261206_0200, being built up to it, is written directly).
        for field, (old, new) in items:
            audit_writer.append(
                session.connection(), at=now, actor=actor, action=action, table=table, record_id=record_id,
                record_uid=record_uid, field=field, old=_text(field or "", old), new=_text(field or "", new),
                unit_id=unit_id, period_id=period_id, reason=mask_ids_in_text(reason) if reason else reason)
        return
    prev = _last_hash(session)
    for field, (old, new) in items:
        entry = AuditEntry(
            at=now, username=actor, action=action, table_name=table, record_id=record_id,
            record_uid=record_uid, field=field,
            old_value=_text(field or "", old), new_value=_text(field or "", new),
            unit_id=unit_id, period_id=period_id, reason=mask_ids_in_text(reason) if reason else reason,
            prev_hash=prev,
        )
        entry.entry_hash = _hash(prev, entry)
        prev = entry.entry_hash
        session.add(entry)


def verify_chain(session: Session) -> int | None:
    """Id of the first entry whose hash does not match, or None when the chain is intact."""
    prev = ""
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if entry.prev_hash != prev or _hash(prev, entry) != entry.entry_hash:
            return entry.id
        prev = entry.entry_hash
    return None


def log_created(session: Session, row: Any, *, actor: str, table: str, changes: Mapping[str, tuple[Any, Any]],
                unit_id: int | None, period_id: int | None = None) -> None:
    """Add a new row, give it its id, and record the creation (the CRUD services' common step)."""
    session.add(row)
    session.flush()
    log(session, actor=actor, action="create", table=table, record_id=row.id, record_uid=row.uid,
        changes=changes, unit_id=unit_id, period_id=period_id)


def apply_update(session: Session, row: Any, diff: Mapping[str, tuple[Any, Any]], *, actor: str, table: str,
                 unit_id: int | None, period_id: int | None = None) -> None:
    """Set the changed fields of ``row`` and record them field by field; nothing is logged for no change."""
    for key, (_, new) in diff.items():
        setattr(row, key, new)
    if diff:
        log(session, actor=actor, action="update", table=table, record_id=row.id, record_uid=row.uid,
            changes=diff, unit_id=unit_id, period_id=period_id)
    session.flush()
