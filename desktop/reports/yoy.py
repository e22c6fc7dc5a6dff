"""Year-over-year columns (上年、本年、增减%) of a return, and which figures are beyond the band.

A return definition asks for them with a ``[year_over_year]`` table::

    [year_over_year]
    columns = ["teachers", "h_city"]   # the columns compared (those the unit's layout has)
    rows = ["total", "stage"]          # the row groups compared (default: total and stage rows)
    band = 5                           # ±% beyond which a change is marked (default 5)

The lines are printed under the return (Excel) or on a page after it (PDF), a change beyond the
band marked ※. They are not part of the data fingerprint: the fingerprint says what this year's
data are, and an office that rebuilds a school's return from the received package must get the
same fingerprint whatever last year it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.numbers import amount, rounded

MARK = "※"


@dataclass(frozen=True, slots=True)
class YoySpec:
    columns: tuple[str, ...]
    rows: tuple[str, ...] = ("total", "stage")
    band: float = 5.0


@dataclass(frozen=True, slots=True)
class YoyLine:
    row_code: str
    row_label: str
    column: str  # key
    column_label: str
    last: float | None  # None: no such row or value last year (无上年数据)
    now: float | None
    change: float | None  # (now − last) ÷ last × 100, 1 decimal; None when last is 0 or missing
    beyond: bool  # |change| above the band, or a figure that appeared from 0

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """项目, 上年, 本年, 增减（%）, 标记 as printed."""
        def num(v: float | None) -> str:
            return "—" if v is None else amount(v, 2)
        if self.last is None:
            change = "无上年数据"
        elif self.change is None:
            change = "—"
        else:
            change = ("+" if self.change > 0 else "") + amount(self.change, 1)
        return (f"{self.row_label} · {self.column_label}", num(self.last), num(self.now), change,
                MARK if self.beyond else "")


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _key(row: Any) -> tuple[str, str]:
    """Rows match across years by stage name (stage rows are numbered by the stages present), by
    school code, or as the one total row."""
    if row.group == "total":
        return ("total", "")
    return (row.group, row.code if row.group in ("school", "detail") else row.label.strip())


def yoy_lines(spec: YoySpec, now: Any, last: Any | None) -> tuple[YoyLine, ...]:
    """Lines comparing ``now`` (a ReturnData) with ``last`` (last year's, or None), row by row."""
    keys = [c.key for c in now.columns]
    labels = {c.key: "".join(c.header) for c in now.columns}
    wanted = [k for k in spec.columns if k in keys]
    before: dict[tuple[str, str, str], float | None] = {}
    if last is not None:
        last_keys = [c.key for c in last.columns]
        for r in last.rows:
            for k, v in zip(last_keys, r.values, strict=True):
                before[(*_key(r), k)] = _number(v)
    out: list[YoyLine] = []
    for r in now.rows:
        if r.group not in spec.rows:
            continue
        for k in wanted:
            value = _number(r.values[keys.index(k)])
            prior = before.get((*_key(r), k)) if last is not None else None
            change = rounded((value - prior) * 100 / prior, 1) if value is not None and prior else None
            beyond = (change is not None and abs(change) > spec.band) or (prior == 0 and bool(value))
            out.append(YoyLine(r.code, r.label.strip(), k, labels[k], prior, value, change, beyond))
    return tuple(out)
