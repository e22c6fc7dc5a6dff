"""Return definitions (报表定义): loaded from ``templates/returns/*.toml`` and validated.

A definition is data, not code: header block (表号, 制定机关, 批准文号 …), title,
and one *variant* per kind of unit (``school`` / ``office``) with its column tree,
the label (甲) and code (乙) columns, and the sum relations printed under the
table and checked before export. The layout rules follow
``shared/reference/domain-notes.md`` §5; 批准文号 is blank unless a unit sets one.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from desktop.paths import templates_dir
from desktop.reports.yoy import YoySpec

COLUMN_TYPES = ("text", "id", "date", "int", "dec1", "dec2", "pct")
NUMERIC_TYPES = ("int", "dec1", "dec2", "pct")
SCOPES = ("school", "office")
TIME_POINTS = ("census", "year", "cycle")


class DefinitionError(ValueError):
    """A return definition file is malformed; the message names the file and the fix."""


@dataclass(frozen=True, slots=True)
class Column:  # one data column (宾栏 leaf)
    key: str
    header: tuple[str, ...]  # path from the top header row down to this leaf
    type: str = "int"
    width: float = 8.0  # relative width; Excel uses it as characters
    summable: bool = True  # takes part in row relations (totals)

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


@dataclass(frozen=True, slots=True)
class ColumnRelation:  # (target) = (part1) + (part2) + … on every row
    target: str
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RowRelation:  # rows of group ``total`` = sum of the rows of group ``parts``
    total: str
    parts: str


@dataclass(frozen=True, slots=True)
class Variant:  # the layout for one kind of unit
    scope: str
    label_header: str  # 甲 column
    code_header: str  # 乙 column
    label_width: float
    code_width: float
    columns: tuple[Column, ...]
    column_relations: tuple[ColumnRelation, ...] = ()
    row_relations: tuple[RowRelation, ...] = ()
    freeze_label: bool = True
    row_lines: int = 1  # text lines a body row holds (long policy texts wrap instead of shrinking)

    def index(self, key: str) -> int:
        for i, col in enumerate(self.columns):
            if col.key == key:
                return i
        raise KeyError(key)

    @property
    def header_depth(self) -> int:
        return max(len(c.header) for c in self.columns)


@dataclass(frozen=True, slots=True)
class ReturnDefinition:  # 报表
    code: str  # stable key for the CLI and fingerprints, e.g. "roster"
    table_no: str  # 表号, a local code such as 教填-02表
    title: str
    issuer: str  # 制定机关
    approval_no: str  # 批准文号: blank by default, never invented
    measure: str  # 计量单位
    time_point: str  # census | year | cycle
    builder: str
    order: int
    variants: dict[str, Variant] = field(default_factory=dict)
    notes: str = ""  # printed under the table before the relations
    source: str = ""  # file it came from, for messages
    year_over_year: YoySpec | None = None  # 上年、本年、增减（%） lines under the return (reports.yoy)

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(s for s in SCOPES if s in self.variants)

    def variant(self, scope: str) -> Variant:
        try:
            return self.variants[scope]
        except KeyError:
            raise DefinitionError(f"报表“{self.title}”没有{_scope_label(scope)}版式。") from None


def _scope_label(scope: str) -> str:
    return "学校" if scope == "school" else "教育局"


def _req(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise DefinitionError(f"{where}：缺少必填项“{key}”，请在定义文件中补上。")
    return data[key]


def _column(raw: dict[str, Any], where: str) -> Column:
    key = str(_req(raw, "key", where))
    header = raw.get("header")
    if not isinstance(header, list) or not header or not all(isinstance(h, str) and h for h in header):
        raise DefinitionError(f"{where}：列“{key}”的 header 必须是非空文字列表（多级表头从上到下）。")
    ctype = str(raw.get("type", "int"))
    if ctype not in COLUMN_TYPES:
        raise DefinitionError(f"{where}：列“{key}”的类型“{ctype}”无效，应为 {'、'.join(COLUMN_TYPES)} 之一。")
    return Column(
        key=key,
        header=tuple(header),
        type=ctype,
        width=float(raw.get("width", 8)),
        summable=bool(raw.get("summable", ctype in ("int", "dec1"))),
    )


def _check_header_tree(columns: tuple[Column, ...], where: str) -> None:
    """A header path must not be both a leaf and a group, and groups must be contiguous."""
    seen_groups: dict[tuple[str, ...], int] = {}
    for i, col in enumerate(columns):
        for depth in range(1, len(col.header)):
            prefix = col.header[:depth]
            last = seen_groups.get(prefix)
            if last is not None and last != i - 1:
                raise DefinitionError(f"{where}：表头分组“{'/'.join(prefix)}”的列不相邻，请把同组的列放在一起。")
            seen_groups[prefix] = i
    leaves = {c.header for c in columns}
    for prefix in seen_groups:
        if prefix in leaves:
            raise DefinitionError(f"{where}：表头“{'/'.join(prefix)}”既是列又是分组。")


def _variant(scope: str, raw: dict[str, Any], where: str) -> Variant:
    where = f"{where} [{scope}]"
    cols = tuple(_column(c, where) for c in _req(raw, "columns", where))
    keys = [c.key for c in cols]
    if len(set(keys)) != len(keys):
        raise DefinitionError(f"{where}：列代码有重复，请让每列的 key 唯一。")
    _check_header_tree(cols, where)
    by_key = {c.key: c for c in cols}
    col_rel: list[ColumnRelation] = []
    for rel in raw.get("column_relations", []):
        target, parts = str(_req(rel, "target", where)), tuple(_req(rel, "parts", where))
        for k in (target, *parts):
            if k not in by_key or not by_key[k].numeric:
                raise DefinitionError(f"{where}：列关系引用了不存在或非数值的列“{k}”。")
        col_rel.append(ColumnRelation(target, parts))
    row_rel = tuple(
        RowRelation(str(_req(r, "total", where)), str(_req(r, "parts", where)))
        for r in raw.get("row_relations", [])
    )
    return Variant(
        scope=scope,
        label_header=str(raw.get("label_header", "项目")),
        code_header=str(raw.get("code_header", "代码")),
        label_width=float(raw.get("label_width", 16)),
        code_width=float(raw.get("code_width", 5)),
        columns=cols,
        column_relations=tuple(col_rel),
        row_relations=row_rel,
        row_lines=max(1, min(4, int(raw.get("row_lines", 1)))),
    )


def parse_definition(data: dict[str, Any], source: str = "<memory>") -> ReturnDefinition:
    """Build and validate one definition from parsed TOML."""
    where = f"报表定义 {source}"
    time_point = str(data.get("time_point", "census"))
    if time_point not in TIME_POINTS:
        raise DefinitionError(f"{where}：time_point 应为 {'、'.join(TIME_POINTS)} 之一。")
    variants = {s: _variant(s, data[s], where) for s in SCOPES if s in data}
    if not variants:
        raise DefinitionError(f"{where}：至少要有 [school] 或 [office] 之一。")
    approval = str(data.get("approval_no", ""))
    return ReturnDefinition(
        code=str(_req(data, "code", where)),
        table_no=str(_req(data, "table_no", where)),
        title=str(_req(data, "title", where)),
        issuer=str(_req(data, "issuer", where)),
        approval_no=approval,
        measure=str(data.get("measure", "人")),
        time_point=time_point,
        builder=str(_req(data, "builder", where)),
        order=int(data.get("order", 99)),
        variants=variants,
        notes=str(data.get("notes", "")),
        source=source,
        year_over_year=_yoy(data.get("year_over_year"), variants, where),
    )


def _yoy(raw: Any, variants: dict[str, Variant], where: str) -> YoySpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), list) or not raw["columns"]:
        raise DefinitionError(f"{where}：[year_over_year] 应有 columns = [列代码, …]。")
    keys = {c.key for v in variants.values() for c in v.columns}
    unknown = [str(c) for c in raw["columns"] if c not in keys]
    if unknown:
        raise DefinitionError(f"{where}：[year_over_year] 的列 {'、'.join(unknown)} 不在本表中。")
    band = raw.get("band", 5)
    if not isinstance(band, int | float) or isinstance(band, bool) or band < 0:
        raise DefinitionError(f"{where}：[year_over_year] 的 band 应为不小于 0 的百分数。")
    rows = raw.get("rows", ["total", "stage"])
    return YoySpec(tuple(str(c) for c in raw["columns"]), tuple(str(r) for r in rows), float(band))


def load_definition(path: Path) -> ReturnDefinition:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"报表定义 {path.name} 格式有误：{exc}。请用文本编辑器修正。") from exc
    return parse_definition(data, path.name)


@cache
def load_definitions(folder: Path | None = None) -> tuple[ReturnDefinition, ...]:
    """Every definition in ``templates/returns/``, in print order; codes must be unique."""
    base = folder or templates_dir() / "returns"
    defs = sorted((load_definition(p) for p in sorted(base.glob("*.toml"))), key=lambda d: (d.order, d.code))
    codes = [d.code for d in defs]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        raise DefinitionError(f"报表代码重复：{'、'.join(sorted(dupes))}。每个定义文件的 code 必须唯一。")
    return tuple(defs)


@cache
def definition_digests() -> dict[str, str]:
    """Return code → a short digest of its definition file (line ends normalised): which version of a return.

    Written into every package (``manifest.extra.definitions``), so the office can tell a
    return that an older definition built from one that was tampered with.
    """
    out: dict[str, str] = {}
    for path in sorted((templates_dir() / "returns").glob("*.toml")):
        raw = path.read_bytes().replace(b"\r\n", b"\n")
        out[load_definition(path).code] = hashlib.sha256(raw).hexdigest()[:16]
    return out


def get_definition(code: str) -> ReturnDefinition:
    for d in load_definitions():
        if d.code == code or d.table_no == code:
            return d
    known = "、".join(d.code for d in load_definitions())
    raise DefinitionError(f"没有代码为“{code}”的报表。可用的报表：{known}。")
