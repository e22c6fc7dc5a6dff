"""Writing one verified package into the office database (inside the caller's transaction).

The package replaces everything the database held for its units: the earlier
package's staff, certificates, training, classes and seats of those units go,
the new rows come in by bulk insert (``data.bulk.insert_rows``, tuples, never
ORM objects per row). A person keeps their database id across resubmissions
(matched by ``uid``), so findings and links that name the id stay valid.
Rows refer to each other by uid/code; ids are assigned here before inserting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from desktop.data import kept_sums
from desktop.data.base import utcnow
from desktop.data.bulk import insert_rows, next_id, sync_sequence
from desktop.data.models import (
    Appraisal,
    Credential,
    EthicsRecord,
    Explanation,
    Movement,
    Registration,
    SchoolClass,
    SeatAddition,
    SeatTask,
    Staff,
    StaffCourse,
    StageCapacity,
    StoredFinding,
    TrainingRecord,
    Unit,
)
from desktop.domain.codes import WorkflowState
from desktop.exchange import tables as T
from desktop.exchange.staging import StagedMember
from desktop.exchange.tables import member_name
from desktop.exchange.verify import PackageError, PackageReader, check_count
from desktop.services.packages.staged_server import copy_staged
from desktop.services.records.staff import digest_key, id_digest
from desktop.services.year.periods import ensure_unit_periods

_UNIT_FIELDS = T.UNITS.columns[1:]
# On PostgreSQL the rows go in COPY's binary format (data.bulk); SQLite ignores the flag.
_insert = partial(insert_rows, binary=True)


@dataclass
class Applied:
    unit_ids: dict[str, int]  # code → id of every unit the package carried
    new_units: list[str] = field(default_factory=list)  # codes the office did not know before
    counts: dict[str, int] = field(default_factory=dict)


def _bad(table: str, what: str) -> PackageError:
    return PackageError("bad_member", f"数据包中的{T.BY_NAME[table].label}{what}，数据不完整或被改动过。请让报送单位重新导出。")


def _upsert_units(session: Session, reader: PackageReader, home_id: int) -> Applied:
    rows = list(reader.rows("units"))
    top = reader.manifest.unit_code
    if not rows or rows[0][0] != top:
        raise _bad("units", "缺少报送单位本身")
    codes = [r[0] for r in rows]
    existing = {u.code: u for u in session.scalars(select(Unit).where(Unit.code.in_(codes)))}
    applied = Applied(unit_ids={})
    for row in rows:
        values = dict(zip(_UNIT_FIELDS, row[1:], strict=True))
        code = row[0]
        parent_code = values.get("parent_code")
        unit = existing.get(code)
        if code == top:
            # The sender stays where this office put it: its package does not move it (exchange.scope).
            parent_id = unit.parent_id if unit is not None else home_id
            if unit is not None:
                values["parent_code"], values["kind"] = unit.parent_code, unit.kind
        else:
            parent_id = applied.unit_ids.get(parent_code or "")
            if parent_id is None:
                raise _bad("units", f"中的单位 {code} 不在报送单位之下")
        values["closed_on"] = _date(values["closed_on"])
        if unit is not None and unit.is_home:
            raise PackageError("own_package", f"数据包中包含本单位（{code}）自己的数据，不能导入。")
        if unit is None:
            unit = Unit(code=code, is_home=False, parent_id=parent_id, **values)
            session.add(unit)
            applied.new_units.append(code)
        else:
            for key, value in values.items():
                if getattr(unit, key) != value:
                    setattr(unit, key, value)
            if unit.parent_id != parent_id:
                unit.parent_id = parent_id
        session.flush()
        applied.unit_ids[code] = unit.id
    applied.counts["units"] = len(rows)
    return applied


def _date(v: Any) -> Any:
    from datetime import date

    return date.fromisoformat(v) if isinstance(v, str) else v


def _datetime(v: Any) -> datetime | None:
    return datetime.fromisoformat(v) if isinstance(v, str) else None


def _delete_old(session: Session, unit_ids: list[int], period_id: int) -> dict[str, int]:
    """Remove what the units held before; returns the old staff ids by uid (kept for the new rows)."""
    old = {r.uid: r.id for r in session.execute(select(Staff.uid, Staff.id).where(Staff.unit_id.in_(unit_ids)))}
    staff_ids = select(Staff.id).where(Staff.unit_id.in_(unit_ids)).scalar_subquery()
    if old:
        cred_ids = select(Credential.id).where(Credential.staff_id.in_(staff_ids)).scalar_subquery()
        session.execute(delete(Registration).where(Registration.credential_id.in_(cred_ids)))
        for model in (Credential, TrainingRecord, Movement, Appraisal, EthicsRecord, StaffCourse):
            session.execute(delete(model).where(model.staff_id.in_(staff_ids)))
        session.execute(delete(Staff).where(Staff.unit_id.in_(unit_ids)))
    for per_period in (SchoolClass, StageCapacity, SeatAddition, Explanation, StoredFinding):
        session.execute(delete(per_period).where(per_period.unit_id.in_(unit_ids), per_period.period_id == period_id))
    session.execute(delete(SeatTask).where(SeatTask.unit_id.in_(unit_ids)))
    return old


def apply_package(session: Session, reader: PackageReader, *, home_id: int, period_id: int,
                  staged: StagedMember | None = None) -> Applied:
    """Replace the database's data for the package's units with the package's rows.

    ``staged``: the package's training records already decoded into an attached
    staging file (``services.packages.stage``); they move with one INSERT … SELECT.
    """
    conn = session.connection()
    now: Any = utcnow()
    if conn.dialect.name == "sqlite":
        # The stored form of the timestamp, once: formatting it per row cost 15 s for a county.
        now = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    applied = _upsert_units(session, reader, home_id)
    units = applied.unit_ids
    # Fresh ids are taken before the deletes so they never collide with the ids kept for known people.
    first_staff, first_cred = next_id(conn, "staff"), next_id(conn, "credentials")
    # Units the office did not know until now hold nothing yet: no earlier rows to delete.
    known = [i for code, i in units.items() if code not in applied.new_units]
    # The kept training sums' triggers are off here (receive: kept_sums.bulk): forget the units' sums
    # before the deletes (people who leave) and after the inserts (people who came).
    kept_sums.forget_units(conn, known)
    old_staff = _delete_old(session, known, period_id) if known else {}
    key = digest_key(session)
    counts = applied.counts

    def unit_of(table: str, code: str) -> int:
        try:
            return units[code]
        except KeyError:
            raise _bad(table, f"指向数据包之外的单位 {code}") from None

    staff_ids: dict[str, int] = {}
    national = _national(reader)

    def staff_rows() -> Iterator[tuple[Any, ...]]:
        nxt = first_staff
        for r in reader.rows("staff"):
            sid = old_staff.get(r[0])
            if sid is None:
                sid, nxt = nxt, nxt + 1
            staff_ids[r[0]] = sid
            yield (sid, r[0], unit_of("staff", r[1]), *r[2:8], id_digest(key, r[7] or ""), *r[8:],
                   *national.get(r[0], _NOT_RECORDED), 1, now, now)

    s_cols = ("id", "uid", "unit_id", *T.STAFF.columns[2:8], "id_digest", *T.STAFF.columns[8:],
              *T.STAFF_NATIONAL.columns[1:], "version", "created_at", "updated_at")
    counts["staff"] = _insert(conn, "staff", s_cols, staff_rows())
    sync_sequence(conn, "staff")
    if national.keys() - staff_ids.keys():
        raise _bad("staff_national", "指向数据包中不存在的人员")
    if national:
        counts["staff_national"] = len(national)

    def person(table: str, uid: str) -> int:
        try:
            return staff_ids[uid]
        except KeyError:
            raise _bad(table, "指向数据包中不存在的人员") from None

    cred_ids: dict[str, int] = {}

    def cred_rows() -> Iterator[tuple[Any, ...]]:
        for i, r in enumerate(reader.rows("credentials")):
            cred_ids[r[0]] = first_cred + i
            yield (first_cred + i, r[0], person("credentials", r[1]), *r[2:], 1, now, now)

    counts["credentials"] = _insert(conn, "credentials", ("id", "uid", "staff_id", *T.CREDENTIALS.columns[2:],
                                                              "version", "created_at", "updated_at"), cred_rows())
    sync_sequence(conn, "credentials")

    def reg_rows() -> Iterator[tuple[Any, ...]]:
        for r in reader.rows("registrations"):
            if r[1] not in cred_ids:
                raise _bad("registrations", "指向数据包中不存在的证书")
            yield (r[0], cred_ids[r[1]], *r[2:], now, now)

    counts["registrations"] = _insert(conn, "registrations", ("uid", "credential_id",
                                          *T.REGISTRATIONS.columns[2:], "created_at", "updated_at"), reg_rows())
    if staged is not None:
        counts["training"] = _insert_staged_training(conn, reader, staged, staff_ids, now)
    else:
        source = T.TRAINING.columns.index("source")

        def training_rows() -> Iterator[tuple[Any, ...]]:
            for r in reader.rows("training"):
                yield (r[0], person("training", r[1]), *r[2:source], "package", 1, now, now)

        counts["training"] = _insert(conn, "training_records", _TRAINING_COLUMNS, training_rows(), plain=True)
    counts["movements"] = _insert(conn, "movements", ("uid", "staff_id", *T.MOVEMENTS.columns[2:],
                                      "created_at", "updated_at"),
                                      ((r[0], person("movements", r[1]), *r[2:], now, now)
                                       for r in reader.rows("movements")))
    for spec, table in ((T.APPRAISALS, "appraisals"), (T.ETHICS, "ethics_records")):
        if reader.has_table(spec.name):
            counts[spec.name] = _insert(conn, table, ("uid", "staff_id", *spec.columns[2:], "version",
                                                          "created_at", "updated_at"),
                                            ((r[0], person(spec.name, r[1]), *r[2:], 1, now, now)
                                             for r in reader.rows(spec.name)))
    if reader.has_table("staff_courses"):
        counts["staff_courses"] = _insert(conn, "staff_courses", ("uid", "staff_id", "course", "main",
                                              "created_at", "updated_at"), _course_rows(reader, person, now))
    counts["classes"] = _insert(conn, "classes", ("uid", "unit_id", "period_id", *T.CLASSES.columns[2:],
                                    "version", "created_at", "updated_at"),
                                    ((r[0], unit_of("classes", r[1]), period_id, *r[2:], 1, now, now)
                                     for r in reader.rows("classes")))
    counts["capacities"] = _insert(conn, "stage_capacities", ("unit_id", "period_id", *T.CAPACITIES.columns[1:],
                                       "version", "created_at", "updated_at"),
                                       ((unit_of("capacities", r[0]), period_id, *r[1:], 1, now, now)
                                        for r in reader.rows("capacities")))
    counts["seat_additions"] = _insert(conn, "seat_additions", ("uid", "unit_id", "period_id",
                                           *T.SEAT_ADDITIONS.columns[2:], "created_at", "updated_at"),
                                           ((r[0], unit_of("seat_additions", r[1]), period_id, *r[2:], now, now)
                                            for r in reader.rows("seat_additions")))
    counts["seat_tasks"] = _insert(conn, "seat_tasks", ("unit_id", *T.SEAT_TASKS.columns[1:], "version",
                                       "created_at", "updated_at"),
                                       ((unit_of("seat_tasks", r[0]), *r[1:], 1, now, now)
                                        for r in reader.rows("seat_tasks")))
    counts["explanations"] = _insert(conn, "explanations", ("unit_id", "period_id", *T.EXPLANATIONS.columns[1:],
                                         "version", "created_at", "updated_at"),
                                         ((unit_of("explanations", r[0]), period_id, *r[1:], 1, now, now)
                                          for r in reader.rows("explanations")))
    counts["findings"] = _insert(conn, "findings", ("unit_id", "period_id", *T.FINDINGS.columns[1:], "found_at"),
                                     ((unit_of("findings", r[0]), period_id, *r[1:], now)
                                      for r in reader.rows("findings")))
    kept_sums.forget_units(conn, list(units.values()))
    _unit_periods(session, reader, units, period_id)
    return applied


#: A person without a ``staff_national`` row (or a package from before it): none of the fields recorded.
_NOT_RECORDED = (False, False, False, None)


def _national(reader: PackageReader) -> dict[str, tuple[Any, ...]]:
    """The national fields by staff uid (``exchange.tables.STAFF_NATIONAL``); empty for an older package."""
    if not reader.has_table("staff_national"):
        return {}
    out: dict[str, tuple[Any, ...]] = {}
    for r in reader.rows("staff_national"):
        if r[0] in out:
            raise _bad("staff_national", "中同一个人出现了两次")
        out[r[0]] = (r[1], r[2], r[3], r[4] or None)
    return out


def _course_rows(reader: PackageReader, person: Any, now: Any) -> Iterator[tuple[Any, ...]]:
    """任教课程 rows for the insert; a person with two main courses or one course twice is refused."""
    seen: set[tuple[str, str]] = set()
    mains: set[str] = set()
    for r in reader.rows("staff_courses"):
        uid, staff_uid, course, main = r
        if (staff_uid, course) in seen or (main and staff_uid in mains):
            raise _bad("staff_courses", "中同一个人有重复的课程或不止一门主要任教课程")
        seen.add((staff_uid, course))
        if main:
            mains.add(staff_uid)
        yield (uid, person("staff_courses", staff_uid), course, main, now, now)


_TRAINING_SOURCE = T.TRAINING.columns.index("source")
_TRAINING_COLUMNS = ("uid", "staff_id", *T.TRAINING.columns[2:_TRAINING_SOURCE], "source", "version", "created_at",
                     "updated_at")


def _insert_staged_training(conn: Connection, reader: PackageReader, staged: StagedMember,
                            staff_ids: dict[str, int], now: Any) -> int:
    """Training records from the staging file: checked against the verified manifest, then INSERT … SELECT."""
    if staged.error is not None:
        raise PackageError(*staged.error)
    member = reader.manifest.members.get(member_name("training"))
    if (member or {}).get("sha256") != staged.sha256:
        raise PackageError("tampered", "数据包中的培训记录在校验之后发生了变化（读取时的内容与清单不一致），"
                           "文件可能正在被改写或已损坏。未导入任何数据，请重新复制数据包后再导入。")
    check_count("training", staged.rows, reader.manifest.counts.get("training", 0))
    if not staged.rows:
        return 0
    if conn.dialect.name != "sqlite":  # a server cannot attach the file: read here, binary COPY there
        copied = copy_staged(conn, staged, "training_records", _TRAINING_COLUMNS,
                             T.TRAINING.columns[2:_TRAINING_SOURCE], staff_ids, ("package", 1, now, now),
                             lambda: _bad("training", "指向数据包中不存在的人员"))
        if copied != staged.rows:
            raise _bad("training", "指向数据包中不存在的人员")
        return copied
    # The package's people (uid → id just assigned) as a temporary table, so SQLite can join on it.
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS edr_staff_ids (uid TEXT PRIMARY KEY, id INTEGER NOT NULL) "
                         "WITHOUT ROWID")
    conn.exec_driver_sql("DELETE FROM temp.edr_staff_ids")
    conn.exec_driver_sql("INSERT INTO temp.edr_staff_ids (uid, id) VALUES (?, ?)", list(staff_ids.items()))
    taken = ", ".join(f"t.{c}" for c in T.TRAINING.columns[2:_TRAINING_SOURCE])
    result = conn.exec_driver_sql(
        f"INSERT INTO training_records ({', '.join(_TRAINING_COLUMNS)}) "
        f"SELECT t.uid, m.id, {taken}, 'package', 1, ?, ? FROM {staged.name} t "
        # CROSS JOIN fixes the order: scan the staged rows, look each person up by uid.
        "CROSS JOIN temp.edr_staff_ids m ON m.uid = t.staff_uid ORDER BY t.rowid", (now, now))
    if result.rowcount != staged.rows:
        raise _bad("training", "指向数据包中不存在的人员")
    return staged.rows


def _unit_periods(session: Session, reader: PackageReader, units: dict[str, int], period_id: int) -> None:
    top = reader.manifest.unit_code
    names = T.UNIT_PERIODS.columns
    # 代报 marks travel in their own table (written only when there are some); the package decides:
    # a unit it carries without a mark has its data from the unit itself now.
    proxies = dict(reader.rows("proxies")) if reader.has_table("proxies") else {}
    if set(proxies) - set(units):
        raise _bad("proxies", f"指向数据包之外的单位 {sorted(set(proxies) - set(units))[0]}")
    rows = list(reader.rows("unit_periods"))
    outside = [r[0] for r in rows if r[0] not in units]
    if outside:
        raise _bad("unit_periods", f"指向数据包之外的单位 {outside[0]}")
    ups = ensure_unit_periods(session, [units[r[0]] for r in rows] + [units[top]], period_id)
    for r in rows:
        values = dict(zip(names, r, strict=True))
        code = values.pop("unit_code")
        up = ups[units[code]]
        values["proxy_by"] = proxies.get(code)
        for key in ("submitted_at", "approved_at", "returned_at"):
            values[key] = _datetime(values[key])
        values["report_date"] = _date(values["report_date"])
        if code == top:
            # The sender's own state is 'submitted' once the office holds the package, whatever it was.
            values["state"] = WorkflowState.SUBMITTED.value
            values["submitted_at"] = _datetime(reader.manifest.created_at.replace("Z", "")) or utcnow()
            values["returned_at"], values["return_comment"] = up.returned_at, up.return_comment
        for key, value in values.items():
            if getattr(up, key) != value:
                setattr(up, key, value)
    top_up = ups[units[top]]
    if top_up.state != WorkflowState.SUBMITTED.value:
        top_up.state = WorkflowState.SUBMITTED.value
        top_up.submitted_at = _datetime(reader.manifest.created_at.replace("Z", "")) or utcnow()
    session.flush()

