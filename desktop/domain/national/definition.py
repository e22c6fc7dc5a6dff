"""National form definitions (教基 series) as data: ``templates/national/<year>/教基NNNN.toml``.

A definition holds the sheet name, the header block (表号, 制表机关, 批准机关, 批准文号,
有效期至), the 甲/乙 headers, coded columns (1, 2, …) and rows (01, 02, …), the 说明
lines and the relations checked as 逻辑校验. Each cell counts the people who match the
form's ``population``, its row's ``where`` and its column's ``where``: the query
vocabulary below ("count people where …, by stage …"). An office corrects a column or
a row by editing the file and handing it out, like a target set; nothing here is code.

The loader refuses a malformed file with a Chinese sentence naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.codes import (
    CodeEnum,
    EducationLevel,
    Gender,
    Grade,
    OverseasStatus,
    SchoolCategory,
    Stage,
)
from desktop.domain.national.mappings import BY_KEY

HEADER_KEYS = ("表号", "制表机关", "批准机关", "批准文号", "有效期至")
BOOL_KEYS = {
    "minority": "少数民族", "not_teaching": "本学年不授课", "established": "在编", "silver": "银龄教师",
    "external": "校外教师", "foreign": "外籍",
}
CODE_KEYS: dict[str, type[CodeEnum]] = {
    "gender": Gender, "stage": Stage, "education": EducationLevel, "overseas": OverseasStatus, "grade": Grade,
}
MAPPED_KEYS = tuple(BY_KEY)  # category, level, course, political, kg_column: national categories via the mapping tables
RANGE_KEYS = {"age": "年龄", "size": "班额"}
ALL_KEYS = (*BOOL_KEYS, *CODE_KEYS, *MAPPED_KEYS, "age")
# What a form counts: people (the staff in post at the census date) or the period's classes.
SUBJECTS = {"staff": ALL_KEYS, "classes": ("stage", "grade", "size")}
_RELATION = re.compile(r"^\s*(\(\d+\)|\[\d+\])\s*(=|<=|>=)\s*((?:\(\d+\)|\[\d+\])(?:\s*\+\s*(?:\(\d+\)|\[\d+\]))*)\s*$")


class NationalDefinitionError(ValueError):
    """A national form definition is malformed; the message names the file, the line and the fix."""


@dataclass(frozen=True, slots=True)
class Condition:
    key: str
    values: frozenset[object] = frozenset()  # codes, national categories or booleans (any of them)
    age: tuple[int, int] | None = None  # inclusive range, for the range keys (age, size)


Filter = tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Line:  # one coded row or column
    code: str
    name: str
    where: Filter
    line: int = 0


@dataclass(frozen=True, slots=True)
class Relation:  # a 说明 line checked as 逻辑校验: (1)=(2)+(3) on every row, [02]<=[01] on every column
    text: str
    axis: str  # column | row
    op: str  # = | <= | >=
    left: str
    right: tuple[str, ...]


@dataclass(frozen=True)
class FormDefinition:
    form: str  # 教基4149
    title: str
    sheet: str  # sheet-name prefix; the school type follows after "_"
    measure: str
    header: dict[str, str]
    label_header: str  # 甲
    code_header: str  # 乙
    school_types: tuple[str, ...]  # SchoolCategory codes that fill this form
    population: Filter
    columns: tuple[Line, ...]
    rows: tuple[Line, ...]
    dash: frozenset[tuple[str, str]] = frozenset()  # (row, column) cells printed "-" (not applicable)
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = ""
    uses_age: bool = field(default=False)
    order: int = 0
    subject: str = "staff"  # staff | classes

    def sheet_name(self, school_type: str) -> str:
        return f"{self.sheet}_{school_type}"[:31]

    def column(self, code: str) -> Line:
        return next(c for c in self.columns if c.code == code)

    def row(self, code: str) -> Line:
        return next(r for r in self.rows if r.code == code)

    @property
    def explanation_lines(self) -> tuple[str, ...]:
        return (*self.notes, *(r.text for r in self.relations))


def _line_of(text: str, section: str, code: str, nth: int = 0) -> int:
    """The line of the ``nth`` ``code = "…"`` inside the array named ``section`` (1-based; 0 when not found)."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines)
                  if re.match(rf"^\s*(\[\[{section}\]\]|{section}\s*=)", ln)), 0)
    pat = re.compile(rf'\bcode\s*=\s*"{re.escape(code)}"')
    for i in range(start, len(lines)):
        if pat.search(lines[i]):
            if nth == 0:
                return i + 1
            nth -= 1
    return 0


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys: tuple[str, ...] = ALL_KEYS
        self.text = path.read_text(encoding="utf-8")

    def fail(self, message: str, line: int = 0) -> NationalDefinitionError:
        at = f" 第 {line} 行" if line else ""
        return NationalDefinitionError(f"报表定义 {self.path.name}{at}：{message}")

    def condition(self, key: str, raw: object, line: int) -> Condition:
        if key not in self.keys:
            raise self.fail(f"条件“{key}”不在查询词表中，应为 {'、'.join(self.keys)} 之一。", line)
        if key in BOOL_KEYS:
            if not isinstance(raw, bool):
                raise self.fail(f"条件“{key}”（{BOOL_KEYS[key]}）只能写 true 或 false。", line)
            return Condition(key, frozenset({raw}))
        if key in RANGE_KEYS:
            if (not isinstance(raw, list) or not 1 <= len(raw) <= 2
                    or not all(isinstance(x, int) and not isinstance(x, bool) for x in raw)):
                raise self.fail(f"条件“{key}”（{RANGE_KEYS[key]}）写成 [下限, 上限]（含两端）或 [下限]（及以上），"
                                "如 [25, 29]。", line)
            lo, hi = raw[0], raw[1] if len(raw) == 2 else 1000
            if lo > hi:
                raise self.fail(f"年龄范围 [{lo}, {hi}] 下限大于上限，请改正。", line)
            return Condition(key, age=(lo, hi))
        items = raw if isinstance(raw, list) else [raw]
        if not items or not all(isinstance(x, str) and x for x in items):
            raise self.fail(f"条件“{key}”的值应为文字或文字列表。", line)
        values: set[object] = set()
        for item in (str(x) for x in items):
            if key in CODE_KEYS:
                member = CODE_KEYS[key].from_label(item)
                if member is None:
                    raise self.fail(f"条件“{key}”的值“{item}”不是代码表中的名称，请按代码表改正。", line)
                values.add(member.value)
            else:
                spec = BY_KEY[key]
                if item not in spec.targets:
                    raise self.fail(f"条件“{key}”的值“{item}”不是映射表 {spec.file} 的类别，"
                                    f"应为 {'、'.join(spec.targets)} 之一。", line)
                values.add(item)
        return Condition(key, frozenset(values))

    def where(self, raw: object, line: int) -> Filter:
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            raise self.fail("where 应写成 { 条件 = 值, … }。", line)
        return tuple(self.condition(str(k), v, line) for k, v in raw.items())

    def lines(self, data: dict[str, Any], section: str) -> tuple[Line, ...]:
        raw = data.get(section)
        if not isinstance(raw, list) or not raw:
            raise self.fail(f"缺少 {section}（{'栏目' if section == 'columns' else '行'}列表），请补上。")
        out: list[Line] = []
        seen: set[str] = set()
        for item in raw:
            if not isinstance(item, dict) or "code" not in item or "name" not in item:
                raise self.fail(f"{section} 的每一项都要有 code 和 name。")
            code, name = str(item["code"]), str(item["name"])
            line = _line_of(self.text, section, code, 1 if code in seen else 0)
            if code in seen:
                raise self.fail(f"{section} 中代码“{code}”重复，请改成不同的代码。", line)
            pattern = r"^\d{2}$" if section == "rows" else r"^\d{1,2}$"
            if not re.match(pattern, code):
                raise self.fail(f"{section} 的代码“{code}”应为{'两位数字（01、02…）' if section == 'rows' else '数字（1、2…）'}。",
                                line)
            unknown = set(item) - {"code", "name", "where"}
            if unknown:
                raise self.fail(f"{section} 的“{code}”有未知的键 {'、'.join(sorted(unknown))}。", line)
            seen.add(code)
            out.append(Line(code, name, self.where(item.get("where"), line), line))
        return tuple(out)

    def relation(self, text: str, cols: set[str], rows: set[str]) -> Relation:
        m = _RELATION.match(text)
        if not m:
            raise self.fail(f"校验关系“{text}”写法不对，应如 (1)=(2)+(3) 或 [02]<=[01]。")
        left, op, right = m.group(1), m.group(2), [p.strip() for p in m.group(3).split("+")]
        axis = "column" if left.startswith("(") else "row"
        names = [left, *right]
        if any(n.startswith("(") != (axis == "column") for n in names):
            raise self.fail(f"校验关系“{text}”混用了栏 (n) 和行 [nn]，请分开写。")
        known = cols if axis == "column" else rows
        for n in names:
            if n[1:-1] not in known:
                raise self.fail(f"校验关系“{text}”中的 {n} 不是本表的{'栏' if axis == 'column' else '行'}代码。")
        return Relation(text.strip(), axis, op, left[1:-1], tuple(r[1:-1] for r in right))


def load_definition(path: Path) -> FormDefinition:
    reader = _Reader(path)
    try:
        data = tomllib.loads(reader.text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise reader.fail(f"不是有效的 TOML（{exc}），请检查引号、括号和逗号。", int(m.group(1)) if m else 0) from None
    for key in ("form", "title", "sheet", "header", "school_types"):
        if key not in data:
            raise reader.fail(f"缺少必填项“{key}”，请补上。")
    subject = str(data.get("subject", "staff"))
    if subject not in SUBJECTS:
        raise reader.fail(f"subject “{subject}”无效，应为 staff（人员）或 classes（班级）。")
    reader.keys = SUBJECTS[subject]
    header = data["header"]
    if not isinstance(header, dict) or set(HEADER_KEYS) - set(header):
        raise reader.fail(f"[header] 要写全 {'、'.join(HEADER_KEYS)}（不知道的值写空文字 \"\"）。")
    types: list[str] = []
    for name in data["school_types"]:
        member = SchoolCategory.from_label(str(name))
        if member is None:
            raise reader.fail(f"school_types 中的“{name}”不是学校类别，请按学校类别代码表改正。")
        types.append(member.value)
    columns, rows = reader.lines(data, "columns"), reader.lines(data, "rows")
    col_codes, row_codes = {c.code for c in columns}, {r.code for r in rows}
    dash: set[tuple[str, str]] = set()
    for cell in data.get("dash", []):
        parts = str(cell).split(":")
        if len(parts) != 2 or parts[0] not in row_codes or parts[1] not in col_codes:
            raise reader.fail(f"dash 中的“{cell}”应写成 行代码:栏代码（如 02:2），且行、栏都在本表中。")
        dash.add((parts[0], parts[1]))
    relations = tuple(reader.relation(str(t), col_codes, row_codes) for t in data.get("checks", []))
    filters = [*columns, *rows]
    return FormDefinition(
        form=str(data["form"]), title=str(data["title"]), sheet=str(data["sheet"]),
        measure=str(data.get("measure", "人")), header={k: str(header[k]) for k in HEADER_KEYS},
        label_header=str(data.get("label_header", "指标名称")), code_header=str(data.get("code_header", "代码")),
        school_types=tuple(types), population=reader.where(data.get("population"), 0),
        columns=columns, rows=rows, dash=frozenset(dash), relations=relations,
        notes=tuple(str(n) for n in data.get("notes", [])), source=str(path),
        uses_age=any(c.key == "age" for f in filters for c in f.where), order=int(data.get("order", 0)),
        subject=subject,
    )
