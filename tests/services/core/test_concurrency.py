"""Two people, two connections, one database: no silent overwrite, no duplicate, no broken chain.

These run on both engines: on SQLite ``BEGIN IMMEDIATE`` puts writers in order,
on PostgreSQL row locks and advisory locks do. Threads use the same ``Database``
(its pool hands each one its own connection), exactly as two office PCs would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select, text

from desktop.data.bulk import insert_rows
from desktop.data.engine import Database
from desktop.data.locks import advisory_lock, unit_period_lock
from desktop.data.models import Period, SchoolClass, Staff
from desktop.domain.idcard import id_check_char
from desktop.domain.records import PeriodRecord, StaffData, UnitRecord
from desktop.services.core import audit
from desktop.services.core.errors import ConflictError, ServiceError
from desktop.services.records import staff
from desktop.services.year.periods import ensure_period


def _id(n: int) -> str:
    first17 = f"44162219800101{n:03d}"
    return first17 + id_check_char(first17)


def _person(n: int, **kw: object) -> StaffData:
    values: dict[str, object] = {"name": f"测试{n}", "id_number": _id(n), "teaching_stage": "primary",
                                 "first_work_date": date(2003, 9, 1)}
    values.update(kw)
    return StaffData(**values)  # type: ignore[arg-type]


def _parallel(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs at the same moment on their own threads; results or raised exceptions, in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[i] = job()
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_second_writer_is_told_who_changed_what(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person(1, phone="13800000000"))
    staff.update_staff(db, rec.id, {"phone": "13912345678", "subject": "01"}, expected_version=rec.version,
                       actor="李老师")
    with pytest.raises(ConflictError) as excinfo:
        staff.update_staff(db, rec.id, {"name": "测试一"}, expected_version=rec.version, actor="王老师")
    message = excinfo.value.message
    assert "李老师" in message and "第 1 版" in message and "第 2 版" in message
    assert "联系电话 “13800000000” → “13912345678”" in message
    assert "学科 （空） → “01”" in message
    assert staff.get_staff(db, rec.id).name == "测试1"  # 王老师's edit did not overwrite anything


def test_every_save_since_the_form_was_opened_is_listed(db: Database, school: UnitRecord) -> None:
    rec = staff.create_staff(db, school.id, _person(3))
    staff.update_staff(db, rec.id, {"subject": "01"}, expected_version=1, actor="甲")
    staff.update_staff(db, rec.id, {"subject": "02"}, expected_version=2, actor="乙")
    with pytest.raises(ConflictError) as excinfo:
        staff.update_staff(db, rec.id, {"phone": "13800000000"}, expected_version=1, actor="丙")
    message = excinfo.value.message
    assert "乙 于" in message and "甲 于" in message
    assert message.index("乙 于") < message.index("甲 于")  # newest first
    assert "“01” → “02”" in message


def test_two_simultaneous_saves_of_one_record_one_wins_the_other_hears_about_it(
    db: Database, school: UnitRecord
) -> None:
    rec = staff.create_staff(db, school.id, _person(2))
    results = _parallel(
        lambda: staff.update_staff(db, rec.id, {"phone": "13511112222"}, expected_version=1, actor="甲"),
        lambda: staff.update_staff(db, rec.id, {"phone": "13733334444"}, expected_version=1, actor="乙"),
    )
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    saved = [r for r in results if not isinstance(r, BaseException)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    winner = saved[0]
    assert winner.version == 2  # type: ignore[attr-defined]
    assert f"“{winner.phone}”" in conflicts[0].message  # type: ignore[attr-defined]
    assert staff.get_staff(db, rec.id).phone == winner.phone  # type: ignore[attr-defined]
    with db.session() as session:
        assert audit.verify_chain(session) is None


def test_parallel_registration_of_the_same_people_makes_no_duplicates(
    db: Database, school: UnitRecord
) -> None:
    """Two offices register the same 15 people at once: each person ends up exactly once."""
    people = [_person(n) for n in range(10, 25)]

    def office(actor: str) -> tuple[int, int]:
        made = refused = 0
        for p in people:
            try:
                staff.create_staff(db, school.id, p, actor=actor)
                made += 1
            except ServiceError:
                refused += 1
        return made, refused

    results = _parallel(lambda: office("一室"), lambda: office("二室"))
    assert not any(isinstance(r, BaseException) for r in results), results
    assert sum(r[0] for r in results) == 15 and sum(r[1] for r in results) == 15  # type: ignore[index]
    with db.session() as session:
        digests = session.scalars(select(Staff.id_digest)).all()
        assert len(digests) == len(set(digests)) == 15
        assert audit.verify_chain(session) is None  # 30 audited transactions, one unbroken chain


def test_parallel_get_or_create_of_a_period_creates_it_once(db: Database, school: UnitRecord) -> None:
    results = _parallel(*[lambda: ensure_period(db, 2030) for _ in range(4)])
    assert all(isinstance(r, PeriodRecord) for r in results), results
    assert len({r.id for r in results}) == 1  # type: ignore[attr-defined]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Period).where(Period.school_year == 2030)) == 1


def _import_classes(db: Database, unit: UnitRecord, period: PeriodRecord, rows: list[tuple[str, str, int]]) -> int:
    """The shape every import helper follows: lock the unit-period, read what is there, add the rest."""
    with db.session(write=True) as session:
        advisory_lock(session, unit_period_lock(unit.code, period.school_year))
        have = set(session.scalars(select(SchoolClass.uid).where(SchoolClass.unit_id == unit.id)))
        new = [(uid, unit.id, period.id, "21", name, n, 0, 0, 1) for uid, name, n in rows if uid not in have]
        # Widen the window a careless importer would lose in: the other office is reading now.
        session.execute(text("SELECT 1"))
        insert_rows(session.connection(), "classes", ("uid", "unit_id", "period_id", "grade", "name", "enrolled",
                                                      "boarders", "disabled", "version"), new)
        return len(new)


def test_two_imports_of_one_package_at_once_write_it_once(
    db: Database, school: UnitRecord, period: PeriodRecord
) -> None:
    rows = [(f"{i:032x}", f"一年级({i})班", 40 + i) for i in range(1, 61)]
    results = _parallel(*[lambda: _import_classes(db, school, period, rows) for _ in range(3)])
    assert sorted(results) == [0, 0, 60], results  # type: ignore[type-var]
    with db.session() as session:
        uids = session.scalars(select(SchoolClass.uid)).all()
        assert len(uids) == len(set(uids)) == 60
        assert session.scalar(select(func.sum(SchoolClass.enrolled))) == sum(r[2] for r in rows)


@pytest.mark.sqlite_only
def test_advisory_lock_refuses_a_read_only_sqlite_session(db: Database) -> None:
    with pytest.raises(RuntimeError, match="write"), db.session() as session:
        advisory_lock(session, "x")
