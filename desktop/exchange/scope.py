"""Whose data a package may carry: only its signer's own unit and the units below it.

A package replaces everything the receiving office holds for the units it
lists, so the list of units is what an attacker with one school's key would
forge: add a sibling school's code and that school's data is replaced. The
rules here decide, before anything is written:

* every unit code in the package is a valid 学校标识码 or 行政区划代码 in its plain
  form (a code also names the kept copy of the package on disk);
* a school's package carries its own unit only;
* an office's package (a county's) carries its own unit and units whose parent
  chain inside the package leads back to it — and a unit the receiving office
  already knows must sit below the sender in the receiver's own tree. The
  package's idea of the tree never moves a unit the receiver knows elsewhere.

No database access here; the service passes what the receiver knows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.codes import UnitKind
from desktop.domain.unitcodes import is_unit_code, unit_code_problem


class ScopeError(ValueError):
    """A package names a unit it may not carry; ``unit_code`` is that unit, the message Chinese."""

    def __init__(self, reason: str, unit_code: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.unit_code = unit_code
        self.message = message


@dataclass(frozen=True, slots=True)
class UnitRow:
    code: str
    name: str
    kind: str
    parent_code: str | None


def check_code(code: object, kind: object, where: str) -> None:
    """Refuse a unit code that is not valid for its kind (``where`` says where it was found)."""
    problem = unit_code_problem(code, kind)
    if problem is not None:
        raise ScopeError("bad_unit_code", str(code)[:40],
                         f"{where}中的{problem}。数据包可能被改动过，未导入任何数据，请让报送单位核对单位代码后重新导出。")


def check_scope(top_code: str, top_name: str, top_kind: str, rows: Sequence[UnitRow], *,
                known_names: Mapping[str, str], below_top: frozenset[str]) -> None:
    """Refuse the package when a unit row is not the sender's own unit or a unit below it.

    ``known_names``: code → name of every unit of the package the receiving
    office already has; ``below_top``: codes the receiving office has below the
    sender (any depth).
    """
    for row in rows:
        check_code(row.code, row.kind, "数据包的单位列表")
        if row.parent_code and not is_unit_code(row.parent_code):
            raise ScopeError("bad_unit_code", row.parent_code[:40],
                             f"数据包中单位 {row.code} 的上级单位代码“{row.parent_code[:40]!s}”无效。数据包可能被改动过，"
                             "未导入任何数据，请让报送单位重新导出。")
    accepted = {top_code}
    for row in rows:
        if row.code == top_code:
            continue
        name = known_names.get(row.code, row.name)
        who = f"{name}（{row.code}）"
        if top_kind == UnitKind.SCHOOL.value:
            raise ScopeError("foreign_unit", row.code,
                             f"{top_name}（{top_code}）的数据包中夹带了另一个单位 {who} 的数据。学校的数据包只能包含本校的数据，"
                             "已拒绝整个数据包，未改动任何单位的数据。请联系该学校核实数据包的来源。")
        if row.code in known_names and row.code not in below_top:
            raise ScopeError("foreign_unit", row.code,
                             f"{top_name}（{top_code}）的数据包中含有单位 {who} 的数据，但本单位记录的 {who} 不属于 "
                             f"{top_name} 管辖。已拒绝整个数据包，未改动任何单位的数据。如该单位确已划归 {top_name}，"
                             "请先在单位列表中调整它的上级单位，再导入。")
        if row.parent_code not in accepted:
            raise ScopeError("foreign_unit", row.code,
                             f"{top_name}（{top_code}）的数据包中的单位 {who} 的上级单位（{row.parent_code or '未填写'}）"
                             f"不在 {top_name} 之下。数据包只能包含报送单位本身及其下属单位的数据，已拒绝，未导入任何数据。")
        accepted.add(row.code)
