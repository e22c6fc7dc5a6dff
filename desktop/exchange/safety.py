"""Checks on an untrusted file before any parser sees it (reliability-notes §4.1).

A spreadsheet from a clerk's USB stick may be anything: a renamed Word file, a
zip bomb (a few KB that inflate to gigabytes), an XML entity bomb, or simply a
file far larger than a school roster. ``inspect_file`` decides what kind of file
it is from its first bytes (never its extension) and refuses, with a Chinese
sentence, anything over the limits below — in well under a second, because it
reads only the zip directory and streams each member through ``zipfile``, which
stops at the declared size and fails the CRC when a member lies about it.

Rows are bounded too: python-calamine loads a whole sheet into memory (about
1 GB for 800,000 rows, DESIGN.md §4), so a sheet whose ``<dimension>`` says, or
whose ``<row>`` elements counted while streaming show, more than ``MAX_ROWS``
rows is refused with that limit before calamine sees it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 60 * 1024 * 1024  # compressed file on disk
MAX_MEMBERS = 2_000  # an .xlsx has a few dozen parts
MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024
MAX_MEMBER_RATIO = 250  # real sheet XML compresses 5–40:1; a bomb about 1000:1
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny parts may compress oddly well; only big ones are judged
MAX_ROWS = 300_000  # a county's training year fits; a 1,000,000-row sheet is refused
# A reader holds a sheet as a dense grid of (last row × last column) cells, empty ones included, at about
# 40 bytes a cell: one cell in column XFD of row 20,000 asked calamine for 10 GB. The grid, the columns
# and the cell elements are bounded from the XML before any reader sees it.
MAX_COLUMNS = 2_048  # a roster has about 40; old LibreOffice sheets end at AMJ (1,024); Excel at XFD (16,384)
MAX_GRID_CELLS = 12_000_000  # last row × last column: ~0.5 GB as a grid, 300,000 rows of 40 columns
MAX_CELLS = 12_000_000  # <c> elements in one sheet
CHUNK = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_HIDDEN_COL = re.compile(rb'<col\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL_COL = re.compile(rb'<c r="([A-Z]{1,4})')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,4}(\d{1,9})"')
_ROW_TAG_NUMBER = re.compile(rb'<row r="(\d{1,9})"')
_CELL_TAG = re.compile(rb"<c[ >/]")
_COL_MIN, _COL_MAX = re.compile(rb'\bmin="(\d+)"'), re.compile(rb'\bmax="(\d+)"')
_TAIL = 1024  # bytes of the previous chunk kept in front of the next one
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ENTITY = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class FileRefused(Exception):
    """The file is not read at all; ``message`` says why and what to do, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileInfo:
    """What the checks learned: the format and, for .xlsx, facts the reader needs."""

    path: Path
    kind: str  # xlsx | xls | csv
    size: int
    date1904: bool = False
    rows_by_part: dict[str, int] = field(default_factory=dict)  # sheet part → <row> elements counted
    formula_parts: frozenset[str] = frozenset()  # sheet parts that contain formulas
    hidden_rows: dict[str, frozenset[int]] = field(default_factory=dict)  # part → hidden Excel row numbers
    hidden_cols: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # part → (min, max), 1-based


def inspect_file(path: str | Path) -> FileInfo:
    """Identify ``path`` and refuse it if it is unsafe or too large; never parses cells."""
    p = Path(path)
    try:
        return _inspect(p)
    except OSError as exc:
        raise unreadable(p, exc) from exc


def unreadable(p: Path, exc: OSError) -> FileRefused:
    """The reason a file cannot be opened at all, in the clerk's words."""
    if isinstance(exc, PermissionError):
        # Windows: Excel holds an open workbook with a sharing lock; reading it fails here.
        return FileRefused(f"无法打开文件“{p.name}”：它正被 Excel/WPS 或其他程序打开并锁定，或者您没有读取它的权限。"
                           "请先在 Excel 中关闭这个文件（或把它复制到“文档”文件夹）后再导入。")
    return FileRefused(f"无法读取文件“{p.name}”（{exc.strerror or exc}）。请确认文件还在、U 盘没有拔出，"
                       "或把文件复制到电脑上后再导入。")


def _inspect(p: Path) -> FileInfo:
    if not p.is_file():
        raise FileRefused(f"找不到文件“{p.name}”，请确认文件存在且没有被移动。")
    size = p.stat().st_size
    if size == 0:
        raise FileRefused(f"文件“{p.name}”是空的（0 字节），请确认选对了文件。")
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            f"文件“{p.name}”有 {size / 1048576:.0f} MB，超过了 {MAX_FILE_BYTES // 1048576} MB 的上限。"
            "请把数据分成几个文件分别导入。"
        )
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP_MAGIC):
        return _inspect_zip(p, size)
    if head.startswith(_OLE_MAGIC):
        _refuse_encrypted(p)
        return FileInfo(p, "xls", size)
    if _looks_like_text(p):
        return FileInfo(p, "csv", size)
    raise FileRefused(
        f"文件“{p.name}”不是电子表格（支持 .xlsx、.xls 和 .csv）。如果是 WPS 或其他格式，"
        "请在 Excel/WPS 中“另存为”.xlsx 后再导入。"
    )


def _refuse_encrypted(p: Path) -> None:
    """An .xlsx with an open password is stored as an OLE file holding an
    ``EncryptedPackage`` stream; the directory names it in UTF-16."""
    with p.open("rb") as fh:
        data = fh.read()
    if _ENCRYPTED in data:
        raise FileRefused(f"文件“{p.name}”设置了打开密码（已加密），无法读取。请在 Excel 中打开它，"
                          "在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清空密码并保存，再导入。")


def _looks_like_text(p: Path) -> bool:
    with p.open("rb") as fh:
        sample = fh.read(64 * 1024)
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is fine.
            if exc.start >= len(sample) - 4:
                return True
    return False


def _inspect_zip(p: Path, size: int) -> FileInfo:
    try:
        with zipfile.ZipFile(p) as zf:
            members = zf.infolist()
            _check_directory(p, members)
            if "xl/workbook.xml" not in {m.filename for m in members}:
                raise FileRefused(
                    f"文件“{p.name}”是压缩包而不是 Excel 工作簿，请选择 .xlsx 文件。"
                )
            return _scan_members(p, size, zf, members)
    except zipfile.BadZipFile as exc:
        raise FileRefused(
            f"文件“{p.name}”已损坏或被篡改（{exc}），无法读取。请在 Excel 中打开后重新保存再导入。"
        ) from exc


def _check_directory(p: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise FileRefused(f"文件“{p.name}”内部包含 {len(members)} 个部件，超过上限，已拒绝读取。")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FileRefused(
            f"文件“{p.name}”解压后有 {total / 1048576:.0f} MB，超过 {MAX_TOTAL_UNCOMPRESSED // 1048576} MB 的上限"
            "（可能是“压缩炸弹”）。已拒绝读取；如确是正常数据，请分成几个文件导入。"
        )
    for m in members:
        name = m.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or (len(name) > 1 and name[1] == ":"):
            # No reader of ours extracts members to disk, but a workbook never has such names:
            # the file was made by hand, to attack another tool that does extract.
            raise FileRefused(
                f"文件“{p.name}”中有指向文件夹以外的部件名（{m.filename}），不是正常的 Excel 文件，已拒绝读取。"
            )
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            raise FileRefused(
                f"文件“{p.name}”中的部件 {m.filename} 压缩比异常（{m.file_size // max(m.compress_size, 1)}:1），"
                "疑似“压缩炸弹”，已拒绝读取。"
            )


def _scan_members(p: Path, size: int, zf: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> FileInfo:
    """Stream every XML part once: verifies declared sizes (CRC), finds entity
    declarations, row dimensions, formulas and the 1904 date system."""
    date1904 = False
    rows: dict[str, int] = {}
    formulas: set[str] = set()
    hidden_rows: dict[str, frozenset[int]] = {}
    hidden_cols: dict[str, tuple[tuple[int, int], ...]] = {}
    for m in members:
        if not m.filename.endswith((".xml", ".rels")):
            continue
        is_sheet = m.filename.startswith("xl/worksheets/")
        head = b""
        has_formula = False
        tail = b""
        row_count = 0
        grid = _Grid()
        hid_rows: set[int] = set()
        hid_cols: set[tuple[int, int]] = set()
        with zf.open(m) as fh:
            while chunk := fh.read(CHUNK):
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                    if _ENTITY.search(head):
                        raise FileRefused(
                            f"文件“{p.name}”含有 XML 实体声明（可能是“XML 炸弹”），正常的 Excel 文件不会有，已拒绝读取。"
                        )
                if is_sheet:
                    window = tail + chunk
                    has_formula = has_formula or _has_formula_tag(window)
                    # Count <row starts; subtracting the tail's own count lets a tag cut in two be
                    # seen once. The tail is long enough to hold a whole <row …> or <col …/> tag.
                    row_count += window.count(b"<row ") + window.count(b"<row>") - tail.count(b"<row ") - tail.count(b"<row>")
                    if b'hidden="' in window:  # rare: only then look for which rows and columns
                        _hidden_tags(window, hid_rows, hid_cols)
                    grid.scan(chunk, tail)
                    tail = chunk[-_TAIL:]
                    if row_count > MAX_ROWS:
                        raise _too_many_rows(p, row_count)
                    grid.check(p, row_count)
        if m.filename == "xl/workbook.xml":
            date1904 = re.search(rb'date1904="(1|true)"', head) is not None
        if is_sheet:
            if has_formula:
                formulas.add(m.filename)
            last = _dimension_rows(head)
            if last is not None and last > MAX_ROWS:
                raise _too_many_rows(p, last)
            _check_dimension(p, head)
            grid.check(p, row_count)
            rows[m.filename] = row_count
            if hid_rows:
                hidden_rows[m.filename] = frozenset(hid_rows)
            if hid_cols:
                hidden_cols[m.filename] = tuple(sorted(hid_cols))
    return FileInfo(p, "xlsx", size, date1904, rows, frozenset(formulas), hidden_rows, hidden_cols)


def column_number(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _Grid:
    """The extent of one sheet as a reader would lay it out, from the cell references seen so far.

    Counted per chunk with C-level regex scans (no Python work per cell except
    a set of distinct column letters and row numbers per chunk). The overlap
    with the previous chunk is scanned again; a maximum does not mind that,
    and the cell count subtracts the overlap's own cells.
    """

    def __init__(self) -> None:
        self.last_col = 0
        self.last_row = 0
        self.cells = 0
        self.unreferenced = 0  # <c> without r="…": a reader places it after the previous cell of its row

    def scan(self, chunk: bytes, tail: bytes) -> None:
        window = tail + chunk
        cells = len(_CELL_TAG.findall(window)) - len(_CELL_TAG.findall(tail))
        referenced = window.count(b'<c r="') - tail.count(b'<c r="')
        self.cells += cells
        self.unreferenced += max(cells - referenced, 0)
        cols = set(_CELL_COL.findall(window))
        if cols:
            self.last_col = max(self.last_col, max(column_number(c) for c in cols))
        for found in (_CELL_ROW.findall(window), _ROW_TAG_NUMBER.findall(window)):
            if found:
                self.last_row = max(self.last_row, max(int(r) for r in set(found)))

    def check(self, p: Path, row_count: int) -> None:
        rows = max(self.last_row, row_count)
        # Cells without a reference: in the worst case all in one row, each one column further.
        cols = self.last_col + self.unreferenced
        if self.cells > MAX_CELLS or cols > MAX_COLUMNS or rows * cols > MAX_GRID_CELLS:
            raise _too_wide(p, rows, cols, self.cells)


def _too_wide(p: Path, rows: int, cols: int, cells: int) -> FileRefused:
    return FileRefused(
        f"文件“{p.name}”的一个工作表范围过大（用到第 {rows:,} 行、第 {cols:,} 列，共 {cells:,} 个单元格），"
        f"超过一次导入的上限（最多 {MAX_COLUMNS:,} 列、{MAX_GRID_CELLS:,} 个单元格的范围），读取它会耗尽内存，已拒绝读取。"
        "通常是表格远处的某一格被误填或设了格式：请在 Excel 中删除数据区域右边和下边多余的行列后另存，再导入。"
    )


_DIMENSION_FULL = re.compile(rb'<dimension\s+ref="([A-Z]{1,4})(\d{1,9})(?::([A-Z]{1,4})(\d{1,9}))?"')


def _check_dimension(p: Path, head: bytes) -> None:
    """The grid the sheet's own ``<dimension>`` declares (a reader may allocate it as declared)."""
    found = _DIMENSION_FULL.search(head)
    if not found:
        return
    col = column_number(found.group(3) or found.group(1))
    row = int(found.group(4) or found.group(2))
    if col > MAX_COLUMNS or row * col > MAX_GRID_CELLS:
        raise _too_wide(p, row, col, 0)


def _hidden_tags(window: bytes, rows: set[int], cols: set[tuple[int, int]]) -> None:
    """Hidden rows (``<row r="7" hidden="1">``) and columns (``<col min="3" max="4" hidden="1"/>``)
    in a piece of sheet XML; sets, because the overlap between windows is seen twice."""
    for tag in _HIDDEN_ROW.finditer(window):
        number = _ROW_NUMBER.search(tag.group(0))
        if number:
            rows.add(int(number.group(1)))
    for tag in _HIDDEN_COL.finditer(window):
        lo, hi = _COL_MIN.search(tag.group(0)), _COL_MAX.search(tag.group(0))
        if lo and hi:
            cols.add((int(lo.group(1)), int(hi.group(1))))


def _too_many_rows(p: Path, rows: int) -> FileRefused:
    return FileRefused(
        f"文件“{p.name}”的一个工作表超过 {rows:,} 行，超出一次导入 {MAX_ROWS:,} 行的上限。"
        "请按学校或年度拆成几个文件分别导入。"
    )


def _has_formula_tag(data: bytes) -> bool:
    # <f> or <f t="shared" ...>; not <font>, <fill> (those live in styles.xml anyway).
    return re.search(rb"<f[ >/]", data) is not None


def _dimension_rows(head: bytes) -> int | None:
    found = _DIMENSION.search(head)
    if not found:
        return None
    return int(found.group(1)) if found.group(1) else 1
