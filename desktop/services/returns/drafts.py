"""Drafted 填写说明: when a year-over-year warning fires, the app writes the first draft.

The draft is built from the year's records and names them, e.g.

- "专任教师 −4：调出 2 人（张三、李四），退休 2 人（王五、赵六）；新进 0 人";
- "大班额 +3：一年级新增 3 个 57 人班";
- "培训学时达标率 −12.5 个百分点：2 人本周期新入职（…）".

Each draft carries the records behind it (type, id, label) so the GUI can open each one; the
clerk edits the text and saves it through ``checks.set_explanation`` like any 填写说明.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, Staff, Unit
from desktop.domain import classsize
from desktop.domain.codes import EndReason, Grade, Severity, StaffCategory
from desktop.domain.indicators.common import add_years
from desktop.domain.indicators.training import windows
from desktop.domain.numbers import amount
from desktop.domain.rules.expr import Lookup, names_in
from desktop.domain.rules.judge import Outcome
from desktop.domain.rules.model import Rule
from desktop.domain.targetset import INDICATORS, TargetSetSpec
from desktop.services.core.common import fetch
from desktop.services.indicators.compute import scope_units
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.returns.lastyear import LastYear
from desktop.services.returns.ruleruns import FigureSource, run_rules
from desktop.services.returns.rules import rules_for

SHORT = {"teachers": "专任教师", "staff": "教职工", "large_classes": "大班额", "oversized_classes": "超大班额",
         "temporary": "临聘人员", "backbone": "骨干教师", "students": "在校生", "classes": "班级"}
PEOPLE = ("teachers", "staff", "temporary", "backbone")


@dataclass(frozen=True, slots=True)
class DraftRecord:
    record_type: str  # staff | class
    record_id: int
    label: str


@dataclass(frozen=True, slots=True)
class DraftExplanation:
    rule: str
    unit_id: int
    record_key: str  # the unit code: the 填写说明 is attached to the unit's warning
    text: str
    records: tuple[DraftRecord, ...]


def subject(rule: Rule) -> str:
    """What the draft talks about: ``explain`` in the rule, else the left side's first figure or indicator."""
    if rule.explain:
        return rule.explain
    names = names_in(rule.left)
    if names:
        return names[0].name
    node = rule.left
    while not isinstance(node, Lookup) and hasattr(node, "inner"):
        node = node.inner
    if isinstance(node, Lookup) and node.kind == "indicator":
        return "training" if node.args[0].startswith("training.") else node.args[0]
    return ""


def _signed(v: float, places: int = 2) -> str:
    text = amount(abs(v), places)
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else "0")


def _headline(rule: Rule, what: str, outcome: Outcome) -> str:
    diff = outcome.diff
    label = SHORT.get(what) or (INDICATORS.get(rule.left_text.split('"')[1], rule.name)
                                if rule.left_text.startswith("indicator(") else rule.name)
    if diff is None:
        return label
    unit = " 个百分点" if rule.left_text.startswith("indicator(") else ""
    return f"{label} {_signed(diff, 1 if unit else 2)}{unit}"


def _names(people: list[tuple[int, str]]) -> str:
    return f"（{'、'.join(n for _, n in people)}）" if people else ""


def _people(session: Session, unit_ids: list[int], start: date, census: date, what: str,
            ) -> tuple[str, list[DraftRecord]]:
    teacher = StaffCategory.TEACHER.value
    only = [Staff.category == teacher] if what != "staff" else []
    if what == "temporary":
        only = [Staff.employment_form.in_(("3", "4"))]
    left = session.execute(select(Staff.id, Staff.name, Staff.end_reason).where(
        Staff.unit_id.in_(unit_ids), Staff.status == "ended", Staff.end_date > start, Staff.end_date <= census, *only)
        .order_by(Staff.end_reason, Staff.end_date, Staff.id)).all()
    joined = session.execute(select(Staff.id, Staff.name).where(
        Staff.unit_id.in_(unit_ids), Staff.join_date > start, Staff.join_date <= census, *only)
        .order_by(Staff.join_date, Staff.id)).all()
    by_reason: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for sid, name, reason in left:
        by_reason[EndReason.label_of(reason) or "离开"].append((sid, name))
    parts = [f"{label} {len(p)} 人{_names(p)}" for label, p in by_reason.items()]
    text = "，".join(parts) if parts else "离开 0 人"
    text += f"；新进 {len(joined)} 人{_names([(r.id, r.name) for r in joined])}"
    records = [DraftRecord("staff", sid, f"{name}（{EndReason.label_of(reason) or '离开'}）") for sid, name, reason in left]
    records += [DraftRecord("staff", r.id, f"{r.name}（新进）") for r in joined]
    return text, records


def _classes(session: Session, unit_ids: list[int], period: Period, prev: Period | None, what: str,
             spec: TargetSetSpec) -> tuple[str, list[DraftRecord]]:
    lo, hi = int(spec.setting("class_large_min")), int(spec.setting("class_oversized_min"))
    want = "large" if what == "large_classes" else "oversized"

    def band(grade: str, n: int) -> str | None:
        return classsize.band(grade, n, large_min=lo, oversized_min=hi)

    before: set[str] = set()
    if prev is not None:
        rows = session.execute(select(SchoolClass.uid, SchoolClass.grade, SchoolClass.enrolled).where(
            SchoolClass.unit_id.in_(unit_ids), SchoolClass.period_id == prev.id))
        before = {r.uid for r in rows if band(r.grade, r.enrolled or 0) == want}
    now = session.execute(select(SchoolClass.id, SchoolClass.grade, SchoolClass.name, SchoolClass.enrolled,
                                 SchoolClass.rolled_from_uid).where(
        SchoolClass.unit_id.in_(unit_ids), SchoolClass.period_id == period.id)
        .order_by(SchoolClass.grade, SchoolClass.name, SchoolClass.id)).all()
    new = [c for c in now if band(c.grade, c.enrolled or 0) == want and c.rolled_from_uid not in before]
    groups: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for c in new:
        groups[c.grade][c.enrolled] += 1
    parts = [f"{Grade.label_of(g)}新增 " + "、".join(f"{k} 个 {size} 人班" for size, k in sorted(sizes.items()))
             for g, sizes in groups.items()]
    text = "；".join(parts) if parts else "无新增"
    still = {c.rolled_from_uid for c in now if band(c.grade, c.enrolled or 0) == want}
    gone = len(before - still)
    if gone:
        text += f"；上年的{SHORT[what]}班级中 {gone} 个已毕业或人数已调整"
    return text, [DraftRecord("class", c.id, f"{c.name}（{c.enrolled}人）") for c in new]


def _new_this_cycle(session: Session, unit_ids: list[int], period: Period,
                    spec: TargetSetSpec) -> tuple[str, list[DraftRecord]]:
    start = windows(spec, period.census_date).cycle_start
    rows = session.execute(select(Staff.id, Staff.name).where(
        Staff.unit_id.in_(unit_ids), Staff.category == StaffCategory.TEACHER.value, Staff.status == "active",
        Staff.join_date >= start, Staff.join_date <= period.census_date).order_by(Staff.join_date, Staff.id)).all()
    people = [(r.id, r.name) for r in rows]
    text = f"{len(people)} 人本周期新入职{_names(people)}"
    if windows(spec, add_years(period.census_date, -1)).cycle_start != start:
        text = f"{start.year} 年起为新的培训周期，学时重新累计；" + text
    return text, [DraftRecord("staff", i, f"{n}（本周期新入职）")
                                                         for i, n in people]


def draft(session: Session, rule: Rule, outcome: Outcome, unit_id: int, period: Period,
          spec: TargetSetSpec) -> DraftExplanation:
    """The drafted 填写说明 for one fired year-over-year rule on one unit."""
    unit = session.get(Unit, unit_id)
    assert unit is not None
    ids = [u.id for u in scope_units(session, unit_id, period.census_date)]
    prev = session.scalars(select(Period).where(Period.school_year == period.school_year - 1)).first()
    start = prev.census_date if prev is not None else add_years(period.census_date, -1)
    what = subject(rule)
    if what in PEOPLE:
        body, records = _people(session, ids, start, period.census_date, what)
    elif what in ("large_classes", "oversized_classes"):
        body, records = _classes(session, ids, period, prev, what, spec)
    elif what == "training":
        body, records = _new_this_cycle(session, ids, period, spec)
    else:
        body, records = f"由 {amount(outcome.right[0] or 0, 2)} 变为 {amount(outcome.left or 0, 2)}，原因：", []
    return DraftExplanation(rule.code, unit_id, unit.code, f"{_headline(rule, what, outcome)}：{body}", tuple(records))


def draft_explanations(db: Database, unit_id: int, period_id: int, *, only: str | None = None,
                       ) -> list[DraftExplanation]:
    """A draft for every year-over-year warning that fires for the unit (and the units below it)."""
    with db.session() as session:
        fetch(session, Unit, unit_id, "单位")
        period = fetch(session, Period, period_id, "统计期")
        spec = spec_in_session(session, chosen_code(session, unit_id, period_id))
        rules = [r for r in rules_for(session, unit_id, period_id)
                 if r.year_over_year and r.severity is Severity.WARNING and not r.each and only in (None, r.code)]
        if not rules:
            return []
        source = FigureSource(session, unit_id, period, spec, last=LastYear(session, unit_id, period, spec, db=db))
        return [draft(session, h.rule, h.outcome, h.unit_id, period, spec)
                for h in run_rules(source, rules) if h.fired]


def draft_for(db: Database, unit_id: int, period_id: int, rule: str, record_key: str) -> DraftExplanation | None:
    """The draft for one warning (rule, unit code), or None when it is not a year-over-year warning that fires."""
    return next((d for d in draft_explanations(db, unit_id, period_id, only=rule)
                 if d.record_key == record_key), None)
