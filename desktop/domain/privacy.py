"""Masking personal data inside free text (reasons, comments, error messages).

Fields that hold an ID number are masked by ``idcard.mask_id``; this module
catches numbers that turn up elsewhere — typed into a reason, quoted in an
error message — with the same ``前6后4`` pattern, so one masking rule holds
everywhere (different patterns in different places would let someone put the
full number back together).
"""

from __future__ import annotations

import re

from desktop.domain.idcard import mask_id

# 18-character resident IDs (last may be X) and old 15-digit ones, not inside a longer digit run.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def mask_ids_in_text(text: str) -> str:
    """``text`` with every resident ID number in it masked."""
    return _ID_IN_TEXT.sub(lambda m: mask_id(m.group(1)), text)
