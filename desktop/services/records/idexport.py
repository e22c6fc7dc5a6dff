"""Staff lists with ID numbers: masked by default, full numbers only for admins and audited.

A full-ID export is the one way personal ID numbers leave the program in
clear; it needs the 管理员 role and writes an ``export_full_ids`` audit entry
(who, when, how many people, to which file name) in the same transaction that
reads the numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Staff, Unit
from desktop.domain.idcard import mask_id
from desktop.reports.safe import neutralise
from desktop.services.core import audit
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, require

HEADER = ["单位", "姓名", "证件号码", "在职状态"]


def export_staff_ids(db: Database, actor: Actor, path: Path, *, full_ids: bool = False,
                     unit_id: int | None = None) -> int:
    """Write name + ID number of every person (of ``unit_id``) to .csv/.xlsx; returns the row count."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ServiceError("请选择导出格式：.csv 或 .xlsx 文件。")
    if full_ids:
        require(actor, "export_full_ids")
    with db.session(write=full_ids) as session:
        stmt = (select(Unit.name, Staff.name, Staff.id_number, Staff.status).join(Unit, Unit.id == Staff.unit_id)
                .order_by(Unit.code, Staff.name_pinyin, Staff.id))
        if unit_id is not None:
            stmt = stmt.where(Staff.unit_id == unit_id)
        rows = [[neutralise(u), neutralise(n), number if full_ids else mask_id(number),
                 "在职" if status == "active" else "已离开"] for u, n, number, status in session.execute(stmt)]
        if full_ids:
            audit.log(session, actor=actor.username, action="export_full_ids", table="staff",
                      changes={"rows": (None, len(rows))}, unit_id=unit_id, reason=f"导出到 {path.name}")
        _write(path, rows)
    return len(rows)


def _write(path: Path, rows: list[list[str]]) -> None:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            cell.data_type = "s"  # ID numbers stay text (no 1.1E+17, no formula)
    wb.save(path)
