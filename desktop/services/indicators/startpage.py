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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.data.engine import Database
from desktop.domain.cycles import Cycle
from desktop.services.core.stamp import data_stamp
from desktop.services.indicators.cache import KeptFiles, database_identity
from desktop.services.indicators.figures import INT as _INT
from desktop.services.indicators.figures import NUM as _NUM
from desktop.services.indicators.figures import OPT_BOOL as _OPT_BOOL
from desktop.services.indicators.figures import STR as _STR
from desktop.services.indicators.figures import day, decode_overview, encode_overview
from desktop.services.indicators.overview import Overview, overview

if TYPE_CHECKING:
    from desktop.services.indicators.reminders import Reminders

# The reminders (and through them the indicator engine) are imported when first asked for: 概览's
# figures, the first thing a start shows, need neither (benchmarks/RESULTS.md, "cold start, third pass").

#: Computations made by ``overview_kept`` and ``reminders_kept`` (tests count them, never time them).
COMPUTATIONS = {"overview": 0, "reminders": 0}


def overview_kept(db: Database, *, period_id: int | None, as_of: date, home_unit_id: int | None = None,
                  stamp: str | None = None) -> Overview:
    """``overview.overview``, computed only when the data changed since it was last kept.

    ``home_unit_id``: the figures are shown for the home unit: they are also kept for the
    next start's first paint (``remember_start``). ``stamp``: the data stamp, when just taken."""
    stamp = data_stamp(db) if stamp is None else stamp
    key = (database_identity(db), "overview", period_id or 0, as_of.isoformat())
    value = _OVERVIEWS.kept(db, key, stamp)
    if value is None:
        COMPUTATIONS["overview"] += 1
        value = overview(db, period_id=period_id, as_of=as_of)
        _OVERVIEWS.keep(db, key, stamp, value)
    if home_unit_id is not None and period_id is not None:
        remember_start(db, unit_id=home_unit_id, period_id=period_id, as_of=as_of, stamp=stamp, value=value)
    return value


def remember_start(db: Database, *, unit_id: int, period_id: int, as_of: date, stamp: str, value: Overview) -> None:
    """Keep ``value`` (概览 at ``stamp``) as the next start's first view (``early``), when that start
    would show exactly it: a plain, unencrypted file; the home unit; the newest period, counted at its
    统计时点; no login asked (the window opens without one). Anything else keeps no start file."""
    from desktop.services.core.users import start_actor
    from desktop.services.indicators import early
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    if db.path is None or db.key is not None or early.kept_stamp(Path(db.path)) == stamp:
        return
    home, latest = home_unit(db), latest_period(db)
    if (home is None or home.id != unit_id or latest is None or latest.id != period_id
            or latest.census_date != as_of or start_actor(db) is None):
        return
    early.write_early(Path(db.path), stamp=stamp, unit_id=home.id, unit_name=home.name, period_id=latest.id,
                      school_year=latest.school_year, census_date=latest.census_date, overview=value)


def keep_start(db: Database, *, seconds: float) -> bool:
    """At a normal close: the start file made to match the data the program leaves behind, so the
    next start paints 概览 at once after the clerk's own changes too (``early``, issue 24's fifth pass).

    Only for a database that may have one (``remember_start``'s conditions: a plain local writable
    file, not encrypted, no login asked); 概览 of the home unit in its newest period is computed
    (or taken as kept) only when the start file's stamp is not the data's. The stamp is taken
    before the figures, so a change made meanwhile (a SQL tool) leaves a file the next start
    refuses. Statements still running after ``seconds`` are interrupted; any failure gives up
    (False) and leaves the start file as it was: kept at another stamp, it is not used.
    True when the start file now matches the data."""
    from desktop.services.core.users import start_actor
    from desktop.services.indicators import early
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    path = db.path
    try:
        if path is None or db.key is not None or not early.may_start_early(Path(path)):
            return False
        with db.time_limit(seconds):
            stamp = data_stamp(db)
            if early.kept_stamp(Path(path)) == stamp:
                return True
            home, latest = home_unit(db), latest_period(db)
            if home is None or latest is None or start_actor(db) is None:
                return False
            overview_kept(db, period_id=latest.id, as_of=latest.census_date, home_unit_id=home.id, stamp=stamp)
        return early.kept_stamp(Path(path)) == stamp
    except Exception:  # interrupted, or anything else: the next start computes 概览 as before
        return False


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

def _optday(v: Any) -> date | None:
    return None if v is None else day(v)


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
    deadline = Deadline(_optday(due), days, bool(_OPT_BOOL(own)), _STR(state),
                        None if submitted is None else datetime.fromisoformat(_STR(submitted)))
    return Reminders(
        unit_id=_INT(unit_id), period_id=_INT(period_id), today=day(today), deadline=deadline,
        cycle=Cycle(day(start), day(end)), cycle_as_of=day(as_of), required_hours=float(_NUM(required)),
        due_by_now=float(_NUM(need)),
        items=tuple(Reminder(_STR(k), _STR(m), _STR(t), _INT(rid), _INT(uid)) for k, m, t, rid, uid in items),
        cycle_rule=_STR(rule))


_OVERVIEWS: KeptFiles[Overview] = KeptFiles("startpage", encode_overview, decode_overview)
_REMINDERS: KeptFiles[Reminders] = KeptFiles("startpage", _encode_reminders, _decode_reminders)
