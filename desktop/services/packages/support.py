"""Small helpers the package services share: the period asked for, conflicts across units."""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from desktop.data.models import Period, Staff, StoredFinding, Unit
from desktop.data.queries import period_for_year
from desktop.domain.codes import Severity
from desktop.domain.idcard import mask_id
from desktop.services.core.errors import ServiceError
from desktop.services.packages.apply import Applied


def period_for(session: Session, school_year: int | None) -> Period:
    """The period of ``school_year``, or the latest one when None."""
    period = period_for_year(session, school_year)
    if period is None:
        raise ServiceError(f"数据库中没有 {school_year}学年 的统计期，请先新建该学年。" if school_year
                           else "数据库中还没有统计期，请先新建学年。")
    return period


# Built once: a fresh aliased() per call rebuilt the entity and missed SQLAlchemy's statement
# cache (1.5 s of a county's 300 packages).
_ME, _OTHER = aliased(Staff, name="me"), aliased(Staff, name="other")


def conflict_findings(session: Session, applied: Applied, period_id: int, *, known: frozenset[str]) -> list[StoredFinding]:
    """Findings for problems across units: the same person active at two schools, a unit not on the list."""
    ids = list(applied.unit_ids.values())
    me, other = _ME, _OTHER
    rows = session.execute(
        select(me.unit_id, me.uid, me.name, me.id_number, Unit.code, Unit.name)
        .join(other, and_(other.id_digest == me.id_digest, other.unit_id.not_in(ids), other.status == "active"))
        .join(Unit, Unit.id == other.unit_id)
        .where(me.unit_id.in_(ids), me.status == "active", me.id_digest != "")
    ).all()
    out = [StoredFinding(
        unit_id=r[0], period_id=period_id, rule="staff.active_elsewhere", severity=Severity.ERROR.value,
        record_type="staff", record_key=r[1],
        message=f"{r[2]}（证件号 {mask_id(r[3])}）同时是 {r[4]} {r[5]} 的在职教职工。请核实此人是否已调动，"
                "由调出学校办理调出后重新报送。") for r in rows]
    top = next(iter(applied.unit_ids))
    if known and top in applied.new_units:
        out.append(StoredFinding(
            unit_id=applied.unit_ids[top], period_id=period_id, rule="unit.unknown", severity=Severity.WARNING.value,
            record_type="unit", record_key=top,
            message=f"单位 {top} 不在本局的应报单位名单中，已根据数据包新增。请核实该单位是否归本局管理。"))
    session.add_all(out)
    session.flush()
    return out
