"""Writing the accepted rows of an import in one transaction, with bulk statements.

Training imports run to hundreds of thousands of rows, so inserts go through
``exec_driver_sql`` with tuples (DESIGN.md §4: ORM objects are 30× slower).
Updates are few (people already on the roster) and go through Core ``update``
with the optimistic-lock version checked. The audit trail gets one entry per
batch for inserts and one entry per changed field for updates, inside the
same transaction, so the data and its audit commit together or not at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop.data.base import new_uid, utcnow
from desktop.data.bulk import insert_rows
from desktop.data.models import (
    Credential,
    Registration,
    SchoolClass,
    Staff,
    StaffCourse,
    TrainingRecord,
)
from desktop.domain.idcard import id_tail
from desktop.domain.search import pinyin_keys
from desktop.services.core.errors import ConflictError
from desktop.services.imports.plan import ADD, UPDATE, RowResult
from desktop.services.records.credentials import REGISTRATION_YEARS, add_years

CHUNK = 5_000  # rows per executemany: bounded memory for the parameter list

_STAFF_COLS = (
    "uid", "unit_id", "staff_no", "name", "name_pinyin", "name_initials", "id_type", "id_number", "id_digest",
    "id_tail", "gender", "birth_date", "ethnicity", "political_status", "phone", "category", "employment_form",
    "post", "first_work_date", "join_date", "teaching_stage", "subject", "full_time", "education", "degree",
    "major", "normal_major", "first_education", "title", "honour_level", "honour_year", "status", "note",
    "not_teaching", "external_teacher", "foreign_national", "overseas",
    "created_at", "updated_at", "version",
)
_TRAINING_COLS = (
    "uid", "staff_id", "title", "organiser", "start_date", "end_date", "level", "mode", "category", "topics",
    "hours", "certificate_no", "source", "created_at", "updated_at", "version",
)
_CREDENTIAL_COLS = (
    "uid", "staff_id", "kind", "cert_type", "subject", "number", "grade", "issue_date", "issuer", "revoked",
    "note", "created_at", "updated_at", "version",
)
_CLASS_COLS = ("uid", "unit_id", "period_id", "grade", "name", "enrolled", "boarders", "disabled",
               "created_at", "updated_at", "version")
_REG_COLS = ("uid", "credential_id", "reg_date", "result", "next_due", "created_at", "updated_at")


def _executemany(session: Session, table: str, cols: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    # data/bulk.py: executemany on SQLite, COPY on PostgreSQL (one statement per row otherwise).
    insert_rows(session.connection(), table, cols, rows, chunk=CHUNK)


def _update(session: Session, model: Any, res: RowResult, extra: dict[str, Any] | None = None) -> None:
    values = {k: new for k, (_, new) in res.changes.items()} | (extra or {})
    if not values:
        return
    stmt = (update(model).where(model.id == res.target_id, model.version == res.target_version)
            .values(**values, version=model.version + 1, updated_at=utcnow()))
    done = session.execute(stmt, execution_options={"synchronize_session": False})
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(f"第 {res.row} 行对应的记录在预览之后已被其他人修改，整批导入已取消。请重新预览后再导入。")


def _write_courses(session: Session, courses: dict[int, tuple[str, ...]], now: Any) -> None:
    """Replace the 任教课程 of each staff id with its list (the first is the main one)."""
    if not courses:
        return
    ids = list(courses)
    for i in range(0, len(ids), 500):
        session.execute(delete(StaffCourse).where(StaffCourse.staff_id.in_(ids[i:i + 500])))
    rows = [(new_uid(), sid, code, j == 0, now, now) for sid, codes in courses.items() for j, code in enumerate(codes)]
    _executemany(session, "staff_courses", ("uid", "staff_id", "course", "main", "created_at", "updated_at"), rows)


def write_roster(session: Session, unit_id: int, rows: list[RowResult]) -> tuple[int, int]:
    now = utcnow()
    inserts: list[tuple[Any, ...]] = []
    new_courses: dict[str, tuple[str, ...]] = {}  # uid → 任教课程 of an added person
    courses: dict[int, tuple[str, ...]] = {}
    for r in rows:
        if r.status == ADD:
            v = r.values
            full, initials = pinyin_keys(v["name"])
            extra = {"uid": new_uid(), "unit_id": unit_id, "name_pinyin": full, "name_initials": initials,
                     "id_tail": id_tail(v["id_number"]), "status": "active", "created_at": now,
                     "updated_at": now, "version": 1}
            merged = v | extra
            inserts.append(tuple(merged.get(c) for c in _STAFF_COLS))
            if v.get("courses"):
                new_courses[str(extra["uid"])] = tuple(v["courses"])
        elif r.status == UPDATE:
            keys: dict[str, Any] = {}
            if "name" in r.changes:
                keys["name_pinyin"], keys["name_initials"] = pinyin_keys(r.changes["name"][1])
            if "id_number" in r.changes:
                keys["id_tail"] = id_tail(r.changes["id_number"][1])
                keys["id_digest"] = r.values["id_digest"]
            if "courses" in r.changes:
                assert r.target_id is not None
                courses[r.target_id] = tuple(r.changes["courses"][1])
                fields = {k: v for k, v in r.changes.items() if k != "courses"}
                _update(session, Staff, dataclasses.replace(r, changes=fields), keys)
            else:
                _update(session, Staff, r, keys)
    _executemany(session, "staff", _STAFF_COLS, inserts)
    if new_courses:
        uids = list(new_courses)
        for i in range(0, len(uids), 500):
            for sid, uid in session.execute(select(Staff.id, Staff.uid).where(Staff.uid.in_(uids[i:i + 500]))):
                courses[sid] = new_courses[uid]
    _write_courses(session, courses, now)
    return len(inserts), sum(1 for r in rows if r.status == UPDATE)


def write_training(session: Session, rows: list[RowResult]) -> tuple[int, int]:
    now = utcnow()
    inserts = [
        (new_uid(), v["staff_id"], v["title"], v.get("organiser") or None, v["start_date"], v["end_date"],
         v["level"], v["mode"], v["category"], ";".join(v.get("topics", ())), v["hours"],
         v.get("certificate_no") or None, "import", now, now, 1)
        for v in (r.values for r in rows if r.status == ADD)
    ]
    _executemany(session, "training_records", _TRAINING_COLS, inserts)
    return len(inserts), 0


def write_credentials(session: Session, rows: list[RowResult]) -> tuple[int, int]:
    now = utcnow()
    inserts: list[tuple[Any, ...]] = []
    uid_of: dict[int, str] = {}  # id(row) → uid of the credential it inserts
    for r in rows:
        if r.status == ADD:
            uid_of[id(r)] = uid = new_uid()
            merged = r.values | {"uid": uid, "created_at": now, "updated_at": now, "version": 1}
            inserts.append(tuple(merged.get(c) for c in _CREDENTIAL_COLS))
        elif r.status == UPDATE:
            _update(session, Credential, r)
    _executemany(session, "credentials", _CREDENTIAL_COLS, inserts)
    ids: dict[str, int] = {}
    uids = list(uid_of.values())
    for start in range(0, len(uids), 500):
        stmt = select(Credential.uid, Credential.id).where(Credential.uid.in_(uids[start:start + 500]))
        ids.update({u: i for u, i in session.execute(stmt)})
    regs: list[tuple[Any, ...]] = []
    for r in rows:
        reg_date: date | None = r.values.get("reg_date")
        if r.status not in (ADD, UPDATE) or reg_date is None:
            continue
        cred_id = r.values.get("credential_id") or ids.get(uid_of.get(id(r), ""))
        known = session.scalars(select(Registration.id).where(
            Registration.credential_id == cred_id, Registration.reg_date == reg_date)).first()
        if cred_id is not None and known is None:
            regs.append((new_uid(), cred_id, reg_date, r.values.get("reg_result") or "1",
                         add_years(reg_date, REGISTRATION_YEARS), now, now))
    _executemany(session, "registrations", _REG_COLS, regs)
    return len(inserts), sum(1 for r in rows if r.status == UPDATE)


def write_classes(session: Session, unit_id: int, period_id: int, rows: list[RowResult]) -> tuple[int, int]:
    now = utcnow()
    inserts = []
    for r in rows:
        if r.status == ADD:
            merged = r.values | {"uid": new_uid(), "unit_id": unit_id, "period_id": period_id,
                                 "created_at": now, "updated_at": now, "version": 1}
            inserts.append(tuple(merged.get(c) for c in _CLASS_COLS))
        elif r.status == UPDATE:
            _update(session, SchoolClass, r)
    _executemany(session, "classes", _CLASS_COLS, inserts)
    return len(inserts), sum(1 for r in rows if r.status == UPDATE)


def recheck_adds(session: Session, kind: str, unit_id: int, period_id: int | None, rows: list[RowResult]) -> None:
    """Refuse the whole batch if rows the preview meant to add have appeared since.

    The preview ran without locks; commit holds the import lock (data/locks.py), so
    what it finds here is final. Another office (or the same clerk in a second
    window) importing the same sheet first must not lead to the people, training
    or classes being written twice.
    """
    adds = [r for r in rows if r.status == ADD]
    if not adds:
        return
    taken: list[str] = []
    if kind == "roster":
        digests = [r.values["id_digest"] for r in adds if r.values.get("id_digest")]
        for start in range(0, len(digests), 500):
            taken += session.scalars(select(Staff.name).where(
                Staff.id_digest.in_(digests[start:start + 500]), Staff.status == "active")).all()
    elif kind == "training":
        staff_ids = sorted({r.values["staff_id"] for r in adds})
        stored: set[tuple[Any, ...]] = set()
        for start in range(0, len(staff_ids), 500):
            stored |= {tuple(t) for t in session.execute(
                select(TrainingRecord.staff_id, TrainingRecord.title, TrainingRecord.start_date,
                       TrainingRecord.end_date, TrainingRecord.hours)
                .where(TrainingRecord.staff_id.in_(staff_ids[start:start + 500])))}
        taken = [r.values["title"] for r in adds if (r.values["staff_id"], r.values["title"], r.values["start_date"],
                                                     r.values["end_date"], r.values["hours"]) in stored]
    elif kind == "classes" and period_id is not None:
        names = {r.values["name"] for r in adds}
        taken = list(session.scalars(select(SchoolClass.name).where(
            SchoolClass.unit_id == unit_id, SchoolClass.period_id == period_id, SchoolClass.name.in_(names))))
    if taken:
        raise ConflictError(
            f"预览之后，其中 {len(taken)} 条（如“{taken[0]}”）已由其他人录入或导入。为避免重复，整批导入已取消，"
            "没有写入任何数据。请重新预览后再导入。"
        )
