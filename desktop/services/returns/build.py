"""Returns (报表) use cases: list the returns of a unit, build one, export several to files.

The service owns the session; builders in ``desktop.reports.builders`` do the SQL.
The indicator engine's input (``services.indicators.load_input``) is loaded once
per export and shared by the certificate, training and indicator returns, so
their numbers are the engine's. Sum relations hold by construction; should one
fail, the files are still written, as drafts that say so (``write_returns_checked``),
and only the package export refuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Explanation, Period, SchoolClass, Staff, Unit, UnitPeriod
from desktop.data.queries import period_for_year, school_ids
from desktop.domain.check_rules import rule_label
from desktop.domain.codes import UnitKind
from desktop.domain.findings import Finding
from desktop.domain.indicators import IndicatorReport
from desktop.reports.builders import BUILDERS, BuildContext
from desktop.reports.definition import (
    DefinitionError,
    ReturnDefinition,
    get_definition,
    load_definitions,
)
from desktop.reports.formats import get_format
from desktop.reports.model import ExplanationLine, ReturnData, SignOff
from desktop.reports.relations import check_relations
from desktop.reports.text import MARKER_KEYS
from desktop.reports.yoy import yoy_lines
from desktop.services.core import audit
from desktop.services.core.errors import NotFoundError, ServiceError, file_in_use_refused
from desktop.services.core.users import SYSTEM, Actor, require


@dataclass(frozen=True, slots=True)
class ReturnInfo:  # what a return list shows
    code: str
    table_no: str
    title: str


def _scope(unit: Unit) -> str:
    return "school" if unit.kind == UnitKind.SCHOOL.value else "office"


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError("找不到该填报单位，请刷新后重试。")
    return unit


def list_returns(db: Database, unit_id: int) -> list[ReturnInfo]:
    """The returns this unit prints, in order (offices also get the office-only ones)."""
    with db.session() as session:
        scope = _scope(_unit(session, unit_id))
    return [ReturnInfo(d.code, d.table_no, d.title) for d in load_definitions() if scope in d.scopes]


def _definitions(codes: str | Iterable[str], scope: str) -> list[ReturnDefinition]:
    if isinstance(codes, str):
        codes = [c for c in codes.split(",") if c.strip()] if codes.strip() != "all" else ["all"]
    codes = [c.strip() for c in codes]
    try:
        if codes == ["all"]:
            return [d for d in load_definitions() if scope in d.scopes]
        defs = [get_definition(c) for c in codes]
    except DefinitionError as exc:
        raise ServiceError(str(exc)) from exc
    for d in defs:
        if scope not in d.scopes:
            raise ServiceError(f"《{d.title}》只用于{'教育局' if scope == 'school' else '学校'}，本单位不需要填报。")
    return defs


_ENGINE_BUILDERS = ("credentials", "training", "indicators")
DETAIL_BUILDERS = ("profile", "roster", "structure")  # built from rows a package carries, nothing else


def _engine_inputs(session: Session, unit: Unit, period: Period, target_set: str | None) -> dict[str, Any]:
    """The indicator engine's input and report, loaded once for every return that needs them."""
    from desktop.domain.indicators import compute
    from desktop.services.indicators.compute import load_input
    from desktop.services.indicators.targets import chosen_code, spec_in_session

    spec = spec_in_session(session, target_set or chosen_code(session, unit.id, period.id))
    inp = load_input(session, unit.id, period, spec)
    report = IndicatorReport(unit_id=unit.id, period_id=period.id, target_set_code=spec.code,
                             results=compute(inp, spec))
    return {"indicator_input": inp, "target_spec": spec, "indicator_report": report,
            "target_set_name": spec.name}


def _record_labels(session: Session, keys: set[str]) -> dict[str, str]:
    """uid (staff, class) or unit code → a readable name; ID numbers never appear."""
    out: dict[str, str] = {}
    if not keys:
        return out
    for uid, name in session.execute(select(Staff.uid, Staff.name).where(Staff.uid.in_(keys))):
        out[uid] = name
    for uid, name, uname in session.execute(
        select(SchoolClass.uid, SchoolClass.name, Unit.name).join(Unit, Unit.id == SchoolClass.unit_id)
        .where(SchoolClass.uid.in_(keys))
    ):
        out[uid] = f"{uname} {name}"
    for code, name in session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(keys))):
        out[code] = name
    return out


def _explanations(session: Session, unit: Unit, period: Period) -> tuple[ExplanationLine, ...]:
    rows = list(session.scalars(
        select(Explanation)
        .where(Explanation.unit_id == unit.id, Explanation.period_id == period.id)
        .order_by(Explanation.rule, Explanation.id)
    ))
    names = _record_labels(session, {e.record_key for e in rows if e.record_key})
    return tuple(ExplanationLine(rule_label(e.rule), e.text, names.get(e.record_key, e.record_key))
                 for e in rows)


def _counted_schools(session: Session, unit: Unit, period: Period) -> list[int]:
    """The schools a return of ``period`` counts: those open on its census date (``data.queries``).

    The same rule as the indicators, so a return and the indicators printed beside it agree."""
    return school_ids(session, unit.id, include_closed=False, counted_on=period.census_date)


_Common = tuple[UnitPeriod | None, tuple[int, ...], tuple[ExplanationLine, ...]]


def _common(session: Session, unit: Unit, period: Period) -> _Common:
    """What every return of one unit and period reads alike: its period row, counted schools and 填报说明.

    Read once for all the returns built together (the import recomputes three per package)."""
    up = session.scalars(
        select(UnitPeriod).where(UnitPeriod.unit_id == unit.id, UnitPeriod.period_id == period.id)
    ).first()
    return up, tuple(_counted_schools(session, unit, period)), _explanations(session, unit, period)


def _build(session: Session, definition: ReturnDefinition, unit: Unit, period: Period, *,
           full_ids: bool, extra: dict[str, Any], common: _Common | None = None) -> ReturnData:
    scope = _scope(unit)
    variant = definition.variant(scope)
    up, school_ids, explanations = common if common is not None else _common(session, unit, period)
    ctx = BuildContext(
        session=session, unit=unit, period=period, school_ids=school_ids,
        scope=scope, variant=variant, full_ids=full_ids, extra=extra,
    )
    built = BUILDERS[definition.builder](ctx)
    header = {"表号": definition.table_no, "制定机关": definition.issuer, "批准文号": definition.approval_no}
    overrides = (up.return_overrides or {}).get(definition.code, {}) if up else {}
    header |= {k: str(v) for k, v in overrides.items() if k in MARKER_KEYS}
    header |= built.header
    signoff = SignOff(
        head=(up.head_name or "") if up else "", statistician=(up.statistician_name or "") if up else "",
        preparer=(up.preparer_name or "") if up else "", phone=(up.phone or "") if up else "",
        report_date=up.report_date if up else None, proxy_by=(up.proxy_by or "") if up else "",
    )
    return ReturnData(
        definition=definition, variant=variant, unit_code=unit.code, unit_name=unit.name,
        school_year=period.school_year, census_date=period.census_date, rows=built.rows, header=header,
        info=built.info, signoff=signoff, explanations=explanations,
    )


def build_returns(
    db: Database, codes: str | Iterable[str], unit_id: int, period_id: int, *,
    full_ids: bool = False, target_set: str | None = None,
) -> list[ReturnData]:
    with db.session() as session:
        return build_returns_in(session, codes, unit_id, period_id, full_ids=full_ids, target_set=target_set)


def build_returns_in(
    session: Session, codes: str | Iterable[str], unit_id: int, period_id: int, *,
    full_ids: bool = False, target_set: str | None = None,
) -> list[ReturnData]:
    """``build_returns`` inside the caller's session (consolidation reads in one snapshot)."""
    unit = _unit(session, unit_id)
    defs = _definitions(codes, _scope(unit))
    period = session.get(Period, period_id)
    if period is None:
        raise NotFoundError("找不到该统计期，请先选择学年。")
    extra: dict[str, Any] = {}
    if any(d.builder in _ENGINE_BUILDERS for d in defs):
        extra = _engine_inputs(session, unit, period, target_set)
    common = _common(session, unit, period)
    built = [_build(session, d, unit, period, full_ids=full_ids, extra=extra, common=common) for d in defs]
    return _with_last_year(session, built, unit, period, full_ids=full_ids, target_set=target_set)


def _reported(session: Session, unit: Unit, period: Period) -> bool:
    """Whether the unit reported in ``period``: a school below it (or itself) has classes there."""
    ids = _counted_schools(session, unit, period)
    return any(session.scalars(select(SchoolClass.id).where(
        SchoolClass.period_id == period.id, SchoolClass.unit_id.in_(ids[i:i + 900])).limit(1)).first() is not None
        for i in range(0, len(ids), 900))


def _with_last_year(session: Session, returns: list[ReturnData], unit: Unit, period: Period, *,
                    full_ids: bool, target_set: str | None) -> list[ReturnData]:
    """Add the 上年、本年、增减（%） lines to the returns whose definition asks for them.

    Last year is the previous period of this database when the unit reported in it (it has
    classes there, as ``ruleruns`` decides); otherwise the returns print no such lines. The previous year's return is built with the same builder."""
    wanted = [d for d in (r.definition for r in returns) if d.year_over_year is not None]
    prev = period_for_year(session, period.school_year - 1) if wanted else None
    if prev is None or not _reported(session, unit, prev):
        return returns
    extra: dict[str, Any] = {}
    if any(d.builder in _ENGINE_BUILDERS for d in wanted):
        extra = _engine_inputs(session, unit, prev, target_set)
    out = []
    for data in returns:
        spec = data.definition.year_over_year
        if spec is not None:
            last = _build(session, data.definition, unit, prev, full_ids=full_ids, extra=extra)
            data = replace(data, yoy=yoy_lines(spec, data, last))
        out.append(data)
    return out


def all_return_codes() -> list[str]:
    """Every return's code (``data_fingerprints`` keeps those that apply to a unit)."""
    return [d.code for d in load_definitions()]


def data_fingerprints(session: Session, unit_id: int, period_id: int, codes: Iterable[str]) -> dict[str, str]:
    """Fingerprints of those returns among ``codes`` that are built from the detail rows alone.

    Only ``DETAIL_BUILDERS``: returns that go through the indicator engine
    (credentials, training, indicators) also depend on the target set chosen in
    that database, and an office's submissions/seat_progress on its own
    submission records and task table — none of which a package carries — so
    another database may legitimately compute them differently. Used by the package import to recompute
    what the sender's manifest claims, inside the import's own transaction.
    """
    unit = _unit(session, unit_id)
    period = session.get(Period, period_id)
    if period is None:
        raise NotFoundError("找不到该统计期，请先选择学年。")
    scope = _scope(unit)
    known = {d.code: d for d in load_definitions() if scope in d.scopes}
    defs = [known[c] for c in codes if c in known and known[c].builder in DETAIL_BUILDERS]
    common = _common(session, unit, period) if defs else None
    return {d.code: _build(session, d, unit, period, full_ids=False, extra={}, common=common).fingerprint
            for d in defs}


def build_return(
    db: Database, code: str, unit_id: int, period_id: int, *,
    full_ids: bool = False, target_set: str | None = None,
) -> ReturnData:
    """One filled return for a unit and period (a school's layout or an office's)."""
    return build_returns(db, [code], unit_id, period_id, full_ids=full_ids, target_set=target_set)[0]


def file_stem(data: ReturnData) -> str:
    return f"{data.unit_code}_{data.school_year}学年_报表"


@dataclass(frozen=True)
class Exported:
    """Files written, and the sum relations that failed (then every file is a draft)."""

    paths: list[Path]
    failed: list[Finding]

    @property
    def is_draft(self) -> bool:
        return bool(self.failed)

    def summary(self) -> str:
        """One Chinese sentence for a draft (empty when every relation holds)."""
        if not self.failed:
            return ""
        return (f"报表有 {len(self.failed)} 处合计关系不成立，已导出为草稿（校验未通过），"
                f"不能作为正式报表上报，数据包也暂不能导出。{self.failed[0].message}")


def export_returns(
    db: Database, unit_id: int, period_id: int, codes: str | Sequence[str], formats: Sequence[str],
    out_dir: Path, *, full_ids: bool = False, target_set: str | None = None, actor: Actor | None = None,
) -> list[Path]:
    """``export_returns_checked`` giving only the paths (the command line and older callers)."""
    return export_returns_checked(db, unit_id, period_id, codes, formats, out_dir, full_ids=full_ids,
                                  target_set=target_set, actor=actor).paths


def export_returns_checked(
    db: Database, unit_id: int, period_id: int, codes: str | Sequence[str], formats: Sequence[str],
    out_dir: Path, *, full_ids: bool = False, target_set: str | None = None, actor: Actor | None = None,
) -> Exported:
    """Write the chosen returns as one file per format (a workbook, a PDF) into ``out_dir``.

    A return whose sum relations fail is still written, as a draft (草稿（校验未通过）,
    with the failures listed on it and ``_草稿`` in the file name); ``Exported.failed``
    says which. Full ID numbers need the admin role (the GUI passes its signed-in
    ``actor``; the command line acts as 系统, whoever can run it holds the file
    anyway) and are recorded in the audit log.
    """
    if full_ids and actor is not None:
        require(actor, "export_full_ids")
    _writers(formats)  # an unknown format is refused before any reading
    returns = build_returns(db, codes, unit_id, period_id, full_ids=full_ids, target_set=target_set)
    out = write_returns_checked(returns, formats, out_dir, suffix="_含完整证件号" if full_ids else "")
    if full_ids:
        with db.session(write=True) as session:
            audit.log(session, actor=(actor or SYSTEM).username, action="export_full_ids", table="staff",
                      unit_id=unit_id, period_id=period_id, changes={"returns": (None, [r.code for r in returns])},
                      reason="导出含完整证件号的报表：" + "、".join(p.name for p in out.paths))
    return out


def _writers(formats: Sequence[str]) -> list[Any]:
    try:
        return [get_format(f) for f in formats]
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def relation_failures(returns: Sequence[ReturnData]) -> list[Finding]:
    return [f for r in returns for f in check_relations(r)]


def mark_drafts(returns: Sequence[ReturnData]) -> tuple[list[ReturnData], list[Finding]]:
    """The returns with their failed relations attached (drafts), and all the failures."""
    marked: list[ReturnData] = []
    failed: list[Finding] = []
    for r in returns:
        found = check_relations(r)
        failed += found
        marked.append(replace(r, failed_relations=tuple(f.message for f in found)) if found else r)
    return marked, failed


def write_returns(returns: Sequence[ReturnData], formats: Sequence[str], out_dir: Path, *,
                  suffix: str = "") -> list[Path]:
    return write_returns_checked(returns, formats, out_dir, suffix=suffix).paths


def write_returns_checked(returns: Sequence[ReturnData], formats: Sequence[str], out_dir: Path, *,
                          suffix: str = "") -> Exported:
    """Write already built returns, one file per format; a failed sum relation makes them drafts."""
    writers = _writers(formats)
    marked, failed = mark_drafts(returns)
    out_dir = Path(out_dir)
    stem = file_stem(marked[0]) if len(marked) > 1 else f"{file_stem(marked[0])}_{marked[0].code}"
    if failed:
        suffix = f"{suffix}_草稿"
    with file_in_use_refused():
        return Exported([w.write(list(marked), out_dir / f"{stem}{suffix}{w.suffix}") for w in writers], failed)
