"""Last year from a received package: the same figures as the database gave, used when the database lacks the year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from desktop.data.engine import Database
from desktop.data.models import (
    Explanation,
    Period,
    SchoolClass,
    SeatAddition,
    Staff,
    StageCapacity,
    StoredFinding,
    Submission,
    Unit,
    UnitPeriod,
)
from desktop.domain.rules.expr import Name
from desktop.domain.rules.figures import FIGURES, WITH_ARG
from desktop.domain.targetset import INDICATORS
from desktop.services.demo import build_demo
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.packages.export import export_package
from desktop.services.returns.checks import run_checks
from desktop.services.returns.lastpackage import kept_package
from desktop.services.returns.lastyear import DATABASE, PACKAGE, LastYear
from desktop.services.year.rollover import apply_rollover
from tests.explained import explain_warnings


def _figures(db: Database, unit: int, period_id: int, **kw: object) -> tuple[dict[str, object], str]:
    with db.session() as s:
        period = s.get(Period, period_id)
        assert period is not None
        spec = spec_in_session(s, chosen_code(s, unit, period_id))
        last = LastYear(s, unit, period, spec, db=db)
        figs = last(unit)
        assert figs is not None
        out: dict[str, object] = {n: figs.name(Name(n), False) for n in FIGURES}
        out |= {f"{n}:P1": figs.name(Name(n, "P1"), False) for n in WITH_ARG}
        out |= {code: (figs.indicator(code, None).value if figs.indicator(code, None) else None) for code in INDICATORS}
        return out, last.origin[unit]


@pytest.mark.sqlite_only  # received packages are kept in a folder beside the database file; a server database has none
def test_package_gives_the_figures_the_database_gave_and_is_used_when_the_year_is_missing(
        db: Database, tmp_path: Path) -> None:
    build_demo(db, "school")
    with db.session() as s:
        unit, code = s.execute(select(Unit.id, Unit.code)).one()
        first = s.scalars(select(Period)).one().id
    explain_warnings(db)
    sent = export_package(db, tmp_path / "sent", school_year=2025).path
    second = apply_rollover(db, unit, first).period.id
    from_db, origin = _figures(db, unit, second)
    assert origin == DATABASE

    kept = kept_package(db, code, 2025)
    assert kept is not None
    kept.parent.mkdir(parents=True)
    shutil.copyfile(sent, kept)
    # This database now starts in 2026: last year's period and its rows are gone.
    with db.session(write=True) as s:
        for model in (SchoolClass, StageCapacity, SeatAddition, UnitPeriod, Explanation, StoredFinding, Submission):
            s.execute(delete(model).where(model.period_id == first))  # type: ignore[attr-defined]
        s.execute(update(Period).where(Period.id == second).values(rolled_from_id=None))
        s.execute(delete(Period).where(Period.id == first))
    from_package, origin = _figures(db, unit, second)
    assert origin == PACKAGE
    assert from_package == from_db

    # A snapshot sees what the database no longer can: a teacher re-labelled as 行政 (no leaving record)
    # and teachers turned 临聘 since last year.
    with db.session(write=True) as s:
        teachers = s.scalars(select(Staff).where(Staff.unit_id == unit, Staff.category == "11")
                             .order_by(Staff.id)).all()
        teachers[0].category = "12"
        for t in teachers[1:9]:
            t.employment_form = "3"
    fired = run_checks(db, unit, second).counts_by_rule()
    assert fired.get("plaus.new_hires") == 1 and fired.get("plaus.temporary_share") == 1
