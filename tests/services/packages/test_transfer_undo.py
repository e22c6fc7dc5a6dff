"""撤销调出 and 不予确认: undoing a mistaken 调出 at the sending school, refusing a 调入 at the receiving one.

Real demo school databases; each refusal of the two services is exercised.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Movement, Staff, Transfer, UnitPeriod
from desktop.domain.records import StaffData
from desktop.services.core.errors import LockedError, ServiceError
from desktop.services.core.users import Actor
from desktop.services.packages.export import export_package, import_packages
from desktop.services.packages.transfer_file import export_transfer_file, import_transfer_file
from desktop.services.packages.transfer_undo import (
    outgoing_transfers,
    refuse_transfer_in,
    reopen_transfer_in,
    withdraw_transfer_out,
)
from desktop.services.packages.transfers import (
    TransferInfo,
    confirm_transfer_in,
    pending_transfers,
    record_transfer_out,
)
from desktop.services.records.staff import create_staff
from desktop.services.year import workflow
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.package_world import CITY, make_office, make_school, school_code
from tests.services.packages.test_transfers import (
    COUNTY_A,
    COUNTY_B,
    IN,
    OUT,
    _teacher,
    _unit_id,
    schools,
)

__all__ = ["schools"]  # the fixture, shared with test_transfers
CODE_B = school_code(2, COUNTY_B[0])
REVIEWER = Actor("reviewer", "张审核", "reviewer")


def _movements(db: Database, staff_id: int) -> list[tuple[str | None, str | None]]:
    with db.session() as s:
        return [(m.to_unit_code, str(m.start_date)) for m in s.scalars(
            select(Movement).where(Movement.staff_id == staff_id).order_by(Movement.id))]


def _audit(db: Database, table: str, action: str) -> list[str]:
    with db.session() as s:
        return [e.reason or "" for e in s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == table, AuditEntry.action == action).order_by(AuditEntry.id))]


def _approve(db: Database, unit_id: int) -> None:
    explain_warnings(db)
    with db.session() as s:
        period_id = s.scalars(select(UnitPeriod.period_id).where(UnitPeriod.unit_id == unit_id)).one()
    workflow.submit(db, REVIEWER, unit_id, period_id)
    workflow.approve(db, REVIEWER, unit_id, period_id)


def _sent(a: Database, b: Database, staff_id: int, folder: Path) -> tuple[TransferInfo, TransferInfo]:
    """The 调出 of ``staff_id`` from school 1 to school 2, and its file received there (pending)."""
    out = record_transfer_out(a, staff_id, CODE_B, "测试第2学校", OUT)
    return out, import_transfer_file(b, export_transfer_file(a, out.id, folder / "t"))


def test_a_mistaken_transfer_out_is_withdrawn_and_the_person_is_back(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, _ = schools
    staff_id, _, name, _ = _teacher(a)
    before = _movements(a, staff_id)
    out = record_transfer_out(a, staff_id, CODE_B, "测试第2学校", OUT, actor="clerk")
    assert len(_movements(a, staff_id)) == len(before) + 1
    unit_a = _unit_id(a, school_code(1, COUNTY_A[0]))
    assert [t.id for t in outgoing_transfers(a, unit_a)] == [out.id]
    with pytest.raises(ServiceError, match="请填写撤销调出的原因"):
        withdraw_transfer_out(a, out.id, actor="clerk", reason="  ")
    done = withdraw_transfer_out(a, out.id, actor="clerk", reason="录错了人")
    assert done.state == "withdrawn"
    with a.session() as s:
        p = s.get(Staff, staff_id)
        assert p is not None and (p.status, p.end_date, p.end_reason) == ("active", None, None)
    assert _movements(a, staff_id) == before  # the movement the 调出 added is gone, the others stay
    assert outgoing_transfers(a, unit_a) == []
    assert any("录错了人" in r for r in _audit(a, "transfers", "update"))
    assert any("撤销调出：录错了人" in r for r in _audit(a, "movements", "delete"))
    assert any("撤销调出" in r for r in _audit(a, "staff", "reactivate"))
    with pytest.raises(ServiceError, match="已经撤销过了"):
        withdraw_transfer_out(a, out.id, actor="clerk", reason="再点一次")
    # She can be sent again, correctly this time.
    again = record_transfer_out(a, staff_id, CODE_B, "测试第2学校", OUT)
    assert again.state == "pending" and again.name == name


def test_withdrawing_is_refused_for_an_incoming_move_a_newer_record_and_an_approved_year(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    staff_id, number, name, _ = _teacher(a)
    out, incoming = _sent(a, b, staff_id, tmp_path)
    with pytest.raises(ServiceError, match="不是本校办理的调出"):
        withdraw_transfer_out(b, incoming.id, actor="clerk", reason="不对")
    # The clerk entered her again at the sending school after the 调出: a newer record.
    unit_a = _unit_id(a, school_code(1, COUNTY_A[0]))
    create_staff(a, unit_a, StaffData(name=name, id_number=number, teaching_stage="primary", join_date=IN))
    with pytest.raises(ServiceError, match="已有新的记录"):
        withdraw_transfer_out(a, out.id, actor="clerk", reason="录错了")
    with a.session() as s:
        assert s.get(Transfer, out.id).state == "pending"  # type: ignore[union-attr]
        assert s.get(Staff, staff_id).status == "ended"  # type: ignore[union-attr]
    # Another 调出 in a year the reviewer has approved: locked.
    other, *_ = _teacher(b)
    sent = record_transfer_out(b, other, school_code(1, COUNTY_A[0]), "测试第1学校", OUT)
    _approve(b, _unit_id(b, CODE_B))
    with pytest.raises(LockedError, match="已审核"):
        withdraw_transfer_out(b, sent.id, actor="clerk", reason="录错了")


def test_a_pending_transfer_in_is_refused_with_a_reason_and_leaves_the_list(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    staff_id, *_ = _teacher(a)
    out, incoming = _sent(a, b, staff_id, tmp_path)
    unit_b = _unit_id(b, CODE_B)
    with b.session() as s:
        people = s.scalar(select(func.count(Staff.id)))
    with pytest.raises(ServiceError, match="请填写不予确认的原因"):
        refuse_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="")
    with pytest.raises(ServiceError, match="不能由测试第1学校退回"):
        refuse_transfer_in(a, out.id, _unit_id(a, school_code(1, COUNTY_A[0])), actor="clerk", reason="不对")
    done = refuse_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="调出学校已撤销调出")
    assert done.state == "refused" and pending_transfers(b, unit_b) == []
    assert any("调出学校已撤销调出" in r for r in _audit(b, "transfers", "update"))
    with b.session() as s:
        assert s.scalar(select(func.count(Staff.id))) == people  # nothing else changed
    with pytest.raises(ServiceError, match="已退回"):
        refuse_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="再退一次")
    assert import_transfer_file(b, export_transfer_file(a, out.id, tmp_path / "t")).state == "refused"
    assert pending_transfers(b, unit_b) == []
    # The sending school withdraws and records the move anew with its right date: received again, pending.
    withdraw_transfer_out(a, out.id, actor="clerk", reason="日期录错")
    again = record_transfer_out(a, staff_id, CODE_B, "测试第2学校", IN)
    fresh = import_transfer_file(b, export_transfer_file(a, again.id, tmp_path / "t2"))
    assert fresh.state == "pending" and fresh.id != incoming.id
    assert [t.id for t in pending_transfers(b, unit_b)] == [fresh.id]


def test_a_confirmed_transfer_in_cannot_be_refused_nor_refused_in_an_approved_year(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    unit_b = _unit_id(b, CODE_B)
    first, second, *_ = [sid for sid, in _active_ids(a)]
    files = [export_transfer_file(a, record_transfer_out(a, sid, CODE_B, "测试第2学校", OUT).id, tmp_path / str(sid))
             for sid in (first, second)]
    done = confirm_transfer_in(b, import_transfer_file(b, files[0]).id, unit_b, IN)
    with pytest.raises(ServiceError, match="已确认调入"):
        refuse_transfer_in(b, done.id, unit_b, actor="clerk", reason="不要了")
    waiting = import_transfer_file(b, files[1])
    _approve(b, unit_b)
    with pytest.raises(LockedError, match="已审核"):
        refuse_transfer_in(b, waiting.id, unit_b, actor="clerk", reason="不对")
    assert [t.id for t in pending_transfers(b, unit_b)] == [waiting.id]


def _active_ids(db: Database) -> list[tuple[int]]:
    with db.session() as s:
        return [(int(i),) for i in s.scalars(select(Staff.id).where(Staff.status == "active").order_by(Staff.id))]


def test_an_office_refuses_a_move_it_learnt_from_a_package_and_still_sees_the_next_one(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    """A county learns of a 调出 from the sending school's package; the school withdraws it, the county
    refuses the 调入 it derived; the school then records the move anew and the county sees that one."""
    _, b = schools
    a = make_school(tmp_path, 3, county=COUNTY_B[0], seed=73)
    ensure_period(a, 2025)
    staff_id, _, name, _ = _teacher(a)
    out = record_transfer_out(a, staff_id, CODE_B, "测试第2学校", OUT)
    county = make_office(tmp_path / "c.db", *COUNTY_B, "county", CITY[0])
    for school, tag in ((a, "a1"), (b, "b1")):
        explain_warnings(school)
        summary = import_packages(county, [export_package(school, tmp_path / tag, with_returns=False).path])
        assert summary.count("imported") == 1, summary.lines()
    unit_b = _unit_id(county, CODE_B)
    [derived] = pending_transfers(county, unit_b)
    assert derived.name == name
    withdraw_transfer_out(a, out.id, actor="clerk", reason="日期录错")
    refuse_transfer_in(county, derived.id, unit_b, actor="county", reason="学校已撤销调出")
    assert pending_transfers(county, unit_b) == []
    record_transfer_out(a, staff_id, CODE_B, "测试第2学校", IN)
    explain_warnings(a)
    summary = import_packages(county, [export_package(a, tmp_path / "p2", with_returns=False).path], confirm=True)
    assert summary.count("replaced") == 1, summary.lines()
    assert [(t.name, t.out_date) for t in pending_transfers(county, unit_b)] == [(name, IN)]


def test_a_transfer_in_refused_by_mistake_goes_back_on_the_list_and_is_confirmed(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    # Before: a 调入 refused by mistake could never be confirmed (the same file gave the refused one again).
    a, b = schools
    staff_id, number, _, hours = _teacher(a)
    out, incoming = _sent(a, b, staff_id, tmp_path)
    unit_b = _unit_id(b, CODE_B)
    with pytest.raises(ServiceError, match="正在等待确认"):
        reopen_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="点错了")
    refuse_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="以为是别人")
    with pytest.raises(ServiceError, match="请填写恢复待确认的原因"):
        reopen_transfer_in(b, incoming.id, unit_b, actor="clerk", reason=" ")
    with pytest.raises(ServiceError, match="不能由测试第1学校恢复"):
        reopen_transfer_in(a, out.id, _unit_id(a, school_code(1, COUNTY_A[0])), actor="clerk", reason="不对")
    back = reopen_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="点错了，确实调入")
    assert back.state == "pending" and [t.id for t in pending_transfers(b, unit_b)] == [incoming.id]
    assert any("点错了，确实调入" in r for r in _audit(b, "transfers", "update"))
    done = confirm_transfer_in(b, incoming.id, unit_b, IN)
    assert done.state == "confirmed" and done.hours_in_cycle == pytest.approx(hours)
    with b.session() as s:
        assert s.scalar(select(func.count(Staff.id)).where(Staff.id_number == number, Staff.status == "active")) == 1
    with pytest.raises(ServiceError, match="已确认调入"):
        reopen_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="再来")


def test_a_refused_transfer_in_is_not_reopened_in_an_approved_year(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    staff_id, *_ = _teacher(a)
    _, incoming = _sent(a, b, staff_id, tmp_path)
    unit_b = _unit_id(b, CODE_B)
    refuse_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="不对")
    _approve(b, unit_b)
    with pytest.raises(LockedError, match="已审核"):
        reopen_transfer_in(b, incoming.id, unit_b, actor="clerk", reason="点错了")
    assert pending_transfers(b, unit_b) == []
