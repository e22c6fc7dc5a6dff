"""零上报 (a nil return): a unit with nothing to report still reports, and says why.

A 零上报 package is an ordinary signed data package of a school that holds no staff,
no training records, no classes, no capacities and no new seats for the period. Its
manifest carries ``extra.zero_report``, the school's statement of why (停办、暂停招生、
合并中…). Exported with ``export_package(zero_report="…")``, which refuses when the
school does hold rows; the office refuses a package that claims to be a 零上报 but
carries rows (``bad_zero_report``), and its completeness table and receipt say 零上报. A 零上报 counts as reported for completeness.
"""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import SchoolClass, SeatAddition, Staff, StageCapacity
from desktop.exchange.package import Manifest
from desktop.exchange.verify import PackageError
from desktop.services.core.errors import ServiceError

KEY = "zero_report"
#: The tables a 零上报 package must leave empty.
EMPTY = ("staff", "training", "classes", "capacities", "seat_additions")
#: Checks that only say "there is no data": a 零上报 states that instead.
NO_DATA_RULES = frozenset({"class.missing"})


def zero_statement(m: Manifest) -> str | None:
    """The package's 零上报 statement (None for an ordinary package); refuses a false claim."""
    if KEY not in m.extra:
        return None
    text = str(m.extra.get(KEY) or "").strip()
    held = [t for t in EMPTY if m.counts.get(t)]
    if not text or held:
        raise PackageError("bad_zero_report", f"数据包声明为零上报，但{'带有数据（' + '、'.join(held) + '）' if held else '没有写明原因'}，"
                           "前后矛盾，未导入。请让报送单位核对后重新导出：有数据的正常上报，无数据的零上报要写明原因。")
    return text


def zero_findings(db: Database, unit_id: int, period_id: int, statement: str,
                  findings: list[tuple[str | None, ...]], errors: int) -> tuple[list[tuple[str | None, ...]], int]:
    """Export side: check that a 零上报 is one, and drop the findings that only say "no data".

    Refused (Chinese sentence) without a statement or when the unit holds rows of ``EMPTY``.
    """
    if not statement.strip():
        raise ServiceError("零上报需要写明原因（例如：本学年停办、暂停招生），请填写后再导出。")
    with db.session() as session:
        held = [label for model, label, where in (
            (Staff, "教职工", Staff.unit_id == unit_id),
            (SchoolClass, "班级", (SchoolClass.unit_id == unit_id) & (SchoolClass.period_id == period_id)),
            (StageCapacity, "核定学位", (StageCapacity.unit_id == unit_id) & (StageCapacity.period_id == period_id)),
            (SeatAddition, "新增学位", (SeatAddition.unit_id == unit_id) & (SeatAddition.period_id == period_id)),
        ) if session.scalar(select(func.count()).select_from(model).where(where))]
    if held:
        raise ServiceError(f"本单位本学年录有{'、'.join(held)}数据，不能零上报。零上报只用于确实没有数据可报的单位；"
                           "有数据请正常导出上报数据包。")
    kept = [f for f in findings if f[1] not in NO_DATA_RULES]
    return kept, errors - sum(1 for f in findings if f[1] in NO_DATA_RULES and f[2] == "error")
