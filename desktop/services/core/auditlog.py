"""Reading the audit trail: per-record history, a filterable log, CSV/XLSX export.

Entries are written by ``audit.log`` (ID numbers masked before they are stored).
Exports pass every text through ``reports.safe.neutralise`` so nothing a user
typed can become a live formula (R11), and re-mask anything that looks like an
ID number in free text (reasons, comments) on the way out.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import AuditEntry
from desktop.domain.privacy import mask_ids_in_text
from desktop.reports.safe import neutralise
from desktop.services.core.errors import ServiceError

ACTION_LABELS = {
    "create": "新增", "update": "修改", "delete": "删除", "end": "结束", "reactivate": "恢复",
    "submit": "提交", "approve": "审核通过", "return": "退回", "unlock": "解锁", "lockout": "登录锁定",
    "password": "修改密码", "setting": "修改设置", "export_full_ids": "导出完整证件号码",
    "backup": "备份", "restore": "恢复备份", "import": "导入",
    "sign": "签名", "certificate": "签名证书",
}
TABLE_LABELS = {
    "staff": "教职工", "movements": "任职经历", "credentials": "资格证书", "registrations": "定期注册",
    "training_records": "培训记录", "classes": "班级", "stage_capacities": "学位容量", "seat_additions": "新增学位",
    "seat_tasks": "学位任务", "unit_periods": "填报状态", "units": "单位", "periods": "统计期",
    "target_sets": "目标值", "explanations": "填写说明", "submissions": "上报数据包", "users": "用户",
    "settings": "设置",
}
COLUMNS = (("at", "时间"), ("username", "操作人"), ("action", "操作"), ("table_name", "数据表"),
           ("record_id", "记录号"), ("field", "字段"), ("old_value", "原值"), ("new_value", "新值"),
           ("reason", "原因"), ("unit_id", "单位号"), ("period_id", "统计期号"))


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    action_label: str
    table_name: str
    record_id: int | None
    record_uid: str | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    unit_id: int | None
    period_id: int | None


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    table: str | None = None
    action: str | None = None
    start: date | None = None  # inclusive, local calendar days as stored (UTC)
    end: date | None = None  # inclusive
    unit_id: int | None = None
    record_id: int | None = None


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(e.id, e.at, e.username, e.action, ACTION_LABELS.get(e.action, e.action), e.table_name,
                    e.record_id, e.record_uid, e.field, e.old_value, e.new_value, e.reason, e.unit_id,
                    e.period_id)


def _query(f: AuditFilter) -> Select[Any]:
    stmt = select(AuditEntry)
    if f.username:
        stmt = stmt.where(AuditEntry.username == f.username)
    if f.table:
        stmt = stmt.where(AuditEntry.table_name == f.table)
    if f.action:
        stmt = stmt.where(AuditEntry.action == f.action)
    if f.start:
        stmt = stmt.where(AuditEntry.at >= datetime.combine(f.start, time.min))
    if f.end:
        stmt = stmt.where(AuditEntry.at < datetime.combine(f.end + timedelta(days=1), time.min))
    if f.unit_id is not None:
        stmt = stmt.where(AuditEntry.unit_id == f.unit_id)
    if f.record_id is not None:
        stmt = stmt.where(AuditEntry.record_id == f.record_id)
    return stmt


def search(db: Database, f: AuditFilter = AuditFilter(), *, limit: int = 1000, offset: int = 0) -> list[AuditRow]:
    """The log, newest first, filtered by user, table, action, date range, unit or record."""
    if f.start and f.end and f.end < f.start:
        raise ServiceError("结束日期不能早于开始日期，请重新选择日期范围。")
    with db.session() as session:
        stmt = _query(f).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
        return [_row(e) for e in session.scalars(stmt)]


def history(db: Database, table: str, record_id: int) -> list[AuditRow]:
    """Every entry about one record, oldest first (the 修改记录 tab of a record)."""
    with db.session() as session:
        stmt = _query(AuditFilter(table=table, record_id=record_id)).order_by(AuditEntry.id)
        return [_row(e) for e in session.scalars(stmt)]


def person_history(db: Database, staff_id: int) -> list[AuditRow]:
    """Every entry about one person, oldest first: the staff record itself and the movements,
    credentials and training records that belong to them (the 历史 tab of the person page)."""
    from sqlalchemy import and_, or_

    from desktop.data.models import Credential, Movement, TrainingRecord

    with db.session() as session:
        owned: dict[str, list[int]] = {"staff": [staff_id]}
        for table, model in (("movements", Movement), ("credentials", Credential),
                             ("training_records", TrainingRecord)):
            owned[table] = list(session.scalars(select(model.id).where(model.staff_id == staff_id)))
        clauses = [and_(AuditEntry.table_name == t, AuditEntry.record_id.in_(ids)) for t, ids in owned.items() if ids]
        stmt = select(AuditEntry).where(or_(*clauses)).order_by(AuditEntry.id)
        return [_row(e) for e in session.scalars(stmt)]


def distinct_values(session: Session, column: str) -> list[str]:
    """Choices for the filter boxes (users, tables, actions)."""
    col = getattr(AuditEntry, column)
    return [str(v) for v in session.scalars(select(col).distinct().order_by(col))]


def filter_choices(db: Database) -> dict[str, list[str]]:
    """The users, record types (tables) and actions that occur in the log, for filter boxes."""
    with db.session() as session:
        return {name: distinct_values(session, column)
                for name, column in (("users", "username"), ("tables", "table_name"), ("actions", "action"))}


def _cell(name: str, row: AuditRow) -> str | int | None:
    value = getattr(row, name)
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    text = ACTION_LABELS.get(str(value), str(value)) if name == "action" else str(value)
    return neutralise(mask_ids_in_text(text))


def export(db: Database, path: Path, f: AuditFilter = AuditFilter()) -> int:
    """Write the filtered log to ``path`` (.csv or .xlsx); returns the number of rows."""
    rows = search(db, f, limit=1_000_000)
    header = [label for _, label in COLUMNS]
    table = [[_cell(name, r) for name, _ in COLUMNS] for r in rows]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # utf-8-sig: Excel on Chinese Windows reads the BOM and shows the characters right.
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(["" if v is None else v for v in line] for line in table)
    elif suffix == ".xlsx":
        from openpyxl import Workbook  # loaded when the log is exported, not at start

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "操作日志"
        ws.append(header)
        for line in table:
            ws.append(line)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
        wb.save(path)
    else:
        raise ServiceError("请选择导出格式：.csv 或 .xlsx 文件。")
    return len(rows)


assert {f.name for f in fields(AuditRow)} >= {name for name, _ in COLUMNS}


# Tables whose every change through the program writes an audit entry for the record (table name in both).
_AUDITED_TABLES = ("staff", "credentials", "training_records", "classes")
_CLOCK_SLACK = timedelta(seconds=5)  # the audit entry and updated_at come from the same transaction


def unaudited_changes(db: Database) -> list[str]:
    """Chinese sentences for records whose last change is later than their last audit entry.

    Only records the log knows (created or changed through the program here) can
    be judged; rows that arrived in bulk (a package, an import batch, the demo)
    have no entry per record. An edit made with a SQL tool that also leaves
    ``updated_at`` alone is not visible here — docs/security.md §4 says so.
    """
    out: list[str] = []
    with db.session() as session:
        for table in _AUDITED_TABLES:
            rows = session.execute(text(
                f"SELECT t.id, t.updated_at, MAX(a.at) FROM {table} t JOIN audit_log a "
                "ON a.table_name = :table AND a.record_id = t.id GROUP BY t.id, t.updated_at"), {"table": table}).all()
            for record_id, updated, last in rows:
                updated, last = _as_datetime(updated), _as_datetime(last)
                if updated is not None and last is not None and updated > last + _CLOCK_SLACK:
                    out.append(f"{_TABLE_LABELS.get(table, table)}第 {record_id} 条记录在 {updated:%Y-%m-%d %H:%M:%S} "
                               f"被改动过，但操作日志中它的最后一条记录是 {last:%Y-%m-%d %H:%M:%S}：这次改动没有经过本程序。")
    return out


_TABLE_LABELS = {"staff": "教职工", "credentials": "资格证书", "training_records": "培训记录", "classes": "班级"}


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
