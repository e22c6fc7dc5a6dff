"""Mapping tables from EduReturns' codes to the national forms' categories, kept as data.

One CSV file per mapping under ``templates/national/mappings/``, two columns: the
EduReturns label (or code, or alias) and the national category it counts under. An
empty right-hand side means "counted in no column" (政治面貌 群众). Every code of the
table must be mapped, so a new code cannot silently fall out of the forms; the loader
refuses a file that breaks a rule and names the file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.codes import CodeEnum, PoliticalStatus, Post, StaffCategory, Subject, Title


class MappingError(ValueError):
    """A mapping file is malformed; the message names the file, the line and the fix."""


@dataclass(frozen=True, slots=True)
class MappingSpec:
    key: str  # the query-vocabulary key that uses it (category, level, course, political, kg_column)
    file: str
    table: type[CodeEnum]
    header: tuple[str, str]
    targets: tuple[str, ...]  # the national categories allowed on the right
    blank_ok: bool = False  # may a code count in no category


SPECS: tuple[MappingSpec, ...] = (
    MappingSpec("category", "staff_category_column.csv", StaffCategory, ("教职工类别", "4149列"),
                ("专任教师", "行政人员", "教辅人员", "工勤人员", "其他")),
    MappingSpec("level", "title_level.csv", Title, ("职称", "级别"),
                ("正高级", "副高级", "中级", "助理级", "员级", "未定职级")),
    MappingSpec("course", "subject_course.csv", Subject, ("任教学科", "课程"),
                ("道德与法治", "语文", "数学", "英语", "日语", "俄语", "历史", "地理", "科学", "物理", "化学",
                 "生物学", "信息科技", "体育与健康", "音乐", "美术", "劳动", "综合实践活动", "其他")),
    MappingSpec("political", "political_column.csv", PoliticalStatus, ("政治面貌", "4067列"),
                ("中共党员", "共青团员", "民主党派"), blank_ok=True),
    # 幼儿园 staff (教基4148, 4159): a post with a column counts there; a blank post falls back to
    # 专任教师 (教职工类别 in the 4149 column 专任教师) or 其他 (engine.kg_column).
    MappingSpec("kg_column", "post_kg_column.csv", Post, ("岗位/职务", "4148列"),
                ("园长", "专任教师", "卫生保健人员", "保育员", "其他"), blank_ok=True),
)
BY_KEY = {s.key: s for s in SPECS}


@dataclass(frozen=True, slots=True)
class MappingRow:
    code: str  # EduReturns code
    target: str  # national category ("" = none)
    line: int


@dataclass(frozen=True)
class Mappings:
    tables: dict[str, dict[str, str]]  # key → {code: national category}
    rows: dict[str, tuple[MappingRow, ...]]

    def target(self, key: str, code: str | None) -> str | None:
        if not code:
            return None
        return self.tables[key].get(code) or None


def load_mapping(spec: MappingSpec, folder: Path) -> tuple[MappingRow, ...]:
    path = folder / spec.file
    where = f"映射表 {path.name}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        raise MappingError(f"{where}：找不到或无法读取该文件，请把它放回 {folder}。") from None
    lines = list(csv.reader(text.splitlines()))
    if not lines or tuple(c.strip() for c in lines[0][:2]) != spec.header:
        raise MappingError(f"{where} 第 1 行：表头应为“{spec.header[0]},{spec.header[1]}”，请改正表头。")
    out: list[MappingRow] = []
    seen: dict[str, int] = {}
    for n, cells in enumerate(lines[1:], start=2):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) != 2:
            raise MappingError(f"{where} 第 {n} 行：应有 2 列（{spec.header[0]}、{spec.header[1]}），"
                               f"现在有 {len(cells)} 列。")
        left, right = cells[0].strip(), cells[1].strip()
        member = spec.table.from_label(left)
        if member is None:
            raise MappingError(f"{where} 第 {n} 行：“{left}”不是{spec.header[0]}的代码或名称，请按代码表改正。")
        if right not in spec.targets and not (right == "" and spec.blank_ok):
            raise MappingError(f"{where} 第 {n} 行：“{right}”不是报表的{spec.header[1]}，"
                               f"应为 {'、'.join(spec.targets)} 之一。")
        if member.value in seen:
            raise MappingError(f"{where} 第 {n} 行：“{left}”在第 {seen[member.value]} 行已经映射过，请删去一行。")
        seen[member.value] = n
        out.append(MappingRow(member.value, right, n))
    missing = [m.label for m in spec.table if m.value not in seen]
    if missing:
        raise MappingError(f"{where}：缺少 {'、'.join(missing)} 的映射，请各加一行（不计入任何列时右列留空"
                           f"{'' if spec.blank_ok else '——本表不允许留空'}）。")
    return tuple(out)


def load_mappings(folder: Path) -> Mappings:
    rows = {s.key: load_mapping(s, folder) for s in SPECS}
    return Mappings({k: {r.code: r.target for r in v} for k, v in rows.items()}, rows)
