"""Reading .xlsx, .xls and .csv into plain grids of cell values.

python-calamine reads the cells (fast, and it never expands XML entities); it
returns the value Excel cached for a formula and ``''`` when there is none, so
formulas without a cached value are found separately by streaming the sheet
XML through defusedxml — only for sheets that contain formulas at all
(``FileInfo.formula_parts``). Merged ranges and sheet visibility come from
calamine too; hidden rows and columns (which calamine does not expose) from the
byte scan ``safety.inspect_file`` makes anyway, so finding them costs nothing. CSV files are decoded as UTF-8 (with or without BOM) or, failing
that, GB18030 (a superset of the GBK that Chinese Excel writes).

Every file goes through ``safety.inspect_file`` first. Row and column indexes
in a ``Grid`` are 0-based and start at A1, so Excel's row number is index + 1.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import python_calamine as pc
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from desktop.exchange.safety import MAX_COLUMNS, MAX_ROWS, FileInfo, FileRefused, inspect_file

MAX_CSV_LINE_CHARS = 1 << 20  # one physical line of a CSV

Cell = str | float | int | bool | date | datetime | time | timedelta
EXACT_HEIGHT_ROWS = 20_000  # sheets up to this many <row> elements are loaded to count exactly
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool  # False for hidden and very hidden sheets


@dataclass
class Grid:
    """The cells of one sheet, row 0 = Excel row 1, column 0 = column A."""

    sheet: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    date1904: bool = False
    hidden_rows: frozenset[int] = frozenset()  # 0-based rows Excel hides (or a filter hides)
    hidden_cols: frozenset[int] = frozenset()  # 0-based columns Excel hides, within the grid's width


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_ref(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(digits) - 1, col - 1


class Workbook:
    """An opened, checked spreadsheet file. Use ``open_workbook``."""

    def __init__(self, info: FileInfo) -> None:
        self.info = info
        self._book: pc.CalamineWorkbook | None = None
        self._csv_rows: list[list[Cell]] | None = None
        self._parts: dict[str, str] | None = None
        if info.kind == "csv":
            self.sheets = [SheetInfo(info.path.stem, True)]
            return
        try:
            self._book = pc.CalamineWorkbook.from_path(str(info.path))
        except Exception as exc:  # calamine raises several unrelated types for broken files
            raise FileRefused(
                f"无法读取文件“{info.path.name}”：文件已损坏、被加密或不是 Excel 工作簿。"
                "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
            ) from exc
        self.sheets = [
            SheetInfo(m.name, m.visible == pc.SheetVisibleEnum.Visible)
            for m in self._book.sheets_metadata
            if m.typ == pc.SheetTypeEnum.WorkSheet
        ]

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def read(self, name: str | None = None) -> Grid:
        """The grid of sheet ``name`` (default: the first visible sheet)."""
        if self.info.kind == "csv":
            return Grid(self.sheets[0].name, self._read_csv())
        assert self._book is not None
        if name is None:
            visible = [s.name for s in self.sheets if s.visible] or self.sheet_names
            if not visible:
                raise FileRefused(f"文件“{self.info.path.name}”里没有工作表。")
            name = visible[0]
        if name not in self.sheet_names:
            raise FileRefused(
                f"文件里没有名为“{name}”的工作表，现有工作表：{'、'.join(self.sheet_names)}。"
            )
        try:
            sheet = self._book.get_sheet_by_name(name)
        except Exception as exc:  # calamine raises several unrelated types for a broken sheet
            raise FileRefused(
                f"文件“{self.info.path.name}”中的工作表“{name}”已损坏，无法读取（{str(exc)[:60]}）。"
                "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
            ) from None
        if sheet.total_height > MAX_ROWS:
            raise FileRefused(
                f"工作表“{name}”有 {sheet.total_height:,} 行，超过一次导入 {MAX_ROWS:,} 行的上限。"
                "请拆成几个文件分别导入。"
            )
        rows = _rows_from_a1(sheet)
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        grid = Grid(name, rows, merged, date1904=self.info.date1904)
        if self.info.kind == "xlsx":
            part = self._sheet_parts().get(name)
            if part in self.info.formula_parts:
                try:
                    grid.formulas_without_value = _formulas_without_value(self.info.path, part)
                except (SafeET.ParseError, KeyError, ValueError, DefusedXmlException) as exc:
                    raise FileRefused(
                        f"文件“{self.info.path.name}”中的工作表“{name}”结构已损坏（{str(exc)[:60]}）。"
                        "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
                    ) from None
            # Found by the safety scan's byte search (calamine does not expose visibility).
            grid.hidden_rows = frozenset(r - 1 for r in self.info.hidden_rows.get(part or "", ()))
            width = max((len(r) for r in rows), default=0)
            grid.hidden_cols = frozenset(c - 1 for lo, hi in self.info.hidden_cols.get(part or "", ())
                                         for c in range(lo, min(hi, width) + 1))
        return grid

    def sheet_height(self, name: str, *, exact: bool = False) -> int:
        """Rows holding values in sheet ``name``. A large .xlsx sheet is not loaded for
        this (unless ``exact``): the answer is then the number of ``<row>`` elements
        counted by the safety scan, which also counts formatted empty rows."""
        if self.info.kind == "csv":
            return len(self._read_csv())
        if self.info.kind == "xlsx" and not exact:
            counted = self.info.rows_by_part.get(self._sheet_parts().get(name, ""))
            if counted is not None and counted > EXACT_HEIGHT_ROWS:
                return counted
        assert self._book is not None
        sheet = self._book.get_sheet_by_name(name)
        return 0 if sheet.height == 0 or sheet.end is None else sheet.height

    def _read_csv(self) -> list[list[Cell]]:
        if self._csv_rows is None:
            self._csv_rows = read_csv_rows(self.info.path)
        return self._csv_rows

    def outside_references(self) -> list[str]:
        """Chinese notices for what a workbook takes from outside itself: external links, odd defined names.

        A reader imports the value Excel cached for such a reference (never
        evaluates it), so the clerk must know the value may be stale, or come
        from a file or a command (``cmd|…``, DDE) the sender planted.
        """
        if self.info.kind != "xlsx":
            return []
        out: list[str] = []
        try:
            with zipfile.ZipFile(self.info.path) as zf:
                names = zf.namelist()
                for part in sorted(n for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml")
                                   and "/_rels/" not in n):
                    rels = posixpath.join("xl/externalLinks/_rels", posixpath.basename(part) + ".rels")
                    target = ""
                    if rels in names:
                        found = [r.get("Target", "") for r in SafeET.fromstring(zf.read(rels)).iter(
                            f"{_NS_PKG_REL}Relationship")]
                        target = found[0] if found else ""
                    out.append(f"工作簿链接了外部文件{f'“{target[:80]}”' if target else ''}：引用它的单元格导入的是"
                               "保存时缓存的值，可能已过时或被改动。请核对这些单元格，或在 Excel 中“断开链接”后另存再导入。")
                book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        except (SafeET.ParseError, KeyError, ValueError, zipfile.BadZipFile, DefusedXmlException):
            return out  # the sheet reader reports a broken workbook itself
        for name in book.iter(f"{_NS_MAIN}definedName"):
            label, value = name.get("name", ""), (name.text or "").strip()
            if label.startswith("_xlnm.") or _PLAIN_REFERENCE.match(value):
                continue
            out.append(f"工作簿中的名称“{label[:40]}”不是普通的单元格区域，而是“{value[:80]}”"
                       "（可能是公式、外部引用或命令）。本程序不会执行它，只导入单元格中缓存的值；"
                       "如不认识这个名称，请向文件提供者核实后再导入。")
        return out

    def _sheet_parts(self) -> dict[str, str]:
        """Sheet name → zip part (xl/worksheets/sheetN.xml), from the workbook relations."""
        if self._parts is not None:
            return self._parts
        try:
            with zipfile.ZipFile(self.info.path) as zf:
                book = SafeET.fromstring(zf.read("xl/workbook.xml"))
                rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except (SafeET.ParseError, KeyError, ValueError, zipfile.BadZipFile, DefusedXmlException) as exc:
            raise FileRefused(
                f"文件“{self.info.path.name}”的工作簿结构（workbook.xml）已损坏，无法确定各工作表的位置"
                f"（{str(exc)[:60]}）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
            ) from None
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG_REL}Relationship")}
        out: dict[str, str] = {}
        for sheet in book.iter(f"{_NS_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_NS_REL}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            out[sheet.get("name", "")] = path
        self._parts = out
        return out


def _rows_from_a1(sheet: pc.CalamineSheet) -> list[list[Cell]]:
    """Every row from A1, like ``to_python(skip_empty_area=False)``, built row by row.

    ``to_python`` builds the whole list in one call that holds the GIL (about 0.3 s for
    100,000 rows), which stalls the GUI thread while the wizard previews on the worker;
    a Python loop over ``iter_rows`` lets the threads take turns. ``iter_rows`` starts
    at the first used column, so rows are padded back to column A; if its rows ever
    disagree with that shape, the one-call read is used instead.
    """
    rows: list[list[Cell]] = []
    append = rows.append
    for row in sheet.iter_rows():
        append(row)
    start, end = sheet.start, sheet.end
    if end is None or len(rows) != end[0] + 1:
        return list(sheet.to_python(skip_empty_area=False))
    if start is not None and start[1] > 0:
        pad: list[Cell] = [""] * start[1]
        rows = [pad + row for row in rows]
    return rows


# Sheet1!$A$1:$B$9 or 'My sheet'!A1 — a defined name that is only a range of this workbook.
_PLAIN_REFERENCE = re.compile(r"^(?:'[^'\[\]]+'|[^'!\[\]|]+)!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$")


def open_workbook(path: str | Path) -> Workbook:
    """Check ``path`` (safety limits, real format) and open it for reading."""
    return Workbook(inspect_file(path))


def _formulas_without_value(path: Path, part: str) -> set[tuple[int, int]]:
    """Cells in ``part`` holding a formula whose cached value is missing or empty."""
    out: set[tuple[int, int]] = set()
    with zipfile.ZipFile(path) as zf, zf.open(part) as fh:
        for _event, elem in SafeET.iterparse(fh, events=("end",)):
            if elem.tag != f"{_NS_MAIN}c":
                continue
            if elem.find(f"{_NS_MAIN}f") is not None:
                value = elem.find(f"{_NS_MAIN}v")
                if value is None or not (value.text or "").strip():
                    out.add(_cell_ref(elem.get("r", "A1")))
            elem.clear()
    return out


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), else GB18030 (covers GBK as Excel 'CSV' saves it)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv_rows(path: Path) -> list[list[Cell]]:
    try:
        text = decode_text(path.read_bytes())
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"无法识别文件“{path.name}”的文字编码。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。"
        ) from exc
    # Fixed limits, checked before the csv module builds a row: a 50 MB line of 25 million
    # empty columns would otherwise become 25 million Python strings.
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_CSV_LINE_CHARS:
        raise FileRefused(
            f"文件“{path.name}”有一行长达 {longest:,} 个字符，超过每行 {MAX_CSV_LINE_CHARS:,} 个字符的上限，"
            "不像是正常的名册。请在 Excel 中打开核对（常见原因是整列被填满或分隔符不对）后另存为 .xlsx 再导入。"
        )
    first = text[:4096].splitlines()[0] if text.strip() else ""
    delimiter = max(",\t;", key=first.count) if first else ","
    rows: list[list[Cell]] = []
    # Universal newlines: Windows Excel ends rows with CRLF, Excel for Mac's "CSV (Macintosh)"
    # and some older exports with a bare CR, which csv.reader alone refuses mid-file.
    try:
        for row in csv.reader(io.StringIO(text, newline=None), delimiter=delimiter):
            if len(rows) >= MAX_ROWS:  # stop before building a million Python lists
                raise FileRefused(f"文件“{path.name}”超过一次导入 {MAX_ROWS:,} 行的上限。请按学校或年度拆分后导入。")
            if len(row) > MAX_COLUMNS:
                raise FileRefused(
                    f"文件“{path.name}”第 {len(rows) + 1} 行有 {len(row):,} 列，超过 {MAX_COLUMNS:,} 列的上限。"
                    "请核对分隔符或删除多余的列后再导入。"
                )
            rows.append(list(row))
    except csv.Error as exc:
        raise FileRefused(
            f"文件“{path.name}”第 {len(rows) + 1} 行无法按 CSV 读取（某一格过长或引号不成对，{str(exc)[:60]}）。"
            "一格最多 131,072 个字符；请在 Excel 中打开核对这一行，另存为 .xlsx 后再导入。"
        ) from None
    return rows
