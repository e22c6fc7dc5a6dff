"""PDF page geometry and text metrics: the bundled Chinese font, widths, wrapping, fitting.

Shared by the table layout (``pdf.py``) and the page furniture (``pdf_furniture.py``).
Widths come from the font's own metrics, cached per character: Chinese text wraps
anywhere, so wrapping is greedy by character.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resources_dir

FONT = "WenQuanYiZenHei"
PAGE_W, PAGE_H = landscape(A4)
MARGIN_X, MARGIN_TOP, BOTTOM_BAND = 28.0, 24.0, 62.0
TABLE_W = PAGE_W - 2 * MARGIN_X
ROW_H, BODY_SIZE = 12.0, 7.5
CODE_ROW_H = 11.0
LINE_H = 8.5  # each extra text line of a multi-line row
QR_SIZE = 50.0
FOOTER_H = 118.0  # signature block and seal area (plus notes, measured per return)


@cache
def register_font() -> str:
    """Register the bundled TrueType font once per process; reportlab subsets it on save."""
    path = resources_dir() / "fonts" / "WenQuanYiZenHei.ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


@cache
def _char_width(ch: str) -> float:
    return float(pdfmetrics.stringWidth(ch, FONT, 1.0))


def text_width(text: str, size: float) -> float:
    return sum(_char_width(c) for c in text) * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy wrap by characters (Chinese breaks anywhere); keeps explicit newlines."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, w = "", 0.0
        for ch in para:
            cw = _char_width(ch) * size
            if line and w + cw > width:
                lines.append(line)
                line, w = "", 0.0
            line += ch
            w += cw
        lines.append(line)
    return lines


def fit_size(text: str, size: float, width: float, minimum: float = 4.0) -> float:
    # Cheap upper bound first: no glyph of this font is wider than 1 em.
    if len(text) * size <= width:
        return size
    w = text_width(text, size)
    return size if w <= width else max(minimum, size * width / w)


def fit_lines(text: str, size: float, width: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to 4 pt) at which ``text`` wraps into at most ``max_lines`` lines."""
    while True:
        lines = wrap(text, size, width)
        if len(lines) <= max_lines or size <= 4.0:
            return size, lines[:max_lines]
        size -= 0.5


def ascii_digits(text: str) -> bool:
    return all(ch in "0123456789.-" for ch in text)
