"""What the other person changed: the message a second writer gets (optimistic locking).

Every editable row carries ``version``; a form remembers the version it showed.
When the row has moved on, the audit log (操作日志) says who changed which fields,
when, from what to what — so the message names the other person's change instead
of a bare "someone changed it". On a shared PostgreSQL server the row is also
locked (``SELECT … FOR UPDATE``) for the rest of the save, so two people pressing
保存 at the same moment are put in order: the second one waits for the first,
then gets this message, never a silent overwrite or a raw database error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from desktop.data.models import AuditEntry

FIELD_LABELS = {
    "name": "姓名/名称", "staff_no": "教职工号", "id_number": "证件号码", "id_type": "证件类型", "gender": "性别",
    "birth_date": "出生日期", "ethnicity": "民族", "political_status": "政治面貌", "phone": "联系电话",
    "category": "类别", "employment_form": "用人形式", "post": "岗位", "first_work_date": "参加工作年月",
    "join_date": "进本校年月", "teaching_stage": "任教学段", "subject": "学科", "full_time": "专职",
    "education": "最高学历", "degree": "学位", "major": "专业", "normal_major": "师范类专业",
    "first_education": "第一学历", "title": "职称", "honour_level": "骨干级别", "honour_year": "认定年份",
    "status": "在职状态", "end_date": "结束日期", "end_reason": "离开原因", "note": "备注",
    "kind": "类型", "cert_type": "资格种类", "number": "证书编号", "issue_date": "发证日期", "issuer": "发证机关",
    "organiser": "主办单位", "start_date": "开始日期", "level": "培训级别", "mode": "培训形式",
    "topics": "培训专题", "hours": "学时", "certificate_no": "证书编号", "grade": "年级", "enrolled": "学生数",
    "boarders": "寄宿生数", "disabled": "残疾学生数", "approved_seats": "核定学位", "boarding_seats": "寄宿学位",
    "resource_room": "资源教室", "seats": "学位数", "code": "代码", "address": "地址", "contact_person": "联系人",
    "contact_phone": "联系电话", "urban_rural": "城乡分类", "ownership": "办学性质", "state": "填报状态",
}


def lock_row(obj: Any) -> None:
    """Re-read ``obj`` with a row lock on servers; a concurrent save waits for ours to finish."""
    session = object_session(obj)
    if session is not None and session.get_bind().dialect.name == "postgresql":
        session.refresh(obj, with_for_update=True)


def _local(at: datetime) -> str:
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _value(v: str | None) -> str:
    return "（空）" if v in (None, "") else f"“{v}”"


def describe_changes(session: Session, table: str, record_id: int, edits: int) -> list[str]:
    """The last ``edits`` saves of a record, newest first, as sentences from the audit log."""
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc()).limit(200)
    ).all()
    saves: list[list[AuditEntry]] = []
    for e in entries:  # one save = consecutive entries with the same time, person and action
        if saves and (saves[-1][0].at, saves[-1][0].username, saves[-1][0].action) == (e.at, e.username, e.action):
            saves[-1].append(e)
        else:
            saves.append([e])
    sentences = []
    for save in saves[:max(edits, 1)]:
        first = save[0]
        parts = [f"{FIELD_LABELS.get(e.field, e.field)} {_value(e.old_value)} → {_value(e.new_value)}"
                 for e in reversed(save) if e.field]
        what = "：" + "；".join(parts) if parts else f"（{first.action}）"
        sentences.append(f"{first.username} 于 {_local(first.at)} 修改{what}")
    return sentences


def conflict_message(obj: Any, expected_version: int, what: str) -> str:
    session = object_session(obj)
    changes = describe_changes(session, obj.__tablename__, obj.id, obj.version - expected_version) if session else []
    who = "。".join(changes) + "。" if changes else ""
    return (
        f"这条{what}记录在您打开之后已被其他人修改（您看到的是第 {expected_version} 版，现在是第 {obj.version} 版）。"
        f"{who}您的修改尚未保存：请刷新查看对方的修改，再重新填写并保存您的改动。"
    )
