"""What a resubmitted package changes (重新报送的变化), shown before it replaces the earlier one.

Compares the package's rows with what the office database holds for the same
units: staff added, ended, removed or changed (matched by uid), training hours
and records, classes and enrolment, approved and newly added seats; and field by
field the staff (here) and the classes, training records and seats (diff_detail.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.models import (
    SchoolClass,
    SeatAddition,
    Staff,
    StageCapacity,
    Submission,
    TrainingRecord,
    Unit,
)
from desktop.domain.codes import (
    CodeEnum,
    EducationLevel,
    EmploymentForm,
    HonourLevel,
    OverseasStatus,
    Post,
    StaffCategory,
    Stage,
    Subject,
    SubmissionKind,
    Title,
)
from desktop.domain.idcard import mask_id
from desktop.domain.numbers import amount
from desktop.exchange import tables as T
from desktop.exchange.verify import PackageReader
from desktop.services.packages.diff_detail import class_fields, seat_fields, training_fields

#: Staff fields whose change is worth showing, with their Chinese names.
COMPARED = {
    "name": "姓名", "id_number": "证件号码", "category": "教职工类别", "employment_form": "用人形式", "post": "岗位",
    "teaching_stage": "任教学段", "subject": "任教学科", "education": "最高学历", "title": "职称",
    "honour_level": "骨干级别", "status": "在职状态", "end_date": "离岗日期",
}
_IDX = {name: T.STAFF.columns.index(name) for name in COMPARED}
_CODED: dict[str, type[CodeEnum]] = {
    "category": StaffCategory, "employment_form": EmploymentForm, "post": Post, "teaching_stage": Stage,
    "subject": Subject, "education": EducationLevel, "title": Title, "honour_level": HonourLevel,
}
_STATUS = {"active": "在职", "ended": "离岗"}
#: The national forms' staff fields (``exchange.tables.STAFF_NATIONAL``), travelling beside the staff rows.
NATIONAL = {"not_teaching": "本学年不授课", "external_teacher": "校外教师", "foreign_national": "外籍",
            "overseas": "港澳台侨"}
_NOT_RECORDED = (False, False, False, None)  # a person without a staff_national row


def shown(field: str, value: Any) -> str:
    """A staff field's value as the office reads it: code tables by their label, ID numbers masked."""
    if value is None or value == "":
        return "（空）"
    text = str(_fmt(value))
    if field in _CODED:
        return _CODED[field].label_of(text) or text
    if field == "status":
        return _STATUS.get(text, text)
    if field == "id_number":
        return mask_id(text)
    if field == "overseas":
        return OverseasStatus.label_of(text) or text
    if isinstance(value, bool):
        return "是" if value else "否"
    return text


def _fmt(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


@dataclass
class PackageDiff:
    staff_added: list[str] = field(default_factory=list)
    staff_ended: list[str] = field(default_factory=list)
    staff_removed: list[str] = field(default_factory=list)
    staff_changed: list[tuple[str, list[str]]] = field(default_factory=list)
    training: tuple[int, int] = (0, 0)  # records before, after
    hours: tuple[float, float] = (0.0, 0.0)
    classes: tuple[int, int] = (0, 0)
    enrolled: tuple[int, int] = (0, 0)
    approved_seats: tuple[int, int] = (0, 0)
    added_seats: tuple[int, int] = (0, 0)
    # Field by field: (person, class or 学段; field label; before; after), values as shown to the office:
    # staff here, classes, training records and seats in diff_detail.py.
    fields: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.staff_added or self.staff_ended or self.staff_removed or self.staff_changed
                    or self.fields) and all(
            a == b for a, b in (self.training, self.hours, self.classes, self.enrolled, self.approved_seats,
                                self.added_seats))

    def lines(self) -> list[str]:
        """The changes as Chinese sentences, most important first."""
        out: list[str] = []

        def names(xs: list[str]) -> str:
            return "、".join(xs[:10]) + (f" 等 {len(xs)} 人" if len(xs) > 10 else "")

        if self.staff_added:
            out.append(f"新增教职工 {len(self.staff_added)} 人：{names(self.staff_added)}")
        if self.staff_ended:
            out.append(f"离岗（调出/退休/离职）{len(self.staff_ended)} 人：{names(self.staff_ended)}")
        if self.staff_removed:
            out.append(f"不再出现在数据包中的教职工 {len(self.staff_removed)} 人：{names(self.staff_removed)}")
        for name, fields in self.staff_changed[:20]:
            out.append(f"{name} 的信息有修改：{'、'.join(fields)}")
        if len(self.staff_changed) > 20:
            out.append(f"另有 {len(self.staff_changed) - 20} 人的信息有修改")
        for label, (a, b), unit in (("培训记录", self.training, "条"), ("培训学时", self.hours, "学时"),
                                    ("班级", self.classes, "个"), ("在校生", self.enrolled, "人"),
                                    ("核定学位", self.approved_seats, "个"), ("新增公办学位", self.added_seats, "个")):
            if a != b:
                out.append(f"{label}：{_num(a)} → {_num(b)} {unit}（{'+' if b > a else ''}{_num(b - a)}）")
        return out or ["与上次接收的数据包相比没有变化。"]


def _num(v: float) -> str:
    return amount(v, 2) if isinstance(v, float) else str(v)


def compute_diff(session: Session, reader: PackageReader, period_id: int) -> PackageDiff:
    codes = [r[0] for r in reader.rows("units")]
    unit_ids = list(session.scalars(select(Unit.id).where(Unit.code.in_(codes))))
    diff = PackageDiff()
    cols = [getattr(Staff, n) for n in COMPARED]
    old = {r[0]: r[1:] for r in session.execute(select(Staff.uid, *cols).where(Staff.unit_id.in_(unit_ids)))}
    names = list(COMPARED)
    old_national = {r[0]: (bool(r[1]), bool(r[2]), bool(r[3]), r[4] or None) for r in session.execute(
        select(Staff.uid, *(getattr(Staff, n) for n in NATIONAL)).where(Staff.unit_id.in_(unit_ids)))}
    new_national = ({r[0]: (bool(r[1]), bool(r[2]), bool(r[3]), r[4] or None) for r in reader.rows("staff_national")}
                    if reader.has_table("staff_national") else {})
    seen: set[str] = set()
    for row in reader.rows("staff"):
        uid, name = row[0], row[_IDX["name"]]
        seen.add(uid)
        before = old.get(uid)
        if before is None:
            diff.staff_added.append(name)
            continue
        changed = [COMPARED[n] for i, n in enumerate(names) if _fmt(before[i]) != row[_IDX[n]]]
        diff.fields += [(name, COMPARED[n], shown(n, before[i]), shown(n, row[_IDX[n]]))
                        for i, n in enumerate(names) if _fmt(before[i]) != row[_IDX[n]]]
        was, now = old_national.get(uid, _NOT_RECORDED), new_national.get(uid, _NOT_RECORDED)
        for i, key in enumerate(NATIONAL):
            if was[i] != now[i]:
                changed.append(NATIONAL[key])
                diff.fields.append((name, NATIONAL[key], shown(key, was[i]), shown(key, now[i])))
        if "在职状态" in changed and row[_IDX["status"]] == "ended":
            diff.staff_ended.append(name)
        elif changed:
            diff.staff_changed.append((name, changed))
    diff.staff_removed = [str(v[0]) for k, v in old.items() if k not in seen]
    diff.fields += [(n, "教职工", "（新增）", "在数据包中") for n in diff.staff_added]
    diff.fields += [(n, "教职工", "在上次的数据包中", "（不再出现）") for n in diff.staff_removed]
    staff_ids = select(Staff.id).where(Staff.unit_id.in_(unit_ids)).scalar_subquery()
    n, h = session.execute(select(func.count(), func.coalesce(func.sum(TrainingRecord.hours), 0.0))
                           .where(TrainingRecord.staff_id.in_(staff_ids))).one()
    hours_idx = T.TRAINING.columns.index("hours")
    new_n, new_h = 0, 0.0
    for r in reader.rows("training"):
        new_n += 1
        new_h += float(r[hours_idx])
    diff.training, diff.hours = (int(n), int(new_n)), (round(float(h), 1), round(new_h, 1))
    c, e = session.execute(select(func.count(), func.coalesce(func.sum(SchoolClass.enrolled), 0)).where(
        SchoolClass.unit_id.in_(unit_ids), SchoolClass.period_id == period_id)).one()
    new_classes = [r[4] for r in reader.rows("classes")]
    diff.classes, diff.enrolled = (int(c), len(new_classes)), (int(e), sum(int(x) for x in new_classes))
    a = session.scalar(select(func.coalesce(func.sum(StageCapacity.approved_seats), 0)).where(
        StageCapacity.unit_id.in_(unit_ids), StageCapacity.period_id == period_id))
    diff.approved_seats = (int(a or 0), sum(int(r[2]) for r in reader.rows("capacities")))
    s = session.scalar(select(func.coalesce(func.sum(SeatAddition.seats), 0)).where(
        SeatAddition.unit_id.in_(unit_ids), SeatAddition.period_id == period_id))
    diff.added_seats = (int(s or 0), sum(int(r[4]) for r in reader.rows("seat_additions")))
    diff.fields += class_fields(session, reader, codes, period_id)
    diff.fields += training_fields(session, reader, unit_ids)
    diff.fields += seat_fields(session, reader, codes, period_id)
    return diff


def submission_extra(session: Session, zero: str | None, previous: Submission | None,
                     diff: PackageDiff | None) -> dict[str, Any] | None:
    """What the received package's ``Submission.extra`` keeps: the 零上报 statement, and for a
    resubmission its changes against the version it replaces, with the office's 退回意见 given since."""
    extra: dict[str, Any] = {}
    if zero is not None:
        extra["zero_report"] = zero
    if previous is not None and diff is not None:
        comments = session.execute(select(Submission.created_at, Submission.comment).where(
            Submission.unit_id == previous.unit_id, Submission.period_id == previous.period_id,
            Submission.kind == SubmissionKind.REPLY_SENT.value, Submission.id > previous.id)
            .order_by(Submission.id)).all()
        extra["changes"] = {"since": previous.file_name, "returned": bool(comments), "lines": diff.lines(),
                            "fields": [list(f) for f in diff.fields],
                            "comments": [[at.strftime("%Y-%m-%d %H:%M"), c or ""] for at, c in comments]}
    return extra or None
