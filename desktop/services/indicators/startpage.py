"""概览's figures and reminders kept under the data stamp, so a start on unchanged data shows them at once.

The start page's two queries (``overview.overview``: the training hours of every teacher
grouped over the cycle; ``reminders.reminders``: certificates, hours and classes of every
unit below) cost 0.3–0.5 s each on a county; the data stamp (``services.core.stamp``)
costs a few counts. Both are kept by ``cache.KeptFiles`` — the store the indicators use —
under the database's identity, the unit, the period and the day they are counted at, with
the stamp taken *before* computing; any write the program makes moves the stamp and the
next call computes again. Files: ``cache_dir()/startpage``; an encrypted database's are
kept in memory only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop.data.engine import Database
from desktop.domain.cycles import Cycle
from desktop.services.core.stamp import data_stamp
from desktop.services.indicators.cache import (
    _INT,
    _NUM,
    _OPT_BOOL,
    _STR,
    KeptFiles,
    database_identity,
)
from desktop.services.indicators.overview import Overview, overview

if TYPE_CHECKING:
    from desktop.services.indicators.reminders import Reminders

# The reminders (and through them the indicator engine) are imported when first asked for: 概览's
# figures, the first thing a start shows, need neither (benchmarks/RESULTS.md, "cold start, third pass").

#: Computations made by ``overview_kept`` and ``reminders_kept`` (tests count them, never time them).
COMPUTATIONS = {"overview": 0, "reminders": 0}


def overview_kept(db: Database, *, period_id: int | None, as_of: date) -> Overview:
    """``overview.overview``, computed only when the data changed since it was last kept."""
    stamp = data_stamp(db)
    key = (database_identity(db), "overview", period_id or 0, as_of.isoformat())
    value = _OVERVIEWS.kept(db, key, stamp)
    if value is None:
        COMPUTATIONS["overview"] += 1
        value = overview(db, period_id=period_id, as_of=as_of)
        _OVERVIEWS.keep(db, key, stamp, value)
    return value


def reminders_kept(db: Database, unit_id: int, period_id: int, *, today: date) -> Reminders:
    """``reminders.reminders`` (the unit's target set's cycle), computed only when the data changed."""
    from desktop.services.indicators.reminders import reminders

    stamp = data_stamp(db)
    key = (database_identity(db), "reminders", unit_id, period_id, today.isoformat())
    value = _REMINDERS.kept(db, key, stamp)
    if value is None:
        COMPUTATIONS["reminders"] += 1
        value = reminders(db, unit_id, period_id, today=today)
        _REMINDERS.keep(db, key, stamp, value)
    return value


# ---------------------------------------------------------------- the files' bodies

def _day(v: Any) -> date:
    return date.fromisoformat(_STR(v))


def _opt_day(v: Any) -> date | None:
    return None if v is None else _day(v)


def _counts(v: Any) -> dict[str, int]:
    if not isinstance(v, dict):
        raise TypeError(v)
    return {_STR(k): _INT(n) for k, n in v.items()}


def _ids(v: Any) -> list[int]:
    return [_INT(i) for i in v]


def _encode_overview(o: Overview) -> list[Any]:
    return [o.as_of.isoformat(), o.active_staff, o.staff_by_category, o.teachers_by_stage, o.certs_overdue,
            o.certs_due_soon, o.behind_on_hours, o.hours_due, o.large_classes, o.huge_classes,
            {s: list(v) for s, v in o.seats_by_stage.items()}, [list(b) for b in o.hours_histogram],
            o.education_by_stage]


def _decode_overview(raw: Any) -> Overview:
    (as_of, active, by_category, by_stage, overdue, soon, behind, hours_due, large, huge, seats, histogram,
     education) = raw
    if not isinstance(seats, dict) or not isinstance(education, dict):
        raise TypeError(raw)
    return Overview(
        as_of=_day(as_of), active_staff=_INT(active), staff_by_category=_counts(by_category),
        teachers_by_stage=_counts(by_stage), certs_overdue=_ids(overdue), certs_due_soon=_ids(soon),
        behind_on_hours=_ids(behind), hours_due=float(_NUM(hours_due)), large_classes=_ids(large),
        huge_classes=_ids(huge), seats_by_stage={_STR(s): (_INT(a), _INT(e)) for s, (a, e) in seats.items()},
        hours_histogram=[(_STR(label), _INT(n)) for label, n in histogram],
        education_by_stage={_STR(s): _counts(c) for s, c in education.items()})


def _encode_reminders(r: Reminders) -> list[Any]:
    d = r.deadline
    return [r.unit_id, r.period_id, r.today.isoformat(),
            [d.due_date.isoformat() if d.due_date else None, d.days_left, d.own_date, d.state,
             d.submitted_at.isoformat() if d.submitted_at else None],
            [r.cycle.start.isoformat(), r.cycle.end.isoformat()], r.cycle_as_of.isoformat(), r.required_hours,
            r.due_by_now, [[i.kind, i.message, i.record_type, i.record_id, i.unit_id] for i in r.items], r.cycle_rule]


def _decode_reminders(raw: Any) -> Reminders:
    from desktop.services.indicators.reminders import Deadline, Reminder, Reminders

    unit_id, period_id, today, (due, days, own, state, submitted), (start, end), as_of, required, need, items, \
        rule = raw
    if days is not None:
        _INT(days)
    deadline = Deadline(_opt_day(due), days, bool(_OPT_BOOL(own)), _STR(state),
                        None if submitted is None else datetime.fromisoformat(_STR(submitted)))
    return Reminders(
        unit_id=_INT(unit_id), period_id=_INT(period_id), today=_day(today), deadline=deadline,
        cycle=Cycle(_day(start), _day(end)), cycle_as_of=_day(as_of), required_hours=float(_NUM(required)),
        due_by_now=float(_NUM(need)),
        items=tuple(Reminder(_STR(k), _STR(m), _STR(t), _INT(rid), _INT(uid)) for k, m, t, rid, uid in items),
        cycle_rule=_STR(rule))


_OVERVIEWS: KeptFiles[Overview] = KeptFiles("startpage", _encode_overview, _decode_overview)
_REMINDERS: KeptFiles[Reminders] = KeptFiles("startpage", _encode_reminders, _decode_reminders)
