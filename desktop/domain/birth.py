"""A birth date as a roster gives it, checked against the date in the resident ID.

Rosters often have a 出生年月 column holding only a year and month ("1980.03",
"1990年7月"). Such a value says nothing about the day, so it is compared with the
ID's birth date by year and month only. Any disagreement is a warning naming both
values, never a rejection (domain-notes §7.2): the ID is the authority, its date is
what is stored, and the clerk is told so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class YearMonth:
    """A year and month with no day, as typed in a 出生年月 cell."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month, 1)


BirthValue = date | YearMonth


def reconcile_birth(typed: BirthValue | None, from_id: date | None) -> tuple[date | None, str | None]:
    """(the birth date to store, a warning or None).

    With an ID date, the ID's date is stored; a typed value that disagrees with it
    (by year and month for a year-month, by the whole date otherwise) gives a warning
    that names both. Without one, a year-month is kept as the 1st of its month.
    """
    if from_id is None:
        if isinstance(typed, YearMonth):
            return typed.first_day(), None
        return typed, None
    if typed is None:
        return from_id, None
    if isinstance(typed, YearMonth):
        if (typed.year, typed.month) == (from_id.year, from_id.month):
            return from_id, None
        return from_id, (f"出生年月 {typed} 与身份证号中的出生日期 {from_id:%Y-%m-%d} 不一致，"
                         f"已按身份证号记为 {from_id:%Y-%m-%d}；请核对。")
    if typed == from_id:
        return from_id, None
    return from_id, (f"出生日期 {typed:%Y-%m-%d} 与身份证号中的出生日期 {from_id:%Y-%m-%d} 不一致，"
                     f"已按身份证号记为 {from_id:%Y-%m-%d}；请核对。")
