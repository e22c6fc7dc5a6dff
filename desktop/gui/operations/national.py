"""Worker-side jobs of the 国家统计 page: the national forms as plain tables, export and reconciliation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.services.admin.database import Database
from desktop.services.returns import national, national_io


@dataclass(frozen=True)
class SheetTable:
    name: str
    title: str
    columns: list[tuple[str, str]]  # (code, name)
    rows: list[tuple[str, str]]  # (code, name)
    grid: list[list[int | str]]
    people: dict[tuple[str, str], list[tuple[int, str]]]  # (row, col) → (id, name)
    counts_classes: bool


@dataclass(frozen=True)
class Problem:
    sheet: str
    text: str
    staff_ids: tuple[int, ...] = ()
    cell: tuple[str, str] | None = None  # (row, col) to select


@dataclass(frozen=True)
class NationalTables:
    unit: str
    sheets: list[SheetTable]
    findings: list[Problem]


def load_tables(*, db: Database, school_year: int) -> NationalTables:
    ret = national.build_national(db, school_year)
    sheets = []
    for s in ret.sheets:
        d = s.filled.definition
        items = ret.items(d.subject)
        sheets.append(SheetTable(
            s.name, d.title, [(c.code, c.name) for c in d.columns], [(r.code, r.name) for r in d.rows],
            s.filled.grid(), {k: [(i, items[i].name) for i in ids] for k, ids in s.filled.people.items()},
            d.subject == "classes"))
    findings = [Problem(f.sheet, f.finding.message, f.finding.staff_ids,
                        (f.finding.cells[0].row, f.finding.cells[0].col) if f.finding.cells else None)
                for f in ret.findings]
    return NationalTables(f"{ret.unit_name}（{ret.unit_code}）", sheets, findings)


def export(*, db: Database, school_year: int, folder: Path) -> tuple[Path, Path]:
    done = national_io.export_national(db, folder, school_year)
    return done.xlsx, done.pdf


def reconcile(*, db: Database, school_year: int, path: Path) -> list[Problem]:
    r = national_io.reconcile(db, path, school_year)
    out = [Problem(d.sheet, f"第{d.row}行（{d.row_name}）第{d.col}栏（{d.col_name}）：记录 {d.app}，报表 "
                   f"{'缺失' if d.reported is None else d.reported}", tuple(i for i, _ in d.people), (d.row, d.col))
           for d in r.differences]
    out += [Problem("", p) for p in r.problems]
    return out
