"""Where a number becomes text: half-up rounding (四舍五入) through ``Decimal``, never scientific notation.

Chinese statistical forms round half up: 5/16 = 31.25 % prints as 31.3 %, where
Python's ``round`` and ``format`` round half to even (and work on the binary value)
and print 31.2. Counts are whole numbers and print without decimals; sums of hours
print every digit (3721632, not 3.72163e+06). Every return cell, message and
summary that shows a computed number goes through this module, so the Excel, the
PDF, the fingerprint and the screen say the same thing.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

Number = int | float | Decimal


def _decimal(value: Number) -> Decimal:
    # repr gives the shortest text that reads back as the same float: 0.1 + 0.2 → 0.30000000000000004,
    # 31.25 → 31.25; Decimal(float) would expose the binary expansion instead.
    return value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)


def half_up(value: Number, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals."""
    return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded(value: Number, places: int) -> float:
    """``value`` rounded half up, as a float (for values that are compared before they are printed)."""
    return float(half_up(value, places))


def percent(numerator: Number, denominator: Number, places: int = 1) -> float | None:
    """100 × numerator ÷ denominator rounded half up, computed in decimal arithmetic; None when ÷ 0."""
    if not denominator:
        return None
    exact = _decimal(numerator) * 100 / _decimal(denominator)
    return float(half_up(exact, places))


def fixed(value: Number, places: int) -> str:
    """Text with exactly ``places`` decimals, half up: fixed(31.25, 1) == '31.3'."""
    return format(half_up(value, places), "f")


def count_text(value: Number) -> str:
    """A count as a whole number: 2.0 → '2'."""
    return format(half_up(value, 0), "f")


@lru_cache(maxsize=4096)  # pure in the value: a city's 50,000 drill-down texts repeat a few hundred hours
def amount(value: Number, places: int = 1) -> str:
    """An amount (学时, 学位 …): at most ``places`` decimals, no trailing zeros, every digit kept.

    amount(3721632.0) == '3721632', amount(16.5) == '16.5', amount(2.25) == '2.3'."""
    text = format(half_up(value, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
