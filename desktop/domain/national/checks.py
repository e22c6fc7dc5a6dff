"""逻辑校验 of the national forms: the relations within a form, the equalities across forms,
and the birth dates the age columns count by. Each finding names the cells and the people,
so the GUI and the CLI can jump to the records.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.national.definition import NationalDefinitionError, Relation
from desktop.domain.national.engine import FilledForm, Person

_REF = re.compile(r"^\s*(教基\d{4})\[(\d{2})\]\((\d{1,2})\)\s*$")
OPS = {"=": lambda a, b: a == b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}


@dataclass(frozen=True, slots=True)
class CellRef:
    form: str
    row: str
    col: str

    @property
    def text(self) -> str:
        return f"{self.form}[{self.row}]({self.col})"


@dataclass(frozen=True, slots=True)
class CrossCheck:
    name: str
    left: tuple[CellRef, ...]
    right: tuple[CellRef, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # the relation or check, as printed
    message: str  # one Chinese sentence: what is wrong and what to do
    cells: tuple[CellRef, ...] = ()
    staff_ids: tuple[int, ...] = ()


def load_cross_checks(path: Path, forms: Mapping[str, object]) -> tuple[CrossCheck, ...]:
    if not path.exists():
        return ()
    where = f"校验定义 {path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise NationalDefinitionError(f"{where}：不是有效的 TOML（{exc}）。") from None
    out: list[CrossCheck] = []
    for item in data.get("cross", []):
        name = str(item.get("name", ""))
        refs: dict[str, list[CellRef]] = {"left": [], "right": []}
        for side in refs:
            for text in item.get(side, []):
                m = _REF.match(str(text))
                if not m:
                    raise NationalDefinitionError(f"{where}：“{name}”的“{text}”应写成 教基NNNN[行](栏)，如 教基4149[01](2)。")
                if m.group(1) not in forms:
                    raise NationalDefinitionError(f"{where}：“{name}”引用的 {m.group(1)} 没有定义文件。")
                refs[side].append(CellRef(*m.groups()))
        if not name or not refs["left"] or not refs["right"]:
            raise NationalDefinitionError(f"{where}：每条 [[cross]] 要有 name、left 和 right。")
        out.append(CrossCheck(name, tuple(refs["left"]), tuple(refs["right"])))
    return tuple(out)


def _relation_findings(filled: FilledForm, rel: Relation) -> list[Finding]:
    d = filled.definition
    out: list[Finding] = []
    lines = d.rows if rel.axis == "column" else d.columns
    for line in lines:
        def cell(code: str, line_code: str = line.code) -> tuple[str, str]:
            return (line_code, code) if rel.axis == "column" else (code, line_code)

        if any(cell(c) in d.dash for c in (rel.left, *rel.right)):
            continue
        left = filled.number(*cell(rel.left))
        right = sum(filled.number(*cell(c)) for c in rel.right)
        if OPS[rel.op](left, right):
            continue
        where = f"第 {line.code} 行（{line.name}）" if rel.axis == "column" else f"第 {line.code} 栏（{line.name}）"
        refs = tuple(CellRef(d.form, *cell(c)) for c in (rel.left, *rel.right))
        ids = sorted({i for r in refs for i in filled.people.get((r.row, r.col), ())})
        out.append(Finding(rel.text, f"{d.form} {where}：{rel.text} 不成立（{left} 对 {right}），"
                           "请查看这些格子里的人员，补全或改正他们的记录。", refs, tuple(ids)))
    return out


def check_form(filled: FilledForm) -> list[Finding]:
    return [f for rel in filled.definition.relations for f in _relation_findings(filled, rel)]


def check_cross(checks: Iterable[CrossCheck], filled: Mapping[str, FilledForm]) -> list[Finding]:
    out: list[Finding] = []
    for chk in checks:
        refs = (*chk.left, *chk.right)
        if any(r.form not in filled for r in refs):
            continue  # this school type does not fill one of the forms
        left = sum(filled[r.form].number(r.row, r.col) for r in chk.left)
        right = sum(filled[r.form].number(r.row, r.col) for r in chk.right)
        if left == right:
            continue
        mine = {i for r in chk.left for i in filled[r.form].people.get((r.row, r.col), ())}
        theirs = {i for r in chk.right for i in filled[r.form].people.get((r.row, r.col), ())}
        ids = mine ^ theirs
        out.append(Finding(chk.name, f"{chk.name} 不相等（{left} 对 {right}）：列出的人员只在一边计数，"
                           "多为学段、类别或出生日期未填，请补全记录。", refs, tuple(sorted(ids))))
    return out


def check_ages(persons: Iterable[Person], counted: Iterable[int]) -> list[Finding]:
    """People counted by a form with age columns whose birth date is missing or implausible."""
    ids = set(counted)
    missing, odd = [], []
    for p in persons:
        if p.id not in ids:
            continue
        age = p.facts.get("age")
        if age is None:
            missing.append(p.id)
        elif not isinstance(age, int) or not 16 <= age <= 80:
            odd.append(p.id)
    out = []
    if missing:
        out.append(Finding("年龄", f"{len(missing)} 名专任教师没有出生日期，不能按年龄分组统计："
                           "请在教职工页补上出生日期（居民身份证号码可自动带出）。", staff_ids=tuple(missing)))
    if odd:
        out.append(Finding("年龄", f"{len(odd)} 名专任教师按出生日期算出的年龄不在 16—80 岁之间，"
                           "请核对出生日期与身份证件号码。", staff_ids=tuple(odd)))
    return out
