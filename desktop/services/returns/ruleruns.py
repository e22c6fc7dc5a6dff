"""Running data-quality rules over a unit and period: the names resolved against the database.

``run_rules`` judges every rule on every unit (or class) of its scope below the unit the
checks run for, and returns one ``RuleHit`` per judgement — passed, fired, 无上年数据 or
无数据 — so the checks keep the fired ones and the test bench counts them all.

The figures come from the indicator engine's input (``services.indicators.compute``), loaded
once for the unit and split per school; last year's come from ``lastyear``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.models import Period, Staff, TrainingRecord
from desktop.data.queries import in_post_on
from desktop.domain.codes import Grade, StaffCategory, UnitKind
from desktop.domain.findings import Finding
from desktop.domain.indicators import IndicatorInput, IndicatorResult, UnitRow
from desktop.domain.indicators.common import Context, school_stages
from desktop.domain.indicators.engine import STEPS
from desktop.domain.rules.expr import Lookup, Name, NoPrevYear, Resolver, Value, names_in
from desktop.domain.rules.figures import basis, figure, year_start
from desktop.domain.rules.judge import Outcome, judge, no_previous
from desktop.domain.rules.model import Rule
from desktop.domain.targetset import TargetSetSpec
from desktop.services.indicators.compute import load_input, split_by_school
from desktop.services.returns.build import build_returns_in

SCHOOL = UnitKind.SCHOOL.value
# indicator code → the engine step that computes it, learnt from the first full computation.
_STEP_OF: dict[str, Callable[[Context], None]] = {}


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule: Rule
    unit_id: int
    unit_name: str
    outcome: Outcome
    record_type: str = "unit"
    record_id: int = 0

    @property
    def fired(self) -> bool:
        return self.outcome.fired


def leavers(session: Session, unit_ids: Sequence[int], census: date) -> dict[int, dict[str, float]]:
    """unit → {teachers_left, staff_left}: people whose record ended in the year up to ``census``."""
    out: dict[int, dict[str, float]] = defaultdict(lambda: {"teachers_left": 0.0, "staff_left": 0.0})
    teacher = StaffCategory.TEACHER.value
    for i in range(0, len(unit_ids), 900):
        rows = session.execute(
            select(Staff.unit_id, Staff.category, func.count()).where(
                Staff.unit_id.in_(unit_ids[i:i + 900]), Staff.status == "ended",
                Staff.end_date > year_start(census), Staff.end_date <= census)
            .group_by(Staff.unit_id, Staff.category))
        for unit_id, category, n in rows:
            out[unit_id]["staff_left"] += n
            if category == teacher:
                out[unit_id]["teachers_left"] += n
    return out


def year_hours(session: Session, unit_ids: Sequence[int], census: date) -> dict[int, float]:
    """unit → training hours of its 专任教师 in post, in the 12 months up to ``census`` (the engine's
    input sums the last year only when a unit has 教研员, so the rules ask for it here)."""
    out: dict[int, float] = defaultdict(float)
    for i in range(0, len(unit_ids), 900):
        rows = session.execute(
            select(Staff.unit_id, func.coalesce(func.sum(TrainingRecord.hours), 0.0))
            .join(TrainingRecord, TrainingRecord.staff_id == Staff.id)
            .where(Staff.unit_id.in_(unit_ids[i:i + 900]), Staff.category == StaffCategory.TEACHER.value,
                   in_post_on(census), TrainingRecord.hours > 0, TrainingRecord.end_date > year_start(census),
                   TrainingRecord.end_date <= census)
            .group_by(Staff.unit_id))
        for unit_id, hours in rows:
            out[unit_id] += float(hours)
    return out


@dataclass
class UnitFigures(Resolver):
    """The figures of one unit (and everything below it) for one period."""

    session: Session
    unit: UnitRow
    period: Period
    inp: IndicatorInput
    spec: TargetSetSpec
    extra: dict[str, float]
    last: Callable[[], UnitFigures | None] = lambda: None
    hours: Callable[[], float] = lambda: 0.0
    _results: tuple[IndicatorResult, ...] | None = None
    _cells: dict[str, dict[tuple[str, str], Value]] = field(default_factory=dict)

    def _previous(self, rows: str = "staff") -> UnitFigures:
        prev = self.last()
        if prev is None or not getattr(prev.inp, rows):  # e.g. last year's period holds no classes
            raise NoPrevYear(self.unit.id)
        return prev

    def name(self, ref: Name, prev: bool) -> Value:
        if prev:
            return self._previous(basis(ref.name)).name(ref, False)
        if ref.name == "training_hours_year" and ref.name not in self.extra:
            self.extra[ref.name] = self.hours()  # a query over the training table: only when asked
        return figure(ref.name, ref.arg, self.inp, self.spec, self.extra)

    def indicator(self, code: str, stage: str | None) -> IndicatorResult | None:
        if self._results is None:
            step = _STEP_OF.get(code)
            if step is None:  # not learnt yet: run every step once and learn which gives what
                ctx = Context(self.inp, self.spec)
                for s in STEPS:
                    before = len(ctx.results)
                    s(ctx)
                    _STEP_OF.update({r.code: s for r in ctx.results[before:]})
                self._results = tuple(ctx.results)
            else:  # only the step that computes it (a county's rules ask 300 schools for one indicator)
                ctx = Context(self.inp, self.spec)
                step(ctx)
                return next((r for r in ctx.results if r.code == code and r.stage == stage), None)
        return next((r for r in self._results if r.code == code and r.stage == stage), None)

    def lookup(self, ref: Lookup, prev: bool) -> Value:
        if prev:
            return self._previous().lookup(ref, False)
        if ref.kind in ("indicator", "target"):
            r = self.indicator(ref.args[0], ref.args[1] if len(ref.args) > 1 else None)
            if r is None:
                return None
            return r.value if ref.kind == "indicator" else r.target
        return self.cell(*ref.args)

    def cell(self, code: str, row: str, column: str) -> Value:
        if self.period.id is None:  # last year's figures read from a package: no return to build here
            return None
        if code not in self._cells:
            cells: dict[tuple[str, str], Value] = {}
            for data in build_returns_in(self.session, [code], self.unit.id, self.period.id):
                keys = [c.key for c in data.columns]
                for r in data.rows:
                    for k, v in zip(keys, r.values, strict=True):
                        value = float(v) if isinstance(v, int | float) else None
                        cells.setdefault((r.code, k), value)
                        cells.setdefault((r.label.strip(), k), value)
            self._cells[code] = cells
        return self._cells[code].get((row, column))


@dataclass
class _Record(Resolver):
    values: dict[str, float]

    def name(self, ref: Name, prev: bool) -> Value:
        return self.values.get(ref.name)

    def lookup(self, ref: Lookup, prev: bool) -> Value:  # pragma: no cover - record rules have no lookups
        return None


def applies(rule: Rule, unit: UnitRow, checked_unit_id: int) -> bool:
    levels = rule.scope.levels
    if not ("self" in levels and unit.id == checked_unit_id) and unit.kind not in levels:
        return False
    if unit.kind != SCHOOL:
        return True
    if rule.scope.categories and unit.category not in rule.scope.categories:
        return False
    return not rule.scope.stages or bool(set(rule.scope.stages) & set(school_stages(unit.category)))


class FigureSource:
    """Figures for the units below one unit in one period, loaded once and split per school."""

    def __init__(self, session: Session, unit_id: int, period: Period, spec: TargetSetSpec,
                 last: Callable[[int], UnitFigures | None] | None = None, inp: IndicatorInput | None = None,
                 results: tuple[IndicatorResult, ...] | None = None) -> None:
        self.session, self.period, self.spec, self.root_id = session, period, spec, unit_id
        self.inp = inp if inp is not None else load_input(session, unit_id, period, spec)
        self.units = {u.id: u for u in self.inp.units}
        self._split: dict[int, IndicatorInput] | None = None
        self._left = leavers(session, list(self.units), period.census_date)
        self._hours: dict[int, float] | None = None
        self._root_results = results  # the unit's indicators when the caller computed them already
        self._figures: dict[int, UnitFigures] = {}
        self._last = last or (lambda _uid: None)

    def figures(self, unit_id: int) -> UnitFigures | None:
        if unit_id in self._figures:
            return self._figures[unit_id]
        unit = self.units.get(unit_id)
        if unit is None:
            return None
        if unit_id == self.root_id:
            inp = self.inp
        elif unit.kind == SCHOOL:
            if self._split is None:
                self._split = split_by_school(self.inp)
            inp = self._split[unit_id]
        else:
            inp = load_input(self.session, unit_id, self.period, self.spec)
        ids = {u.id for u in inp.units}
        extra = {k: sum(self._left[u][k] for u in ids if u in self._left) for k in ("teachers_left", "staff_left")}
        out = UnitFigures(self.session, unit, self.period, inp, self.spec, extra,
                          last=functools.partial(self._last, unit_id), hours=functools.partial(self._year_hours, ids))
        if unit_id == self.root_id:
            out._results = self._root_results
        self._figures[unit_id] = out
        return out

    def _year_hours(self, ids: set[int]) -> float:
        if self._hours is None:
            self._hours = year_hours(self.session, list(self.units), self.period.census_date)
        return sum(self._hours.get(u, 0.0) for u in ids)

    def has_data(self, unit_id: int) -> bool:
        """Whether the unit reported in this period: it (or a school below it) has classes here.

        People live across periods, so someone is always "in post" on last year's census date;
        a year the unit did not report (no classes: 学校没有班级 is an error) is no year to compare with."""
        f = self.figures(unit_id)
        return f is not None and bool(f.inp.classes)


def _class_values(inp: IndicatorInput) -> Iterable[tuple[int, int, dict[str, float], dict[str, object]]]:
    for c in inp.classes:
        yield c.id, c.unit_id, {"enrolled": c.enrolled, "boarders": c.boarders, "disabled": c.disabled}, {
            "name": c.name, "grade": Grade.label_of(c.grade)}


def run_rules(source: FigureSource, rules: Iterable[Rule]) -> list[RuleHit]:
    """Every rule judged on every unit (or class) of its scope below ``source``'s unit."""
    out: list[RuleHit] = []
    units = list(source.units.values())
    for rule in rules:
        targets = [u for u in units if applies(rule, u, source.root_id)]
        if rule.each == "class":
            wanted = {u.id: u for u in targets}
            for cid, uid, nums, texts in _class_values(source.inp):
                if uid not in wanted:
                    continue
                texts = {**texts, "school": wanted[uid].name, "unit": wanted[uid].name}
                out.append(RuleHit(rule, uid, wanted[uid].name, judge(rule, _Record(nums), {**nums, **texts}),
                                   "class", cid))
            continue
        for u in targets:
            figs = source.figures(u.id)
            if figs is None:
                continue
            if rule.year_over_year and figs.last() is None:  # judged without computing this year's side
                out.append(RuleHit(rule, u.id, u.name, no_previous(rule), "unit", u.id))
                continue
            out.append(RuleHit(rule, u.id, u.name, judge(rule, figs, {"unit": u.name}), "unit", u.id))
    return out


def findings(hits: Iterable[RuleHit]) -> list[tuple[Finding, int]]:
    """The fired rules as check findings (with the unit that owns each)."""
    out: list[tuple[Finding, int]] = []
    for h in hits:
        if not h.fired:
            continue
        r = h.rule
        names = names_in(r.left)
        where = r.field or (names[0].name if names else "rule")
        out.append((Finding(where, r.severity, h.outcome.message, r.code, h.record_type, h.record_id), h.unit_id))
    return out
