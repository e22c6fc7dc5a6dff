"""The 定期注册 state of a teacher certificate on a day: one rule for 概览's cards and the 资格证书 list.

A card on 概览 said 335 certificates were due within six months while the list it opened
showed 338: the card counted six calendar months, the list 183 days. Both now ask this
module, with the same rows (``services.records.tables.credential_rows``).
"""

from __future__ import annotations

from datetime import date

DUE_SOON_MONTHS = 6
OVERDUE, DUE_SOON, NO_RECORD, CURRENT, REVOKED = "overdue", "due_soon", "no_record", "current", "revoked"


def due_soon_limit(as_of: date) -> date:
    """The last day counted as 半年内到期: six calendar months on (the 28th when the month is shorter)."""
    month = as_of.month - 1 + DUE_SOON_MONTHS
    year, month = as_of.year + month // 12, month % 12 + 1
    try:
        return as_of.replace(year=year, month=month)
    except ValueError:
        return as_of.replace(year=year, month=month, day=28)


def registration_state(*, teacher: bool, revoked: bool, next_due: date | None, as_of: date) -> str | None:
    """``OVERDUE``, ``DUE_SOON``, ``NO_RECORD``, ``CURRENT``, ``REVOKED``; None for a certificate
    that needs no 定期注册 (not a teacher certificate)."""
    if revoked:
        return REVOKED
    if not teacher:
        return None
    if next_due is None:
        return NO_RECORD
    if next_due < as_of:
        return OVERDUE
    if next_due <= due_soon_limit(as_of):
        return DUE_SOON
    return CURRENT
