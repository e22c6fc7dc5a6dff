"""Import of 年度考核 results and 师德 records from a spreadsheet (kinds ``appraisals`` and ``ethics``).

Each row names a person of the unit's roster by ID number (as the training and
certificate imports do). An appraisal row adds the year's result, or updates it when
the file says otherwise; a row identical to what is on file is skipped. An ethics row
adds a record unless the same person already has one of that date, kind and text.
Spellings of the results and kinds are read through ``templates/synonyms/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import Appraisal, EthicsRecord, Movement, Staff, Transfer, Unit
from desktop.domain.codes import AppraisalResult
from desktop.domain.idcard import normalize_id
from desktop.exchange.fields import FieldSpec
from desktop.exchange.rows import ParsedRow
from desktop.services.imports.plan import (
    ADD,
    ERROR,
    SKIP,
    UPDATE,
    RowResult,
    _attach,
    _base,
    _duplicates,
    _people_by_number,
)


def plan_appraisals(session: Session, unit_id: int, parsed: list[ParsedRow], spec: Sequence[FieldSpec],
                    mapped: set[str], labels: dict[str, str]) -> list[RowResult]:
    find = _people_by_number(session, unit_id)
    stored = {(a.staff_id, a.year): a for a in session.scalars(
        select(Appraisal).join(Staff, Staff.id == Appraisal.staff_id).where(Staff.unit_id == unit_id))}
    this_year = date.today().year
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        v = res.values
        staff = _attach(res, find) if v.get("id_number") else None
        year = v.get("year")
        if isinstance(year, int) and not 1990 <= year <= this_year:
            res.errors.append(f"{labels.get('year', '考核年度')}：{year} 不对，请填 1990 年到今年之间的年份。")
            res.status = ERROR
        if res.status == ERROR or staff is None or year is None or "result" not in v:
            continue
        v["staff_id"] = staff.id
        old = stored.get((staff.id, year))
        if old is None:
            continue
        res.target_id, res.target_version = old.id, old.version
        if old.result == v["result"]:
            res.status = SKIP
            res.warnings.append(f"库中已有此人 {year} 年度考核结果（{AppraisalResult.label_of(old.result)}），与文件相同。")
        else:
            res.status = UPDATE
            res.changes = {"result": (old.result, v["result"])}
    _duplicates([r for r in out if r.status != ERROR and "staff_id" in r.values],
                lambda r: (r.values["staff_id"], r.values["year"]), "同一人同一年度的考核结果")
    return out


def plan_ethics(session: Session, unit_id: int, parsed: list[ParsedRow], spec: Sequence[FieldSpec],
                mapped: set[str], labels: dict[str, str]) -> list[RowResult]:
    find = _people_by_number(session, unit_id)
    stored = {(e.staff_id, e.record_date, e.kind, e.description) for e in session.scalars(
        select(EthicsRecord).join(Staff, Staff.id == EthicsRecord.staff_id).where(Staff.unit_id == unit_id))}
    today = date.today()
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        v = res.values
        staff = _attach(res, find) if v.get("id_number") else None
        day = v.get("record_date")
        if isinstance(day, date) and day > today:
            res.errors.append(f"{labels.get('record_date', '日期')}：{day.isoformat()} 晚于今天，请核对。")
            res.status = ERROR
        if res.status == ERROR or staff is None or not {"record_date", "kind", "description"} <= v.keys():
            continue
        v["staff_id"] = staff.id
        if (staff.id, day, v["kind"], v["description"]) in stored:
            res.status = SKIP
            res.warnings.append("库中已有这条师德记录（同一人、同日期、同类别、同事由），不会重复导入。")
    _duplicates([r for r in out if r.status not in (ERROR, SKIP) and "staff_id" in r.values],
                lambda r: (r.values["staff_id"], r.values["record_date"], r.values["kind"], r.values["description"]),
                "这条师德记录")
    return out


def write_appraisals(session: Session, rows: list[RowResult]) -> tuple[int, int]:
    added = updated = 0
    for r in rows:
        v: dict[str, Any] = r.values
        if r.status == ADD:
            session.add(Appraisal(staff_id=v["staff_id"], year=v["year"], result=v["result"], note=v.get("note")))
            added += 1
        elif r.status == UPDATE and r.target_id is not None:
            a = session.get(Appraisal, r.target_id)
            if a is not None:
                a.result = v["result"]
                updated += 1
    session.flush()
    return added, updated


def write_ethics(session: Session, rows: list[RowResult]) -> tuple[int, int]:
    added = 0
    for r in rows:
        if r.status == ADD:
            v = r.values
            session.add(EthicsRecord(staff_id=v["staff_id"], record_date=v["record_date"], kind=v["kind"],
                                     description=v["description"], note=v.get("note")))
            added += 1
    session.flush()
    return added, 0


def note_pending_transfers(session: Session, unit_id: int, rows: list[RowResult]) -> None:
    """Warn on roster rows of people with a pending 调出 to this school (a transfer file received,
    or an ended 调出 record with a movement here from a package): 调入 is confirmed on 人员核查 → 调动."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        return
    waiting = {normalize_id(t.id_number): f"{t.from_unit_code} {t.from_unit_name}" for t in session.scalars(
        select(Transfer).where(Transfer.direction == "in", Transfer.state == "pending",
                               Transfer.to_unit_code == unit.code))}
    confirmed = {t.staff_uid for t in session.scalars(select(Transfer).where(Transfer.to_unit_code == unit.code,
                                                                             Transfer.state == "confirmed"))}
    here = set(session.scalars(select(Staff.id_digest).where(Staff.unit_id == unit.id, Staff.status == "active")))
    for s, m in session.execute(select(Staff, Movement).join(Movement, Movement.staff_id == Staff.id).where(
            Movement.to_unit_code == unit.code, Staff.status == "ended", Staff.unit_id != unit.id)):
        if s.uid not in confirmed and s.id_digest not in here:
            waiting.setdefault(normalize_id(s.id_number), f"{m.from_unit_code or ''} {m.from_unit_name or ''}".strip())
    if not waiting:
        return
    for r in rows:
        origin = waiting.get(normalize_id(str(r.values.get("id_number", ""))))
        if origin and r.status != ERROR:
            r.warnings.append(f"此人有待确认的调入（自 {origin}）。导入后请在“人员核查 → 调动”中确认调入，"
                              "其证书和培训学时随人转入。")
