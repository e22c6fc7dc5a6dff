"""概览's certificate cards by one grouped query give what the row-by-row rule gives (issue 24).

The old computation read every certificate (``credential_rows``) and judged each with the
rule of the 资格证书 list (``domain.registration.registration_state``); it stays the
reference here. Compared on a small demo county, with the edge cases added: a revoked
certificate long overdue, a due date on ``as_of`` and on the six-month limit, the day after
it, no registration at all, a registration without a next due date, an older registration
due soon superseded by a newer one, a non-teacher certificate, and a person who has left.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.data.models import Credential, Registration, Staff
from desktop.domain.codes import CredentialKind
from desktop.domain.registration import DUE_SOON, OVERDUE, due_soon_limit, registration_state
from desktop.services.demo import build_demo
from desktop.services.indicators.overview import overview
from desktop.services.records.tables import credential_rows

AS_OF = date(2026, 8, 31)


def _row_by_row(db: Database, as_of: date) -> tuple[list[int], list[int]]:
    """The computation 概览 used before: every certificate read and judged in Python."""
    overdue: list[int] = []
    soon: list[int] = []
    for row in credential_rows(db):
        state = registration_state(teacher=row.kind == CredentialKind.TEACHER.value, revoked=row.revoked,
                                   next_due=row.next_due, as_of=as_of)
        if state == OVERDUE:
            overdue.append(row.id)
        elif state == DUE_SOON:
            soon.append(row.id)
    return overdue, soon


def _add_edge_cases(db: Database) -> dict[str, int]:
    limit = due_soon_limit(AS_OF)
    with db.session() as s:
        staff = list(s.scalars(select(Staff).where(Staff.status == "active").order_by(Staff.id).limit(10)))
        leaver = staff[9]
        leaver.status = "left"
        cases: dict[str, tuple[Staff, str, bool, list[date | None]]] = {
            "revoked_overdue": (staff[0], "teacher", True, [date(2020, 1, 1)]),
            "due_on_as_of": (staff[1], "teacher", False, [AS_OF]),
            "overdue_by_a_day": (staff[1], "teacher", False, [AS_OF - timedelta(days=1)]),
            "due_on_limit": (staff[2], "teacher", False, [limit]),
            "day_after_limit": (staff[3], "teacher", False, [limit + timedelta(days=1)]),
            "no_registration": (staff[4], "teacher", False, []),
            "no_next_due": (staff[5], "teacher", False, [None]),
            "superseded": (staff[6], "teacher", False, [AS_OF + timedelta(days=30), date(2031, 1, 1)]),
            "other_kind": (staff[7], "putonghua", False, [date(2020, 1, 1)]),
            "left_overdue": (leaver, "teacher", False, [date(2020, 1, 1)]),
        }
        ids = {}
        for name, (person, kind, revoked, dues) in cases.items():
            cred = Credential(staff_id=person.id, kind=kind, revoked=revoked, number=name)
            s.add(cred)
            s.flush()
            for n, due in enumerate(dues):
                s.add(Registration(credential_id=cred.id, reg_date=date(2015 + n, 1, 1), result="1", next_due=due))
            ids[name] = cred.id
        s.commit()
    return ids


def test_the_grouped_query_gives_the_row_by_row_figures_on_the_demo_county(tmp_path: Path) -> None:
    db = Database.for_path(tmp_path / "county.db")
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "county", county_size={"schools": 20, "staff": 700, "training": 200, "classes": 120})
    ids = _add_edge_cases(db)
    for as_of in (AS_OF, date(2025, 9, 1), date(2027, 2, 28), date(2026, 12, 31)):
        figures = overview(db, period_id=None, as_of=as_of)
        assert (figures.certs_overdue, figures.certs_due_soon) == _row_by_row(db, as_of), as_of
    figures = overview(db, period_id=None, as_of=AS_OF)
    overdue, soon = set(figures.certs_overdue), set(figures.certs_due_soon)
    assert figures.certs_overdue and figures.certs_due_soon  # the demo has both: not a comparison of empties
    assert ids["overdue_by_a_day"] in overdue
    assert {ids["due_on_as_of"], ids["due_on_limit"]} <= soon - overdue
    left_out = {ids[k] for k in ("revoked_overdue", "day_after_limit", "no_registration", "no_next_due",
                                 "superseded", "other_kind", "left_overdue")}
    assert not left_out & (overdue | soon)
    db.dispose()
