"""Checks (数据检查) before a return is marked ready, and their written explanations (填写说明).

Hard errors (an ID used twice, hours ≤ 0, a school without classes, boarders
above enrolment …) block marking ready. Warnings (大班额, a certificate below the
stage taught, an overdue 定期注册, a teacher behind the training pace …) block it
only until someone writes an explanation, which is stored per unit and period
and prints on the return. Every finding names its record (record_type +
record_id) so the GUI can jump to it; ``record_key`` (the record's uid, or the
unit code for unit-level findings) is what an explanation is attached to.

Warnings reuse the indicator engine's drill-down, so a check and the indicator
behind it can never disagree. The checks that compare figures (a school without
classes, boarders above enrolment, the 临聘 share, every year-over-year and
plausibility check) are rule files run by ``ruleruns`` (``docs/rules.md``); what
stays here needs code: duplicate IDs, training records filtered in SQL, the
certificate table and the indicators' drill-down.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.collection import paused_gc
from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Explanation,
    Period,
    SchoolClass,
    Staff,
    Submission,
    TrainingRecord,
    Unit,
    UnitPeriod,
)
from desktop.domain.check_rules import FROM_INDICATORS
from desktop.domain.codes import Severity, SubmissionKind
from desktop.domain.findings import Finding
from desktop.domain.idcard import mask_id
from desktop.domain.indicators import IndicatorReport, IndicatorResult, compute
from desktop.domain.indicators.certs import certificate_issue
from desktop.domain.indicators.common import Context
from desktop.domain.indicators.inputs import IndicatorInput
from desktop.domain.numbers import amount
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError
from desktop.services.indicators import cache as indicator_cache
from desktop.services.indicators.compute import load_input
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.returns.lastyear import LastYear
from desktop.services.returns.ruleruns import FigureSource, findings, run_rules
from desktop.services.returns.rules import rules_for


@dataclass(frozen=True, slots=True)
class CheckedFinding:
    finding: Finding
    unit_id: int
    record_key: str  # uid of the record, or the unit code for a unit-level finding
    explanation: str | None = None

    @property
    def needs_explanation(self) -> bool:
        return self.finding.severity is Severity.WARNING and not self.explanation


@dataclass(frozen=True, slots=True)
class CheckResult:
    unit_id: int
    period_id: int
    items: tuple[CheckedFinding, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(i.finding for i in self.items)

    def errors(self) -> list[CheckedFinding]:
        return [i for i in self.items if i.finding.is_error]

    def warnings(self) -> list[CheckedFinding]:
        return [i for i in self.items if not i.finding.is_error]

    def unexplained(self) -> list[CheckedFinding]:
        return [i for i in self.items if i.needs_explanation]

    def counts_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(i.finding.rule for i in self.items).items()))

    @property
    def can_mark_ready(self) -> bool:
        return not self.errors() and not self.unexplained()


@dataclass(frozen=True, slots=True)
class ExplanationRecord:  # 填写说明
    id: int
    unit_id: int
    period_id: int
    rule: str
    record_key: str
    text: str
    author: str | None
    updated_at: datetime


def _f(severity: Severity, field: str, message: str, rule: str, record_type: str, record_id: int) -> Finding:
    return Finding(field, severity, message, rule, record_type, record_id)


def _excused(session: Session, unit_ids: list[int], period_id: int) -> set[int]:
    """Schools an office holds a 零上报 of, or has recorded a reason for not reporting (issue 23):
    they have no classes to report, and the office's checks must not demand them."""
    if not unit_ids:
        return set()
    zero = {u for u, extra in session.execute(select(Submission.unit_id, Submission.extra).where(
        Submission.unit_id.in_(unit_ids), Submission.period_id == period_id, Submission.superseded_by_id.is_(None),
        Submission.kind == SubmissionKind.RECEIVED.value)) if (extra or {}).get("zero_report")}
    absent = set(session.scalars(select(UnitPeriod.unit_id).where(
        UnitPeriod.unit_id.in_(unit_ids), UnitPeriod.period_id == period_id, UnitPeriod.absence_reason.is_not(None))))
    return zero | absent


def _data_errors(session: Session, inp: IndicatorInput) -> list[tuple[Finding, int]]:
    out: list[tuple[Finding, int]] = []
    err = Severity.ERROR
    unit_ids = [u.id for u in inp.units]
    out += _duplicate_people(session, unit_ids)
    t = TrainingRecord
    bad = session.execute(
        select(t.id, t.title, t.hours, t.start_date, t.end_date, Staff.name, Staff.unit_id)
        .join(Staff, Staff.id == t.staff_id)
        .where(Staff.unit_id.in_(unit_ids), Staff.status == "active", or_(t.hours <= 0, t.end_date < t.start_date))
        .order_by(t.id))
    for b in bad:
        if b.hours <= 0:
            out.append((_f(err, "hours", f"{b.name}的培训“{b.title}”学时为 {amount(b.hours)}，学时必须大于 0。",
                           "training.hours_invalid", "training", b.id), b.unit_id))
        if b.end_date < b.start_date:
            out.append((_f(err, "end_date", f"{b.name}的培训“{b.title}”结束日期早于开始日期。",
                           "training.dates", "training", b.id), b.unit_id))
    return out


def _duplicate_people(session: Session, unit_ids: list[int]) -> list[tuple[Finding, int]]:
    """One person (ID number) active at two schools: checked against the whole database.

    A county's or city's database holds every school below it after importing their
    packages, so a school's check also finds the same person still active at a school of
    another county. The finding names both schools and both records.
    """
    me, other = aliased(Staff, name="me"), aliased(Staff, name="other")
    here, there = aliased(Unit, name="here"), aliased(Unit, name="there")
    rows = session.execute(
        select(me.id, me.unit_id, me.name, me.id_number, me.uid, here.code, here.name,
               other.id, other.name, other.uid, there.code, there.name)
        .join(other, and_(other.id_digest == me.id_digest, other.id != me.id, other.status == "active"))
        .join(here, here.id == me.unit_id).join(there, there.id == other.unit_id)
        .where(me.unit_id.in_(unit_ids), me.status == "active", me.id_digest != "")
        .order_by(me.id, other.id)).all()
    out: list[tuple[Finding, int]] = []
    for r in rows:
        where = "本校另一条记录" if r[1] == r[7] else f"{r[10]} {r[11]}"
        out.append((_f(Severity.ERROR, "id_number",
                       f"{r[2]}（证件号 {mask_id(r[3])}，{r[5]} {r[6]}，记录 {r[4][:8]}）与 {where} 的在职人员"
                       f"{r[8]}（记录 {r[9][:8]}）是同一证件号码。同一人只能在一所学校在职：请核对号码，"
                       "或由调出学校办理调出、调入学校确认调入。", "staff.duplicate_id", "staff", r[0]), r[1]))
    return out


def _certificate_warnings(ctx: Context) -> list[tuple[Finding, int]]:
    out: list[tuple[Finding, int]] = []
    for s in ctx.teachers:
        certs = ctx.certs_by_staff.get(s.id, [])
        issue = certificate_issue(certs, ctx.stage_of(s))
        if issue is None:
            continue
        rule, why = issue
        hint = "请核对任教学段或补录证书" if rule == "cert.above_stage" else "请补录有效的教师资格证，或说明原因"
        out.append((_f(Severity.WARNING, "teaching_stage", f"{s.name}：{why}。{hint}。", rule, "staff", s.id), s.unit_id))
    return out


def _indicator_warnings(results: Iterable[IndicatorResult], ctx: Context) -> list[tuple[Finding, int]]:
    out: list[tuple[Finding, int]] = []
    seen: set[tuple[str, str, int]] = set()
    for r in results:
        rule_msg = FROM_INDICATORS.get(r.code)
        if rule_msg is None:
            continue
        rule, what = rule_msg
        for item in r.failures:
            key = (rule, item.record_type, item.record_id)
            if key in seen:
                continue
            seen.add(key)
            out.append((_f(Severity.WARNING, r.code, f"{item.label}：{item.detail}。{what}。", rule,
                           item.record_type, item.record_id), item.unit_id))
    return out


def _record_keys(session: Session, findings: list[tuple[Finding, int]]) -> dict[tuple[str, int], str]:
    """record_type, record_id → uid (unit code for units)."""
    wanted: dict[str, set[int]] = {}
    for f, _ in findings:
        if f.record_id is not None:
            wanted.setdefault(f.record_type, set()).add(f.record_id)
    models = {"staff": Staff, "class": SchoolClass, "credential": Credential, "training": TrainingRecord}
    out: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        id_list = sorted(ids)
        for i in range(0, len(id_list), 900):
            chunk = id_list[i:i + 900]
            if kind == "unit":
                rows = session.execute(select(Unit.id, Unit.code).where(Unit.id.in_(chunk)))
            elif kind in models:
                m = models[kind]
                rows = session.execute(select(m.id, m.uid).where(m.id.in_(chunk)))  # type: ignore[attr-defined]
            else:
                continue
            out.update({(kind, r[0]): str(r[1]) for r in rows})
    return out


def run_checks(db: Database, unit_id: int, period_id: int) -> CheckResult:
    """Every check for the unit (a school, or an office over everything below it) and period."""
    return checks_and_indicators(db, unit_id, period_id)[0]


def checks_and_indicators(db: Database, unit_id: int, period_id: int, *,
                          stamp_before: str | None = None) -> tuple[CheckResult, IndicatorReport]:
    """The checks and the indicators of the period's chosen target set, from one load of the detail.

    The checks compute every indicator anyway (their warnings come from the failing ones); the
    报表 page used to load the county's detail a second time for the same indicators. Given the
    data stamp taken before the call, the indicators kept under it (``services.indicators.cache``)
    are used rather than computed, and the ones computed here are kept for the next caller.
    """
    with db.session() as session, paused_gc():  # many acyclic rows: see indicators.compute._report
        fetch(session, Unit, unit_id, "单位")
        period = fetch(session, Period, period_id, "统计期")
        spec = spec_in_session(session, chosen_code(session, unit_id, period_id))
        kept_as = indicator_cache.key_for(db, unit_id, period_id, spec)
        kept = indicator_cache.kept(db, kept_as, stamp_before) if stamp_before else None
        inp = load_input(session, unit_id, period, spec)
        ctx = Context(inp, spec)
        results = kept.results if kept is not None else compute(inp, spec)
        source = FigureSource(session, unit_id, period, spec, last=LastYear(session, unit_id, period, spec, db=db),
                              inp=inp, results=results)
        # A school the office holds a 零上报 of, or has a reason for not reporting, has nothing the rules could judge.
        with_classes = {c.unit_id for c in inp.classes}
        excused = _excused(session, [u.id for u in inp.units if u.id not in with_classes], period_id)
        ruled = [(f, uid) for f, uid in findings(run_rules(source, rules_for(session, unit_id, period_id)))
                 if uid not in excused]
        found = _data_errors(session, inp) + _certificate_warnings(ctx) + _indicator_warnings(results, ctx) + ruled
        keys = _record_keys(session, found)
        explained = {(e.rule, e.record_key): e.text for e in session.scalars(select(Explanation).where(
            Explanation.unit_id.in_([u.id for u in inp.units]), Explanation.period_id == period_id))}
    items = []
    for f, owner in found:
        key = keys.get((f.record_type, f.record_id or 0), "")
        text = explained.get((f.rule, key)) if not f.is_error else None
        items.append(CheckedFinding(f, owner, key, text))
    items.sort(key=lambda i: (not i.finding.is_error, i.finding.rule, i.unit_id, i.finding.record_id or 0))
    report = IndicatorReport(unit_id=unit_id, period_id=period_id, target_set_code=spec.code, results=results)
    if stamp_before and kept is None:
        indicator_cache.keep(db, kept_as, stamp_before, report)
    return CheckResult(unit_id, period_id, tuple(items)), report


def _explanation_record(e: Explanation) -> ExplanationRecord:
    return ExplanationRecord(id=e.id, unit_id=e.unit_id, period_id=e.period_id, rule=e.rule, record_key=e.record_key,
                             text=e.text, author=e.author, updated_at=e.updated_at)


def _checked_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ServiceError("填写说明不能为空，请写明出现该情况的原因和处理计划。")
    if len(text) > 500:
        raise ServiceError(f"填写说明最多 500 字，现在是 {len(text)} 字，请精简。")
    return text


def _set_in(session: Session, unit_id: int, period_id: int, rule: str, record_key: str, text: str,
            actor: str) -> Explanation:
    row = session.scalars(select(Explanation).where(
        Explanation.unit_id == unit_id, Explanation.period_id == period_id, Explanation.rule == rule,
        Explanation.record_key == record_key)).first()
    old = row.text if row else None
    if row is None:
        row = Explanation(unit_id=unit_id, period_id=period_id, rule=rule, record_key=record_key, text=text,
                          author=actor)
        session.add(row)
    else:
        row.text, row.author = text, actor
    session.flush()
    audit.log(session, actor=actor, action="update" if old else "create", table="explanations",
              record_id=row.id, changes={"text": (old, text)}, unit_id=unit_id, period_id=period_id)
    return row


def set_explanation(db: Database, unit_id: int, period_id: int, rule: str, record_key: str, text: str,
                    actor: str = "system") -> ExplanationRecord:
    """Write (or rewrite) the 填写说明 for one warning; it prints on the return."""
    text = _checked_text(text)
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        fetch(session, Period, period_id, "统计期")
        ensure_editable(session, unit_id, period_id)
        return _explanation_record(_set_in(session, unit_id, period_id, rule, record_key, text, actor))


def set_explanations(db: Database, unit_id: int, period_id: int, warnings: Iterable[tuple[str, str]], text: str,
                     actor: str = "system") -> int:
    """One 填写说明 for many warnings at once ((rule, record_key) pairs), in one transaction.

    A county explains 2,000 warnings of one rule with one text instead of typing it 2,000 times;
    each warning still gets its own row (and audit entry), so each prints and can be changed alone.
    """
    text = _checked_text(text)
    chosen = list(dict.fromkeys(warnings))
    if not chosen:
        raise ServiceError("请先选中要填写说明的警告。")
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        fetch(session, Period, period_id, "统计期")
        ensure_editable(session, unit_id, period_id)
        for rule, record_key in chosen:
            _set_in(session, unit_id, period_id, rule, record_key, text, actor)
    return len(chosen)


def list_explanations(db: Database, unit_id: int, period_id: int) -> list[ExplanationRecord]:
    with db.session() as session:
        rows = session.scalars(select(Explanation).where(
            Explanation.unit_id == unit_id, Explanation.period_id == period_id
        ).order_by(Explanation.rule, Explanation.record_key))
        return [_explanation_record(e) for e in rows]


def explain_rules(db: Database, unit_id: int, period_id: int, rules: Iterable[str], text: str,
                  actor: str = "system") -> int:
    """One 填写说明 for every unexplained warning of ``rules`` (the command line's bulk explanation,
    as the 报表 page's 选中同类 does); returns how many were explained."""
    wanted = set(rules)
    result = run_checks(db, unit_id, period_id)
    chosen = [(i.finding.rule, i.record_key) for i in result.unexplained() if i.finding.rule in wanted]
    if not chosen:
        raise ServiceError("没有需要填写说明的警告：" + ("、".join(sorted(wanted)) or "（未指定规则）")
                           + " 的警告都已有说明，或本期没有这些警告。")
    return set_explanations(db, unit_id, period_id, chosen, text, actor)
