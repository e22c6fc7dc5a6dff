"""The office's list of expected units (应报单位名单), imported from a spreadsheet.

The sheet needs a code column (学校标识码 / 单位代码 / 代码) and a name column
(学校名称 / 单位名称 / 名称); a 学校类别 column is used when present. Header
rows above the table are skipped. Codes of 10 digits are schools, 6 digits
offices. Units already known keep their data (a package brings the details);
bad rows are reported with their real row number and nothing is written
unless every row is usable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, load_workbook
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Unit
from desktop.domain.codes import SchoolCategory, UnitKind
from desktop.domain.findings import Finding, error
from desktop.domain.unitcodes import normalize_code, validate_unit_code
from desktop.services.core import audit
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import ServiceError

CODE_HEADERS = ("学校标识码", "单位代码", "代码", "标识码")
NAME_HEADERS = ("学校名称", "单位名称", "名称")
CATEGORY_HEADERS = ("学校类别", "类别")


@dataclass(frozen=True, slots=True)
class UnitListResult:
    added: int
    known: int


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, int, int, int | None]:
    for i, row in enumerate(rows[:20]):
        cells = [str(c).strip() for c in row]
        code = next((cells.index(h) for h in CODE_HEADERS if h in cells), None)
        name = next((cells.index(h) for h in NAME_HEADERS if h in cells), None)
        if code is not None and name is not None:
            cat = next((cells.index(h) for h in CATEGORY_HEADERS if h in cells), None)
            return i, code, name, cat
    raise ServiceError("名单中找不到“学校标识码”和“学校名称”两列。请在表头写上这两个列名后再导入。")


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # codes stored as numbers
    return str(value).strip() if value is not None else ""


def import_unit_list(db: Database, path: Path, *, actor: str = "system") -> UnitListResult:
    """Add the units of the sheet at ``path`` below the home unit; all rows or none."""
    try:
        rows = load_workbook(str(path)).get_sheet_by_index(0).to_python()
    except (CalamineError, OSError, ValueError) as exc:
        raise ServiceError(f"无法读取名单文件 {Path(path).name}：{exc}。请确认是 Excel 文件（.xlsx/.xls）。") from exc
    head, code_col, name_col, cat_col = _find_header(rows)
    problems: list[Finding] = []
    wanted: list[tuple[str, str, str, str | None]] = []
    for n, row in enumerate(rows[head + 1:], start=head + 2):
        code = normalize_code(_cell_text(row[code_col]) if code_col < len(row) else "")
        name = _cell_text(row[name_col]) if name_col < len(row) else ""
        if not code and not name:
            continue
        kind = UnitKind.SCHOOL if len(code) == 10 else UnitKind.COUNTY
        category = None
        if cat_col is not None and cat_col < len(row) and _cell_text(row[cat_col]):
            cat = SchoolCategory.from_label(_cell_text(row[cat_col]))
            category = cat.value if cat else None
        found = [f for f in validate_unit_code(code, kind, category) if f.is_error]
        if not name:
            found.append(error("name", "单位名称为空"))
        problems += [error(f.field, f"第 {n} 行：{f.message}") for f in found]
        wanted.append((code, name, kind.value, category))
    if problems:
        raise ServiceError(f"名单有 {len(problems)} 处问题，未导入任何单位：" + "；".join(
            p.message for p in problems[:5]), problems)
    with db.session(write=True) as session:
        home = home_or_raise(session)
        known = set(session.scalars(select(Unit.code).where(Unit.code.in_([w[0] for w in wanted]))))
        added = 0
        for code, name, kind_code, category in wanted:
            if code in known:
                continue
            known.add(code)
            unit = Unit(code=code, name=name, kind=kind_code, category=category, parent_id=home.id, parent_code=home.code)
            session.add(unit)
            session.flush()
            audit.log(session, actor=actor, action="create", table="units", record_id=unit.id,
                      changes={"code": (None, code), "name": (None, name)})
            added += 1
        return UnitListResult(added, len(wanted) - added)
