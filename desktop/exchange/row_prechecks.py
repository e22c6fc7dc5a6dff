"""Fast paths of ``row_checks``: the same conditions on plain values, each distinct value looked at once.

A county's packages carry 800,000 training records and the text of each row;
the checks of ``row_checks._problem`` would look at every value of every row.
These functions decide the common case — nothing wrong — with set and
dictionary look-ups for the values they have already seen; whenever they are not
sure they return False and the row goes through the full checks, which give the
message. They never accept a row the full checks would refuse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from desktop.domain.codes import TrainingCategory, TrainingLevel, TrainingMode, TrainingTopic
from desktop.domain.textpolicy import FORMULA_START, HIDDEN
from desktop.domain.validate import MAX_TRAINING_HOURS
from desktop.exchange.tables import BY_NAME

MAX_TEXT = 4000  # characters in any one value; the longest free-text field (备注) allows 2,000
_MAX_REMEMBERED = 200_000  # distinct values remembered per kind; the memory is emptied when full
_SCALARS = frozenset({str, int, float, bool, type(None)})
_STARTS = frozenset(FORMULA_START)
# Identifiers the program generates (hex digests), never text a person typed or reads (as in row_checks).
_PLAIN = frozenset({"uid", "staff_uid", "credential_uid", "rolled_from_uid", "record_key"})
_TEXT_COLUMNS = {spec.name: tuple(i for i, c in enumerate(spec.columns) if c not in _PLAIN) for spec in BY_NAME.values()}


#: Values already found harmless: texts found unsuspicious, finite numbers, None and booleans (a county's
#: packages repeat the same titles, organisers, codes, dates and hours). Only hashable scalars go in, and a
#: value equal to one of them is harmless too: a number equals only numbers, a text only texts.
_CLEAN: set[Any] = set()
_PICKS = {name: (itemgetter(*cols) if len(cols) > 1 else (lambda row, i=cols[0]: (row[i],)) if cols else
                 (lambda row: ()))
          for name, cols in _TEXT_COLUMNS.items()}
_IDS = {spec.name: tuple(i for i, c in enumerate(spec.columns) if c in _PLAIN) for spec in BY_NAME.values()}


def plain_row(table: str, row: Sequence[Any]) -> bool:
    """True when every value is a scalar, every number finite and every text value unsuspicious.

    The same conditions as the checks that follow it in ``_problem``, value by
    value, and each distinct value is looked at once: a row whose values were
    all seen before costs one set comparison (``issuperset``, in C), which is
    what nearly every training row of a county's package is. Rows come from
    JSON, so every value is a ``str``, ``int``, ``float``, ``bool``, ``None``, a
    list or a dict; a list or dict makes the comparison raise ``TypeError`` and
    the row is looked at value by value. False sends the row through the
    checks that give the message.
    """
    for i in _IDS[table]:  # generated identifiers: any scalar, never remembered (each is new)
        t = type(row[i])
        if t not in _SCALARS or (t is float and not math.isfinite(row[i])):
            return False
    values = _PICKS[table](row)
    clean = _CLEAN
    try:
        if clean.issuperset(values):
            return True
    except TypeError:  # a list or a dict among the values
        return False
    for v in values:
        if v in clean:
            continue
        t = type(v)
        if t is str:
            first = v[:1]
            if len(v) > MAX_TEXT or first in _STARTS or first.isspace() or (not v.isprintable() and HIDDEN.search(v)):
                return False
        elif t is float:
            if not math.isfinite(v):
                return False
        elif t not in _SCALARS:
            return False
        if len(clean) >= _MAX_REMEMBERED:
            clean.clear()
        clean.add(v)
    return True


_LEVELS = frozenset(m.value for m in TrainingLevel)
_MODES = frozenset(m.value for m in TrainingMode)
_CATEGORIES = frozenset(m.value for m in TrainingCategory)
_TOPICS = frozenset(m.value for m in TrainingTopic)


def training_surely_valid(row: Sequence[Any]) -> bool:
    """True only when ``validate_training`` would find no error in this training row (checked without it).

    The same conditions as the validator's errors, on plain values: 800,000
    records a county receives would otherwise cost a minute of validation. Each
    distinct value is looked at once: the course's description (title,
    organiser, codes, topics) repeats for every teacher on it and each date
    string for every course that day, so their verdicts are remembered; hours
    and the certificate and verification fields are checked on every row. Any
    doubt returns False, and the row then goes through the domain validators,
    which give the message.
    """
    (_uid, _staff, title, organiser, start, end, level, mode, category, topics, hours, cert, by, at, _src) = row
    if not ((cert is None or type(cert) is str) and (by is None or type(by) is str)
            and (at is None or type(at) is str)
            and type(hours) in (int, float) and 0 < hours <= MAX_TRAINING_HOURS and float(hours * 2).is_integer()):
        return False
    try:
        course = (title, organiser, level, mode, category, topics)
        known = _COURSES.get(course)
    except TypeError:  # an unhashable value: the validators refuse it
        return False
    if known is None:
        known = _course_valid(*course)
        if len(_COURSES) >= _MAX_REMEMBERED:
            _COURSES.clear()
        _COURSES[course] = known
    first, last = _iso_date(start), _iso_date(end)
    if not known or first is None or last is None or first > last:
        return False
    if at is None:
        return True
    try:
        return bool(datetime.fromisoformat(at))
    except ValueError:
        return False


_COURSES: dict[tuple[Any, ...], bool] = {}
_DATES: dict[str, date | None] = {}


def _iso_date(value: Any) -> date | None:
    """``date.fromisoformat(value)`` remembered per distinct string; None for anything that is not one."""
    if type(value) is not str:
        return None
    if value in _DATES:
        return _DATES[value]
    try:
        parsed: date | None = date.fromisoformat(value)
    except ValueError:
        parsed = None
    if len(_DATES) >= _MAX_REMEMBERED:
        _DATES.clear()
    _DATES[value] = parsed
    return parsed


def _course_valid(title: Any, organiser: Any, level: Any, mode: Any, category: Any, topics: Any) -> bool:
    """The course description part of ``_training_surely_valid``: True only when no validator error comes from it."""
    return (isinstance(title, str) and 0 < len(title.strip()) <= 200
            and (organiser is None or (isinstance(organiser, str) and len(organiser.strip()) <= 100))
            and level in _LEVELS and mode in _MODES and category in _CATEGORIES
            and isinstance(topics, str) and all(t in _TOPICS for t in topics.split(";") if t))
