"""The rule test bench (规则试算): before an office publishes a rule file, see what it would flag.

``bench_rule_file`` runs every rule of a file over every unit below the office in each school year
the database holds (the schools' received packages are in it, applied on import), with last
year's figures from the previous period or from the kept packages of last year. It counts,
per rule and year, the units judged, the units it flags (and which), and those it cannot judge
(无上年数据, 无数据). Nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Period, Unit
from desktop.domain.rules.judge import FAIL, NO_DATA, NO_PREV
from desktop.domain.rules.model import Rule
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.returns.lastyear import LastYear
from desktop.services.returns.ruleruns import FigureSource, RuleHit, run_rules
from desktop.services.returns.rules import load_rule_file


@dataclass(frozen=True, slots=True)
class Flagged:
    unit_code: str
    unit_name: str
    message: str
    record_type: str
    record_id: int


@dataclass(frozen=True, slots=True)
class BenchLine:  # one rule in one school year
    rule: str
    name: str
    severity: str
    school_year: int
    judged: int  # units (or classes) judged
    flagged_units: int  # distinct units with at least one firing
    no_prev: int
    no_data: int
    flagged: tuple[Flagged, ...]


@dataclass(frozen=True, slots=True)
class BenchReport:
    source: str
    unit_code: str
    unit_name: str
    lines: tuple[BenchLine, ...]

    @property
    def any_flagged(self) -> bool:
        return any(line.flagged_units for line in self.lines)


def _line(rule: Rule, year: int, hits: list[RuleHit], codes: dict[int, str]) -> BenchLine:
    fired = [h for h in hits if h.outcome.status == FAIL]
    return BenchLine(
        rule=rule.code, name=rule.name, severity=rule.severity.value, school_year=year, judged=len(hits),
        flagged_units=len({h.unit_id for h in fired}),
        no_prev=sum(1 for h in hits if h.outcome.status == NO_PREV),
        no_data=sum(1 for h in hits if h.outcome.status == NO_DATA),
        flagged=tuple(Flagged(codes.get(h.unit_id, ""), h.unit_name, h.outcome.message, h.record_type, h.record_id)
                      for h in fired))


def bench_rules(db: Database, rules: Sequence[Rule], unit_id: int, *, years: Sequence[int] | None = None,
                source: str = "") -> BenchReport:
    """Every rule over the units below ``unit_id`` in each year (all years in the database by default)."""
    with db.session() as session:
        unit = fetch(session, Unit, unit_id, "单位")
        periods = session.scalars(select(Period).order_by(Period.school_year)).all()
        if years:
            periods = [p for p in periods if p.school_year in set(years)]
            if not periods:
                raise ServiceError(f"本库中没有 {'、'.join(str(y) for y in years)} 学年的数据，请检查 --year。")
        codes: dict[int, str] = {r.id: r.code for r in session.execute(select(Unit.id, Unit.code))}
        lines: list[BenchLine] = []
        for period in periods:
            spec = spec_in_session(session, chosen_code(session, unit_id, period.id))
            try:
                figures = FigureSource(session, unit_id, period, spec,
                                       last=LastYear(session, unit_id, period, spec, db=db))
            except ServiceError:  # the unit did not count that year
                continue
            hits = run_rules(figures, rules)
            for rule in rules:
                lines.append(_line(rule, period.school_year, [h for h in hits if h.rule is rule], codes))
        return BenchReport(source, unit.code, unit.name, tuple(lines))


def bench_rule_file(db: Database, path: Path | str, unit_id: int, *, years: Sequence[int] | None = None) -> BenchReport:
    """Load a rule file (refused with the line and reason when wrong) and run it on the bench."""
    rules = load_rule_file(path).rules
    return bench_rules(db, rules, unit_id, years=years, source=Path(path).name)

