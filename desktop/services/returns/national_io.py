"""The national forms out to files (xlsx and PDF) and back in for reconciliation.

``export_national`` writes the workbook in the national layout and its PDF. ``reconcile``
reads a workbook in that layout (the school's own export from the national system, or a
hand-filled copy) and lists every cell that differs from what the records give, with the
people behind the app's count; ``reconcile_folder`` does it for every workbook a county
collected and says which schools' national returns disagree with their records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.data.engine import Database
from desktop.domain.codes import SchoolCategory
from desktop.reports.national import ReadSheet, SheetData, read_workbook, write_workbook
from desktop.reports.national_pdf import write_national_pdf
from desktop.services.core.errors import ServiceError
from desktop.services.returns.national import NationalReturn, build_national, cell_people


def sheet_data(ret: NationalReturn) -> list[SheetData]:
    return [SheetData(s.name, s.filled.definition, s.filled.grid(), ret.unit_code, ret.unit_name,
                      SchoolCategory.label_of(s.school_type) or s.school_type, ret.census_date)
            for s in ret.sheets]


@dataclass
class ExportedNational:
    xlsx: Path
    pdf: Path
    national: NationalReturn


def export_national(db: Database, out_dir: Path, school_year: int | None = None, unit_code: str | None = None,
                    folder: Path | None = None) -> ExportedNational:
    ret = build_national(db, school_year, unit_code, folder)
    if not ret.sheets:
        raise ServiceError(f"{ret.unit_name} 没有要填的国家统计表：请检查学校类别，或该单位下是否有学校。")
    stem = f"{ret.unit_code}_{ret.school_year}学年_教育统计基层报表"
    xlsx, pdf = out_dir / f"{stem}.xlsx", out_dir / f"{stem}.pdf"
    data = sheet_data(ret)
    write_workbook(data, xlsx)
    write_national_pdf(data, ret.school_year, pdf)
    return ExportedNational(xlsx, pdf, ret)


@dataclass(frozen=True)
class Difference:
    sheet: str
    row: str
    row_name: str
    col: str
    col_name: str
    app: int
    reported: int | None  # None: the cell is missing from the workbook
    people: tuple[tuple[int, str], ...]  # behind the app's count


@dataclass
class Reconciliation:
    path: Path
    unit_code: str
    unit_name: str
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # missing sheets, unreadable cells, layout changes

    @property
    def agrees(self) -> bool:
        return not self.differences and not self.problems


def _compare(ret: NationalReturn, sheet_name: str, got: ReadSheet, out: Reconciliation) -> None:
    s = ret.sheet(sheet_name)
    d = s.filled.definition
    out.problems += got.problems
    extra_cols = [c for c in got.columns if c not in {c.code for c in d.columns}]
    extra_rows = [r for r in got.row_names if r not in {r.code for r in d.rows}]
    if extra_cols or extra_rows:
        out.problems.append(f"{sheet_name} 的版式与定义不同（多出 栏 {'、'.join(extra_cols) or '无'}，"
                            f"行 {'、'.join(extra_rows) or '无'}）：请对照正式报表核对定义文件 {Path(d.source).name}。")
    for r in d.rows:
        for c in d.columns:
            app = s.filled.value(r.code, c.code)
            if app == "-":
                continue
            assert isinstance(app, int)
            raw = got.cells.get((r.code, c.code), "missing")
            if raw == "missing":
                reported: int | None = None
            else:
                reported = raw if isinstance(raw, int) else 0  # blank and "-" mean none
            if reported == app:
                continue
            out.differences.append(Difference(sheet_name, r.code, r.name, c.code, c.name, app, reported,
                                              tuple(cell_people(ret, sheet_name, r.code, c.code))))


def _our_name(sheet: str) -> str:
    """A reported sheet's name as EduReturns names it: the national system spells some school types
    otherwise (教基4150_其他特教学校 is our 教基4150_特殊教育学校)."""
    form, _, school_type = sheet.partition("_")
    category = SchoolCategory.from_label(school_type) if school_type else None
    return f"{form}_{category.label}"[:31] if category is not None else sheet


def reconcile(db: Database, path: Path, school_year: int | None = None, unit_code: str | None = None,
              folder: Path | None = None) -> Reconciliation:
    """Every cell of the workbook at ``path`` that differs from the records of its unit."""
    try:
        sheets = read_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise ServiceError(f"无法读取 {path.name}：{exc}。请确认它是 .xlsx 格式的国家统计报表。") from exc
    if not sheets:
        raise ServiceError(f"{path.name} 中没有国家统计表（找不到“甲、乙”代码行），请确认文件版式。")
    code = unit_code or next((s.unit_code for s in sheets if s.unit_code), None)
    if not code:
        raise ServiceError(f"{path.name} 中没有“单位代码：”，请用 --unit 指定这份报表所属的单位代码。")
    ret = build_national(db, school_year, code, folder)
    out = Reconciliation(path, ret.unit_code, ret.unit_name)
    by_name = {_our_name(s.name): s for s in sheets}
    for s in ret.sheets:
        got = by_name.get(s.name)
        if got is None:
            out.problems.append(f"{path.name} 中缺少表“{s.name}”。")
            continue
        _compare(ret, s.name, got, out)
    ours = {s.name for s in ret.sheets}
    out.problems += [f"{path.name} 中的表“{got.name}”不是本单位要填的表，未核对。"
                     for n, got in by_name.items() if n not in ours]
    return out


def reconcile_folder(db: Database, folder: Path, school_year: int | None = None) -> list[Reconciliation]:
    """Each ``.xlsx`` in ``folder`` reconciled with the records of the school it names."""
    files = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith("~$"))
    if not files:
        raise ServiceError(f"文件夹 {folder} 中没有 .xlsx 文件。")
    return [reconcile(db, p, school_year) for p in files]
