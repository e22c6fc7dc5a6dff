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

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Explanation,
    Period,
    SchoolClass,
    Staff,
    TrainingRecord,
    Unit,
)
from desktop.domain.check_rules import FROM_INDICATORS
from desktop.domain.codes import Severity
from desktop.domain.findings import Finding
from desktop.domain.idcard import mask_id
from desktop.domain.indicators import IndicatorResult, compute
from desktop.domain.indicators.certs import certificate_issue
from desktop.domain.indicators.common import Context
from desktop.domain.indicators.inputs import IndicatorInput
from desktop.domain.numbers import amount
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError
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


def _data_errors(session: Session, inp: IndicatorInput) -> list[tuple[Finding, int]]:
    out: list[tuple[Finding, int]] = []
    err = Severity.ERROR
    unit_ids = [u.id for u in inp.units]
    dup_digests = select(Staff.id_digest).where(
        Staff.unit_id.in_(unit_ids), Staff.status == "active", Staff.id_digest != "",
    ).group_by(Staff.id_digest).having(func.count() > 1)
    rows = session.execute(select(Staff.id, Staff.unit_id, Staff.name, Staff.id_number).where(
        Staff.unit_id.in_(unit_ids), Staff.status == "active", Staff.id_digest.in_(dup_digests)).order_by(Staff.id))
    for r in rows:
        out.append((_f(err, "id_number", f"{r.name} 的证件号码 {mask_id(r.id_number)} 与另一名在职人员相同。同一人只能有一条在职记录，"
                                         "请核对号码或在重复的记录上办理调出。", "staff.duplicate_id", "staff", r.id), r.unit_id))
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
    with db.session() as session:
        fetch(session, Unit, unit_id, "单位")
        period = fetch(session, Period, period_id, "统计期")
        spec = spec_in_session(session, chosen_code(session, unit_id, period_id))
        inp = load_input(session, unit_id, period, spec)
        ctx = Context(inp, spec)
        results = compute(inp, spec)
        source = FigureSource(session, unit_id, period, spec, last=LastYear(session, unit_id, period, spec, db=db),
                              inp=inp, results=results)
        found = (_data_errors(session, inp) + _certificate_warnings(ctx) + _indicator_warnings(results, ctx)
                 + findings(run_rules(source, rules_for(session, unit_id, period_id))))
        keys = _record_keys(session, found)
        explained = {(e.rule, e.record_key): e.text for e in session.scalars(select(Explanation).where(
            Explanation.unit_id.in_([u.id for u in inp.units]), Explanation.period_id == period_id))}
    items = []
    for f, owner in found:
        key = keys.get((f.record_type, f.record_id or 0), "")
        text = explained.get((f.rule, key)) if not f.is_error else None
        items.append(CheckedFinding(f, owner, key, text))
    items.sort(key=lambda i: (not i.finding.is_error, i.finding.rule, i.unit_id, i.finding.record_id or 0))
    return CheckResult(unit_id, period_id, tuple(items))


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
