"""Read PDFs back in the tests with pypdfium2 (PDFium, Chrome's reader), on every platform.

The tests used poppler's command-line tools, which Windows does not have. This gives
what the tests relied on from them: the text of each page laid out in lines as printed
(``pdftotext -layout``: a table row is one line, cells apart), the page count
(``pdfinfo``) and the fonts text is drawn with, and whether each is embedded (``pdffonts``).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass(frozen=True)
class _Char:
    text: str
    x: float  # origin (left) and right edge, in points
    right: float
    y: float  # baseline
    size: float  # font size


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    out: list[_Char] = []
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue  # spaces and line breaks PDFium invents; the layout below makes its own
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0x0D, 0x0A, 0x02, 0xFFFE):
            continue
        raw.FPDFText_GetLooseCharBox(textpage.raw, i, box)  # the advance, not the ink: "：" is narrow ink
        raw.FPDFText_GetCharOrigin(textpage.raw, i, ox, oy)
        size = raw.FPDFText_GetFontSize(textpage.raw, i) or 10.0
        out.append(_Char(chr(code), ox.value, max(box.right, ox.value), oy.value, size))
    return out


def _lines(chars: list[_Char]) -> list[str]:
    """Characters on one baseline (within half a font size) form a line, read left to right;
    a gap wider than a third of the font size between two characters becomes one space."""
    rows: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: -c.y):
        if rows and abs(rows[-1][0].y - ch.y) <= rows[-1][0].size / 2:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines: list[str] = []
    for row in rows:
        row.sort(key=lambda c: c.x)
        text = ""
        prev: _Char | None = None
        for ch in row:
            gap = ch.x - prev.right if prev is not None else 0.0
            if prev is not None and gap > ch.size / 3 and not text.endswith(" ") and not ch.text.isspace():
                text += " "
            text += ch.text
            prev = ch
        lines.append(text.rstrip())
    return lines


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, in printed lines (as ``pdftotext -layout`` gives it)."""
    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append("\n".join(_lines(_chars(textpage))))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def pdf_text(path: Path) -> str:
    """All pages, separated by form feeds."""
    return "\f".join(pdf_pages(path))


def pdf_page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


@dataclass(frozen=True)
class PdfFont:
    name: str  # base font name, with a subset prefix (ABCDEF+) when subset
    embedded: bool


def _font(obj: pdfium.PdfObject) -> PdfFont:
    font = raw.FPDFTextObj_GetFont(obj.raw)
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buf, size)
    return PdfFont(buf.value.decode("utf-8", "replace"), raw.FPDFFont_GetIsEmbedded(font) == 1)


def pdf_fonts(path: Path) -> list[PdfFont]:
    """Every font text is drawn with on any page (also inside form XObjects), once each."""
    pdf = pdfium.PdfDocument(path)
    try:
        found: dict[PdfFont, None] = {}
        for page in pdf:
            for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,), max_depth=5):
                found[_font(obj)] = None
            page.close()
        return list(found)
    finally:
        pdf.close()
