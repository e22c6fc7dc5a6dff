"""Deciding, per parsed row, whether it adds, updates, is skipped or is in error.

Called by ``desktop.services.imports.spreadsheet`` inside a read-only session. Each kind
(roster, credentials, training, classes) turns ``ParsedRow`` values into the
domain ``*Data`` record, runs the domain validator, and matches the row
against what is already stored: staff by the keyed ID digest (never by the
clear number), credentials by certificate number, training records by
(person, title, dates, hours), classes by name within the period.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import Credential, SchoolClass, Staff, StaffCourse, TrainingRecord, Unit
from desktop.domain.birth import reconcile_birth
from desktop.domain.codes import IdDocType
from desktop.domain.findings import Finding
from desktop.domain.idcard import mask_id, normalize_id, parse_resident_id
from desktop.domain.records import (
    ClassData,
    CredentialData,
    RegistrationData,
    StaffData,
    TrainingData,
)
from desktop.domain.validate import (
    validate_class,
    validate_credential,
    validate_registration,
    validate_staff,
    validate_training,
)
from desktop.exchange.fields import FieldSpec
from desktop.exchange.normalise import cell_text, id_precision_lost
from desktop.exchange.rows import ParsedRow
from desktop.services.records.staff import (
    _complete as complete_staff,  # one definition of ID-derived fields
)
from desktop.services.records.staff import digest_key, id_digest

ADD, UPDATE, SKIP, ERROR = "add", "update", "skip", "error"


@dataclass
class RowResult:
    """One data row of the sheet and what committing it would do."""

    sheet: str
    row: int  # Excel row number
    status: str  # add | update | skip | error
    summary: str = ""  # who or what the row is about (name + masked ID, class name …)
    values: dict[str, Any] = field(default_factory=dict)  # clean values by field key
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (old, new) for updates
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    target_id: int | None = None  # the existing record an update changes, or the staff a record attaches to
    target_version: int | None = None
    raw: Sequence[Any] = ()  # the row as read
    failed: set[str] = field(default_factory=set)  # fields already reported as unreadable

    @property
    def cells(self) -> list[str]:
        """The row as text, for the error workbook."""
        return [cell_text(v) for v in self.raw]


def join_reasons(reasons: Sequence[str]) -> str:
    """Several Chinese sentences as one: '甲；乙。'."""
    parts = [r.rstrip("。；; ") for r in reasons if r.strip()]
    return "；".join(parts) + "。" if parts else ""


def _base(p: ParsedRow, status: str = ADD) -> RowResult:
    # The parsed row is not used again: its containers are taken over, not copied.
    return RowResult(p.sheet, p.row, ERROR if p.errors else status, values=p.values,
                     errors=p.errors, warnings=p.warnings, raw=p.raw, failed=p.failed)


def _finding_text(f: Finding, labels: dict[str, str]) -> str:
    label = labels.get(f.field)
    return f"{label}：{f.message}" if label else f.message


def _apply_findings(res: RowResult, findings: Sequence[Finding], labels: dict[str, str]) -> None:
    """Add a validator's findings; fields whose cell was unreadable are already reported,
    so the validator's view of them (usually "missing") is left out."""
    for f in findings:
        if f.field in res.failed:
            continue
        (res.errors if f.is_error else res.warnings).append(_finding_text(f, labels))
    if res.errors:
        res.status = ERROR


def _id_error(res: RowResult) -> None:
    number = res.values.get("id_number", "")
    if number and id_precision_lost(number) and any("校验" in e for e in res.errors):
        res.errors.append("证件号码末三位是 000，很可能被 Excel 按数字保存时丢失了精度；请按证件重新输入并把该列设为文本格式。")


def _duplicates(results: list[RowResult], key_of: Any, what: str) -> None:
    """Mark every row sharing a key with another row as an error naming the others."""
    seen: dict[Any, list[RowResult]] = defaultdict(list)
    for res in results:
        key = key_of(res)
        if key is not None:
            seen[key].append(res)
    for group in seen.values():
        if len(group) < 2:
            continue
        for res in group:
            others = "、".join(str(o.row) for o in group if o is not res)
            res.errors.append(f"{what}与第 {others} 行重复，同一{'人' if 'ID' in what or '证件' in what else '记录'}只能出现一次；"
                              "请删除多余的行或核对号码。")
            res.status = ERROR


def _courses_of(session: Session, unit_id: int) -> dict[int, list[str]]:
    """任教课程 of the unit's people, the main one first."""
    out: dict[int, list[str]] = {}
    stmt = (select(StaffCourse.staff_id, StaffCourse.course).join(Staff, Staff.id == StaffCourse.staff_id)
            .where(Staff.unit_id == unit_id).order_by(StaffCourse.staff_id, StaffCourse.main.desc(), StaffCourse.id))
    for sid, course in session.execute(stmt):
        out.setdefault(sid, []).append(course)
    return out


def _staff_index(session: Session, unit_id: int) -> dict[str, Staff]:
    rows = session.scalars(select(Staff).where(Staff.unit_id == unit_id).order_by(Staff.status, Staff.id))
    index: dict[str, Staff] = {}
    for s in rows:
        index.setdefault(s.id_digest, s)  # "active" sorts before "ended": active wins
    return index


# ---------------------------------------------------------------- roster


def plan_roster(session: Session, unit_id: int, parsed: list[ParsedRow], spec: Sequence[FieldSpec],
                mapped: set[str], labels: dict[str, str], *, new_only: frozenset[str] = frozenset()) -> list[RowResult]:
    """``new_only``: fields answered for the batch (no column) that apply to added people only."""
    defaults: dict[str, Any] = {f.key: f.default for f in spec if f.default is not None}
    key = digest_key(session)
    local = _staff_index(session, unit_id)
    # Active people of every other unit, by digest: one query instead of one per row.
    elsewhere = {d: (n, u) for d, n, u in session.execute(
        select(Staff.id_digest, Staff.name, Unit.name).join(Unit, Unit.id == Staff.unit_id)
        .where(Staff.status == "active", Staff.unit_id != unit_id))}
    fields = {f.name for f in dataclasses.fields(StaffData)}
    had_courses = _courses_of(session, unit_id)
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        courses = res.values.get("courses")  # 任教课程: a child table, not a StaffData field
        values = {k: v for k, v in res.values.items() if k in fields}
        res.summary = f"{values.get('name', '')} {mask_id(values.get('id_number', ''))}".strip()
        if "name" not in values:
            continue
        if "birth_date" in values:
            _reconcile_birth(res, values, defaults, labels)
        # Rows with unreadable cells are validated too, so every problem shows at once.
        data = complete_staff(StaffData(**(defaults | values)))
        _apply_findings(res, validate_staff(data), labels)
        _id_error(res)
        if res.status == ERROR:
            continue
        res.values = {k: getattr(data, k) for k in fields}
        if courses:
            res.values["courses"] = courses
        res.values["id_digest"] = id_digest(key, data.id_number)
        existing = local.get(res.values["id_digest"])
        if existing is None:
            other = elsewhere.get(res.values["id_digest"])
            if other is not None:
                res.errors.append(f"证件号码 {mask_id(data.id_number)} 已登记给“{other[0]}”（{other[1]}），"
                                  "同一人只能有一条在职记录；请核对号码，或先在原单位办理调出。")
                res.status = ERROR
            continue
        # Update only what the file actually has: absent columns and blank cells keep the
        # stored value (a blank 职称 cell must not turn 三级 into the template default 未定级).
        wanted = {k: v for k, v in res.values.items()
                  if k in fields and k not in new_only and (k in values or k in ("gender", "birth_date", "id_number"))}
        res.changes = {k: (getattr(existing, k), v) for k, v in wanted.items()
                       if v not in (None, "") and getattr(existing, k) != v}
        if courses and tuple(had_courses.get(existing.id, ())) != tuple(courses):
            res.changes["courses"] = (tuple(had_courses.get(existing.id, ())), tuple(courses))
        res.target_id, res.target_version = existing.id, existing.version
        res.status = UPDATE if res.changes else SKIP
        if existing.status == "ended":
            res.warnings.append(f"{existing.name} 的记录已于 {existing.end_date} 结束（调出、退休等），导入只更新信息，"
                                "不会恢复在职；如此人已回到本单位，请在名册中恢复其记录。")
        if res.status == SKIP:
            res.warnings.append("与库中记录完全相同，无需导入。")
    _duplicates([r for r in out if r.status != ERROR or r.values.get("id_number")],
                lambda r: normalize_id(r.values.get("id_number", "")) or None, "证件号码")
    return out


def _reconcile_birth(res: RowResult, values: dict[str, Any], defaults: dict[str, Any],
                     labels: dict[str, str]) -> None:
    """A typed 出生日期/出生年月 against the ID: the ID's date is kept, a disagreement warns (§7.2)."""
    from_id = None
    if values.get("id_type", defaults.get("id_type")) in (IdDocType.RESIDENT_ID, IdDocType.HMT_RESIDENCE):
        info, _ = parse_resident_id(normalize_id(values.get("id_number") or ""))
        from_id = info.birth_date if info is not None else None
    birth, warning = reconcile_birth(values.pop("birth_date"), from_id)
    if birth is not None:
        values["birth_date"] = birth
    if warning:
        res.warnings.append(f"{labels.get('birth_date', '出生日期')}：{warning}")


# ---------------------------------------------------------------- rows that attach to a person


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    gender: str
    masked: str


def _people_by_number(session: Session, unit_id: int) -> Any:
    """A lookup from ID number to the person on this unit's roster, by keyed digest.

    Only light columns are read (a county roster has thousands of people), and
    each distinct number is hashed once however many rows it has.
    """
    key = digest_key(session)
    rows = session.execute(select(Staff.id, Staff.id_digest, Staff.name, Staff.gender, Staff.id_tail)
                           .where(Staff.unit_id == unit_id).order_by(Staff.status, Staff.id))
    by_digest: dict[str, tuple[int, str, str]] = {}
    for sid, digest, name, gender, _tail in rows:
        by_digest.setdefault(digest, (sid, name, gender))  # active sorts before ended
    cache: dict[str, _Person | None] = {}

    def find(number: str) -> _Person | None:
        try:
            return cache[number]
        except KeyError:
            hit = by_digest.get(id_digest(key, number))
            person = _Person(hit[0], hit[1], hit[2], mask_id(number)) if hit else None
            cache[number] = person
            return person

    return find


def _attach(res: RowResult, find: Any) -> _Person | None:
    number = res.values.get("id_number", "")
    person: _Person | None = find(number)
    name = res.values.get("name", "")
    if person is None:
        res.summary = f"{name} {mask_id(number)}".strip()
        res.errors.append(f"证件号码 {mask_id(number)} 在本单位教职工名册中找不到。请先导入或录入此人，再导入其记录。")
        _id_error(res)
        res.status = ERROR
        return None
    res.summary = f"{name} {person.masked}" if name else person.masked
    if name and name != person.name:
        res.warnings.append(f"姓名“{name}”与名册中该证件号码的姓名“{person.name}”不一致，已按证件号码对应。")
    res.target_id = person.id
    return person


def plan_credentials(session: Session, unit_id: int, parsed: list[ParsedRow], spec: Sequence[FieldSpec],
                     mapped: set[str], labels: dict[str, str]) -> list[RowResult]:
    defaults: dict[str, Any] = {f.key: f.default for f in spec if f.default is not None}
    find = _people_by_number(session, unit_id)
    fields = {f.name for f in dataclasses.fields(CredentialData)}
    stored: dict[tuple[int, str], Credential] = {}
    for c in session.scalars(select(Credential).join(Staff).where(Staff.unit_id == unit_id)):
        if c.number:
            stored[(c.staff_id, c.number)] = c
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        res.summary = str(res.values.get("name", ""))  # _attach adds the masked ID
        staff = _attach(res, find) if res.values.get("id_number") else None
        given = {k for k in res.values if k in fields}  # cells the file filled (blank ones are absent)
        values = defaults | {k: v for k, v in res.values.items() if k in fields}
        data = CredentialData(**values)
        findings = validate_credential(data, gender=staff.gender if staff else None)
        if res.values.get("reg_date") is not None:
            findings += validate_registration(
                RegistrationData(reg_date=res.values["reg_date"], result=res.values.get("reg_result") or "1"))
        _apply_findings(res, findings, labels)
        if res.status == ERROR or staff is None:
            continue
        res.values = {k: getattr(data, k) for k in fields} | {
            k: res.values[k] for k in ("reg_date", "reg_result") if k in res.values}
        res.values["staff_id"] = staff.id
        existing = stored.get((staff.id, data.number or ""))
        if existing is not None:
            res.changes = {k: (getattr(existing, k), res.values[k]) for k in fields
                           if k in given and res.values[k] not in (None, "") and getattr(existing, k) != res.values[k]}
            res.target_id, res.target_version = existing.id, existing.version
            res.values["credential_id"] = existing.id
            res.status = UPDATE if res.changes or "reg_date" in res.values else SKIP
    _duplicates([r for r in out if r.values.get("number")],
                lambda r: (r.values.get("staff_id"), r.values.get("number")), "证书编号")
    return out


_EVENT_FIELDS = ("title", "start_date", "end_date", "hours", "level", "mode", "category", "topics", "organiser",
                 "certificate_no")
_TRAINING_REQUIRED = {"title", "start_date", "end_date", "hours", "level", "mode", "category"}


def plan_training(session: Session, unit_id: int, parsed: list[ParsedRow], spec: Sequence[FieldSpec],
                  mapped: set[str], labels: dict[str, str]) -> list[RowResult]:
    find = _people_by_number(session, unit_id)
    stored = {tuple(r) for r in session.execute(
        select(TrainingRecord.staff_id, TrainingRecord.title, TrainingRecord.start_date,
               TrainingRecord.end_date, TrainingRecord.hours)
        .join(Staff, Staff.id == TrainingRecord.staff_id).where(Staff.unit_id == unit_id))}
    today = date.today()
    checked: dict[tuple[Any, ...], list[Finding]] = {}
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        v = res.values
        if "start_date" not in v and "end_date" in v:
            v["start_date"] = v["end_date"]
        if "end_date" not in v and "start_date" in v:
            v["end_date"] = v["start_date"]
        if "start_date" not in v and not any("日期" in e for e in res.errors):
            res.errors.append("培训日期不能为空：请填写开始日期或结束日期。")
            res.status = ERROR
        res.summary = str(v.get("name", ""))  # _attach adds the masked ID
        staff = _attach(res, find) if v.get("id_number") else None
        if not v.keys() >= _TRAINING_REQUIRED:
            continue
        # A training event is listed once per attendee with identical details, and the
        # validator does not depend on the person: validate each distinct record once
        # (keyed by a plain tuple: building a frozen dataclass per row cost more than the check).
        event = (v["title"], v["start_date"], v["end_date"], v["hours"], v["level"], v["mode"], v["category"],
                 v.get("topics", ()), v.get("organiser") or None, v.get("certificate_no") or None)
        findings = checked.get(event)
        if findings is None:
            findings = checked[event] = validate_training(TrainingData(**dict(zip(_EVENT_FIELDS, event, strict=True))),
                                                         today=today)
        _apply_findings(res, findings, labels)
        if res.status == ERROR or staff is None:
            continue
        v["staff_id"] = staff.id
        if (staff.id, event[0], event[1], event[2], event[3]) in stored:
            res.status = SKIP
            res.warnings.append("库中已有这条培训记录（同一人、同名称、同日期、同学时），不会重复导入。")
    _duplicates([r for r in out if r.status != ERROR],
                lambda r: (r.values["staff_id"], r.values["title"], r.values["start_date"],
                           r.values["end_date"], r.values["hours"]), "这条培训记录")
    return out


def plan_classes(session: Session, unit_id: int, period_id: int, parsed: list[ParsedRow],
                 spec: Sequence[FieldSpec], mapped: set[str], labels: dict[str, str]) -> list[RowResult]:
    defaults: dict[str, Any] = {f.key: f.default for f in spec if f.default is not None}
    stored = {c.name: c for c in session.scalars(
        select(SchoolClass).where(SchoolClass.unit_id == unit_id, SchoolClass.period_id == period_id))}
    fields = {f.name for f in dataclasses.fields(ClassData)}
    out: list[RowResult] = []
    for p in parsed:
        res = _base(p)
        out.append(res)
        res.summary = str(res.values.get("name", ""))
        if not {"grade", "name"} <= res.values.keys():
            continue
        given = {k for k in res.values if k in fields}  # a blank cell keeps the stored value
        data = ClassData(**(defaults | {k: v for k, v in res.values.items() if k in fields}))
        _apply_findings(res, validate_class(data), labels)
        if res.status == ERROR:
            continue
        res.values = {k: getattr(data, k) for k in fields}
        existing = stored.get(data.name)
        if existing is not None:
            res.changes = {k: (getattr(existing, k), res.values[k]) for k in fields
                           if k in given and getattr(existing, k) != res.values[k]}
            res.target_id, res.target_version = existing.id, existing.version
            res.status = UPDATE if res.changes else SKIP
    _duplicates([r for r in out if r.values.get("name")], lambda r: r.values["name"], "班级名称")
    return out
