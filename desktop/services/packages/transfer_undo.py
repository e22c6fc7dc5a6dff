"""Undoing a 调动 step: the sending school withdraws a mistaken 调出, the receiving school refuses a 调入.

``withdraw_transfer_out`` (撤销调出) puts the person back at the sending school as if the 调出
had never been recorded: the record is active again, the movement the 调出 added is removed,
and the transfer row is kept as ``withdrawn`` (audited with the clerk's reason). A transfer
file already handed over cannot be called back: the clerk must tell the receiving school
not to confirm it, which it does with ``refuse_transfer_in`` (不予确认): the pending 调入 is
marked ``refused`` with the reason and leaves the pending list; nothing else changes. A 调入
refused by mistake is put back on the list with ``reopen_transfer_in`` (恢复待确认), also with a
reason; the program offers it when the refused transfer file is imported again.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Movement, Staff, Transfer, Unit
from desktop.domain.codes import EndReason
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError
from desktop.services.packages.transfers import TransferInfo, _info, incoming


def outgoing_transfers(db: Database, unit_id: int) -> list[TransferInfo]:
    """The 调出 this school recorded and has not withdrawn, newest first (the ones 撤销调出 may apply to)."""
    with db.session() as session:
        unit = fetch(session, Unit, unit_id, "单位")
        rows = session.scalars(select(Transfer).where(Transfer.direction == "out", Transfer.state == "pending",
                                                      Transfer.from_unit_code == unit.code)
                               .order_by(Transfer.out_date.desc(), Transfer.id.desc()))
        return [_info(t) for t in rows]


def _reason(reason: str, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ServiceError(f"请填写{what}的原因（例如：录错了人、调入学校不对），原因会记入操作日志。")
    return text


def withdraw_transfer_out(db: Database, transfer_id: int, *, actor: str = "system", reason: str) -> TransferInfo:
    """撤销调出: the person is active here again, the 调出's movement removed, the transfer ``withdrawn``."""
    text = _reason(reason, "撤销调出")
    with db.session(write=True) as session:
        t = fetch(session, Transfer, transfer_id, "调动记录")
        if t.direction != "out":
            raise ServiceError(f"{t.person_name} 的这条调动是收到的调入，不是本校办理的调出，不能撤销。"
                               "如不同意调入，请选中后点“不予确认”。")
        if t.state != "pending":
            raise ServiceError(f"{t.person_name} 的这次调出已经撤销过了，无需再撤销。")
        s = session.scalars(select(Staff).where(Staff.uid == t.staff_uid)).first()
        if s is None:
            raise ServiceError(f"本库已找不到 {t.person_name} 调出前的记录，不能撤销调出。请在“教职工”页重新登记此人。")
        ensure_editable(session, s.unit_id)
        if (s.status, s.end_reason, s.end_date) != ("ended", EndReason.TRANSFER_OUT.value, t.out_date):
            raise ServiceError(f"{t.person_name} 的记录在调出后已被修改（现为{'在职' if s.status == 'active' else '已离开'}），"
                               "不能再撤销这次调出。请在“教职工”页核对此人的记录。")
        newer = session.scalars(select(Staff).where(Staff.id_digest == s.id_digest, Staff.id != s.id,
                                                    (Staff.status == "active") | (Staff.created_at > t.created_at))
                                .limit(1)).first()
        if newer is not None:
            where = session.get(Unit, newer.unit_id)
            raise ServiceError(f"{t.person_name} 在调出后已有新的记录（{where.name if where else '本库'}），不能撤销调出。"
                               "如此人确实仍在本校，请核对并处理那条新记录。")
        moved = session.scalars(select(Movement).where(
            Movement.staff_id == s.id, Movement.to_unit_code == t.to_unit_code, Movement.start_date == t.out_date,
            Movement.from_unit_code == t.from_unit_code).order_by(Movement.id.desc()).limit(1)).first()
        if moved is not None:
            audit.log(session, actor=actor, action="delete", table="movements", record_id=moved.id,
                      record_uid=moved.uid, changes={"to_unit_code": (moved.to_unit_code, None)}, unit_id=s.unit_id,
                      reason=f"撤销调出：{text}")
            session.delete(moved)
        diff = {"status": (s.status, "active"), "end_date": (s.end_date, None), "end_reason": (s.end_reason, None)}
        s.status, s.end_date, s.end_reason = "active", None, None
        audit.log(session, actor=actor, action="reactivate", table="staff", record_id=s.id, record_uid=s.uid,
                  changes=diff, unit_id=s.unit_id, reason=f"撤销调出：{text}")
        t.state = "withdrawn"
        session.flush()
        audit.log(session, actor=actor, action="update", table="transfers", record_id=t.id, record_uid=t.uid,
                  changes={"state": ("pending", "withdrawn")}, unit_id=s.unit_id,
                  reason=f"撤销调出（至 {t.to_unit_code} {t.to_unit_name}）：{text}")
        return _info(t)


def refuse_transfer_in(db: Database, transfer_id: int, unit_id: int, *, actor: str = "system",
                       reason: str) -> TransferInfo:
    """不予确认: the receiving school marks a pending 调入 ``refused``; it leaves the pending list."""
    return _move_incoming(db, transfer_id, unit_id, actor, _reason(reason, "不予确认"), ("pending", "refused"))


def reopen_transfer_in(db: Database, transfer_id: int, unit_id: int, *, actor: str = "system",
                       reason: str) -> TransferInfo:
    """恢复待确认: a 调入 this school refused goes back on the pending list, to be confirmed or refused again."""
    return _move_incoming(db, transfer_id, unit_id, actor, _reason(reason, "恢复待确认"), ("refused", "pending"))


#: (from, to) → the verb in messages, what the log calls it, and why any other state is refused.
_MOVES = {
    ("pending", "refused"): ("退回", "不予确认调入", {"confirmed": "已确认调入，不能再退回", "refused": "已退回，不能再退回"}),
    ("refused", "pending"): ("恢复", "恢复待确认", {"confirmed": "已确认调入，不是已退回的调入，无需恢复",
                                              "pending": "正在等待确认，不是已退回的调入，无需恢复"}),
}


def _move_incoming(db: Database, transfer_id: int, unit_id: int, actor: str, text: str,
                   move: tuple[str, str]) -> TransferInfo:
    """A 调入 of this school from one state to the other, audited with the clerk's reason."""
    verb, logged, refusals = _MOVES[move]
    with db.session(write=True) as session:
        t, unit = incoming(session, transfer_id, unit_id, verb)
        if t.state != move[0]:
            raise ServiceError(f"{t.person_name} 的调入{refusals.get(t.state, t.state)}。")
        t.state = move[1]
        session.flush()
        audit.log(session, actor=actor, action="update", table="transfers", record_id=t.id, record_uid=t.uid,
                  changes={"state": move}, unit_id=unit.id,
                  reason=f"{logged}：{t.person_name}，自 {t.from_unit_code} {t.from_unit_name}；原因：{text}")
        return _info(t)
