"""Each person's training hours in the indicators' windows: summed by the database, kept between computations.

One grouped query sums the hours of every person in scope over every window an indicator
needs (the cycle, 信息技术 topic, 面授 and 网络研修 modes, the county-high window, the last
year). On a city that is 4.8 million rows and 60–70 % of the indicators' time (issue 24).

On SQLite the sums are kept per person and window set in ``training_sums`` (``data.kept_sums``:
any write to a person's training deletes theirs). A computation reads the kept sums and sums
only the people without them (by person through the index, or one scan when most are
missing). Theirs are written when the caller's session commits (``_write_kept``, a
``before_commit`` hook), in the same transaction as the reads, so

- a sum is never older than the rows it was taken from: SQLite refuses the write
  (``SQLITE_BUSY_SNAPSHOT``) when anyone committed since the read began, and then nothing
  is kept;
- a long reader (an export) does not hold the write lock while it works, only for the
  insert at its end; and it does not wait for another writer: the write is tried once.

After one teacher's edit a city sums one person; after a county's package, that county.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, event, func, literal, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.data import kept_sums
from desktop.data.engine import BUSY_TIMEOUT_MS
from desktop.data.models import KeptTrainingSums, Staff, TrainingRecord
from desktop.data.queries import as_stored, in_post_on
from desktop.domain.codes import TrainingMode, TrainingTopic
from desktop.domain.indicators import TrainingSums
from desktop.domain.indicators.training import windows
from desktop.domain.targetset import TargetSetSpec

FACE_TO_FACE = tuple(m.value for m in TrainingMode if m.is_face_to_face)
_IT = TrainingTopic.IT.value
# topics holds ';'-joined codes. A plain LIKE '%it%' is a third cheaper than matching
# ';it;' inside ';'||topics||';', and exact as long as no other code contains "it".
IT_TAGGED = (TrainingRecord.topics.like(f"%{_IT}%")
             if not any(_IT in m.value for m in TrainingTopic if m.value != _IT)
             else (literal(";") + TrainingRecord.topics + literal(";")).like(f"%;{_IT};%"))

#: Part of every window key: raise it when what a sum counts changes (modes, topics, the hours filter),
#: so sums kept by an earlier version are never read as this version's.
SUMS_VERSION = 1
FIELDS = ("cycle", "it", "face_to_face", "online", "county_high", "last_year")  # TrainingSums order
_CHUNK = 900  # ids per IN list (SQLite's old limit of 999 variables)
_SCAN_SHARE = 4  # more than 1 in 4 people without kept sums: one scan beats seeking them one by one
_KEYS_KEPT = 8  # window sets kept at once (units × periods × target sets in use); more empties the table
SUMMED = [0]  # how many people's sums were taken from the training rows (the tests count, never time)


def chunks(ids: Sequence[int], size: int = _CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def people_in_post(unit_ids: list[int], census: date) -> Any:
    return select(Staff.id).where(Staff.unit_id.in_(unit_ids), in_post_on(census))


class _Sums:
    """The grouped statement for one window set, and the key its sums are kept under."""

    def __init__(self, spec: TargetSetSpec, as_of: date, *, county_high: bool, researchers: bool) -> None:
        self.w = w = windows(spec, as_of)
        self.three = bool(spec.setting("three_zone").get("applies"))
        self.county_high, self.researchers = county_high, researchers
        text = "|".join(str(v) for v in (SUMS_VERSION, w.as_of, w.earliest, w.cycle_start, w.it_start,
                                         w.three_zone_start, w.county_high_start, w.year_start,
                                         self.three, county_high, researchers))
        self.key = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)

    def statement(self, *, seek: bool) -> Any:
        """Hours per person in every window, one pass; ``seek``: filtered by person, keep the index's column."""
        w, t = self.w, TrainingRecord
        end = as_stored(t.end_date)  # compared without SQLite's per-row affinity conversion (plain_value)

        def total(*conds: Any) -> Any:
            # The cheap, selective test first; no ELSE (NULL is skipped by SUM).
            return func.coalesce(func.sum(case((and_(*conds), t.hours))), 0.0)

        wanted: dict[str, Any] = {
            # The WHERE already starts at the earliest window, usually the cycle start.
            "cycle": (func.coalesce(func.sum(t.hours), 0.0) if w.cycle_start <= w.earliest
                      else total(end >= w.cycle_start)),
            "it": total(end > w.it_start, IT_TAGGED),  # the LIKE only on rows in the window
        }
        if self.three:
            wanted["face_to_face"] = total(t.mode.in_(FACE_TO_FACE), end > w.three_zone_start)
            wanted["online"] = total(t.mode == TrainingMode.ONLINE.value, end > w.three_zone_start)
        if self.county_high:
            wanted["county_high"] = total(end > w.county_high_start)
        if self.researchers:
            wanted["last_year"] = total(end > w.year_start)
        # Every field in TrainingSums order (an unneeded sum is a constant 0), so a row builds it positionally.
        columns = [wanted.get(n, literal(0.0)) for n in FIELDS]
        # Filtered by person, the index (staff_id, end_date, …) seeks the date range: keep the column there.
        bounded = t.end_date if seek else end
        return (select(t.staff_id, *columns)
                .where(bounded >= w.earliest, bounded <= w.as_of, t.hours > 0)
                .group_by(t.staff_id))


def training_sums(session: Session, unit_ids: list[int], spec: TargetSetSpec, as_of: date, *,
                  whole_database: bool = False, county_high: bool = True,
                  researchers: bool = True) -> list[TrainingSums]:
    """Hours per person in every window, for the people in post in ``unit_ids`` (everyone: ``whole_database``).

    Only the people with hours in the windows are returned, in staff id order. The sums summed
    here are kept when the session commits (SQLite).
    """
    sums = _Sums(spec, as_of, county_high=county_high, researchers=researchers)
    conn = session.connection()
    if not kept_sums.in_use(conn):
        scanned = _scan(conn, sums, unit_ids, as_of, whole_database)
        SUMMED[0] += len(scanned)
        return sorted(scanned, key=lambda s: s.staff_id)
    found: dict[int, TrainingSums | None] = {}  # staff id → kept sums (None: no hours in the windows)
    scope: list[int] = []
    parts = [None] if whole_database else list(chunks(unit_ids))
    k = KeptTrainingSums
    cols = [k.staff_id, k.present, *(getattr(k, n) for n in FIELDS)]
    for part in parts:
        people = select(Staff.id) if part is None else people_in_post(part, as_of)
        kept = select(*cols).where(k.window_key == sums.key)
        kept = kept if part is None else kept.where(k.staff_id.in_(people))
        for sid, present, *values in conn.execute(kept).fetchall():
            found[sid] = TrainingSums(sid, *values) if present else None
        scope += [r[0] for r in conn.execute(people).fetchall()]
    missing = [sid for sid in scope if sid not in found]
    SUMMED[0] += len(missing)
    if missing:
        computed = {s.staff_id: s for s in _missing(conn, sums, missing, unit_ids, as_of, whole_database, len(scope))}
        fresh = {sid: computed.get(sid) for sid in missing}
        found.update(fresh)
        session.info.setdefault(_PENDING, []).append((sums.key, fresh))
    return [found[sid] for sid in sorted(found) if found[sid] is not None]  # type: ignore[misc]


def _scan(conn: Connection, sums: _Sums, unit_ids: list[int], as_of: date, whole_database: bool) -> list[TrainingSums]:
    if whole_database:
        return [TrainingSums(*r) for r in conn.execute(sums.statement(seek=False)).fetchall()]
    stmt = sums.statement(seek=True)
    out: list[TrainingSums] = []
    for part in chunks(unit_ids):
        # SUM of REAL hours is a float already (COALESCE's 0.0 too): no per-value conversion.
        out += [TrainingSums(*r) for r in conn.execute(stmt.where(TrainingRecord.staff_id.in_(
            people_in_post(part, as_of)))).fetchall()]
    return out


def _missing(conn: Connection, sums: _Sums, missing: list[int], unit_ids: list[int], as_of: date,
             whole_database: bool, in_scope: int) -> list[TrainingSums]:
    """The sums of the people without kept ones: the whole scan when they are many, else by person."""
    if len(missing) * _SCAN_SHARE > in_scope:
        return _scan(conn, sums, unit_ids, as_of, whole_database)
    stmt = sums.statement(seek=True)
    out: list[TrainingSums] = []
    for ids in chunks(missing):
        out += [TrainingSums(*r) for r in conn.execute(stmt.where(TrainingRecord.staff_id.in_(ids))).fetchall()]
    return out


_PENDING = "training_sums.pending"


@event.listens_for(Session, "before_commit")
def _write_kept(session: Session) -> None:
    """Write the sums a session summed, just before it commits (see the module's docstring)."""
    pending = session.info.pop(_PENDING, None)
    if pending:
        for key, fresh in pending:
            _keep(session.connection(), key, fresh)


def _keep(conn: Connection, key: int, fresh: dict[int, TrainingSums | None]) -> None:
    """Write the sums just computed; if SQLite refuses (someone wrote meanwhile, a read-only file), keep nothing."""
    zero = (0.0,) * len(FIELDS)
    rows = [(sid, key, s is not None, *(zero if s is None else (s.cycle, s.it, s.face_to_face, s.online,
                                                                  s.county_high, s.last_year)))
            for sid, s in fresh.items()]
    conn.exec_driver_sql("PRAGMA busy_timeout = 0")  # opportunistic: never wait for another writer
    try:
        with conn.begin_nested():
            others = conn.exec_driver_sql("SELECT COUNT(DISTINCT window_key) FROM training_sums WHERE window_key <> ?",
                                          (key,)).scalar_one()
            if others >= _KEYS_KEPT:
                conn.exec_driver_sql("DELETE FROM training_sums WHERE window_key <> ?", (key,))
            conn.exec_driver_sql(
                f"INSERT OR REPLACE INTO training_sums (staff_id, window_key, present, {', '.join(FIELDS)}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    except OperationalError:
        pass  # SQLITE_BUSY_SNAPSHOT, locked or read-only: the sums are right, only not kept
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
