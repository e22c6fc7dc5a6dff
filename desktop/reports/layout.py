"""Geometry shared by the Excel and PDF renderers: the multi-level header as merged boxes.

Both renderers draw the same boxes from the same definition, so a header can
never differ between the two files.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.reports.definition import Variant

LABEL_CODE = "甲"
ROW_CODE = "乙"


@dataclass(frozen=True, slots=True)
class HeaderBox:  # one (possibly merged) header cell, zero-based, inclusive
    text: str
    row0: int
    col0: int
    row1: int
    col1: int

    @property
    def merged(self) -> bool:
        return self.row0 != self.row1 or self.col0 != self.col1


def header_boxes(variant: Variant) -> list[HeaderBox]:
    """Boxes of the header block; column 0 is 甲 (label), 1 is 乙 (code), data from 2."""
    depth = variant.header_depth
    boxes = [
        HeaderBox(variant.label_header, 0, 0, depth - 1, 0),
        HeaderBox(variant.code_header, 0, 1, depth - 1, 1),
    ]
    cols = variant.columns
    for level in range(depth):
        j = 0
        while j < len(cols):
            path = cols[j].header
            if level >= len(path):
                j += 1
                continue
            prefix = path[: level + 1]
            k = j
            while k + 1 < len(cols) and cols[k + 1].header[: level + 1] == prefix and len(prefix) < len(path):
                k += 1
            is_leaf = len(path) == level + 1
            if is_leaf:
                boxes.append(HeaderBox(path[level], level, j + 2, depth - 1, j + 2))
            else:
                boxes.append(HeaderBox(path[level], level, j + 2, level, k + 2))
            j = k + 1
    return boxes


def column_codes(variant: Variant) -> list[str]:
    """The 甲/乙/1..N row printed under the header."""
    return [LABEL_CODE, ROW_CODE, *(str(i) for i in range(1, len(variant.columns) + 1))]


def column_widths(variant: Variant) -> list[float]:
    return [variant.label_width, variant.code_width, *(c.width for c in variant.columns)]
