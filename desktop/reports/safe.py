"""Make text safe for a spreadsheet cell: no formula can ever come out of an export.

Text starting with = + - @ or a tab / CR / LF is what Excel, LibreOffice and
WPS may treat as a formula (CSV/formula injection); such text gets a leading
apostrophe, so it stays visible and inert. Control characters that XML cannot
carry are dropped instead of failing the whole export.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """Drop the control characters XML cannot carry."""
    return _ILLEGAL.sub("", text)


def header_footer_text(text: str) -> str:
    """Text for an Excel page header/footer, where & starts a field code (&P, &N …)."""
    return clean(text).replace("&", "&&")


# One search tells whether a text needs any work at all: almost none does, and the
# roster sends ~100,000 texts through here.
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|^[=+\-@\t\r\n]")


def neutralise(text: str) -> str:
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _ILLEGAL.sub("", text)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
