"""Fixtures for the server-role tests: real login roles in each group (PostgreSQL only)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop.data.engine import Database
from desktop.data.roles import create_login, setup_roles
from desktop.domain.records import PeriodRecord, UnitRecord


@pytest.fixture
def logins(db: Database, school: UnitRecord, period: PeriodRecord) -> Iterator[dict[str, Database]]:
    """A login (and a Database opened as it) for each group, on a database with roles set up."""
    tag = uuid.uuid4().hex[:8]
    names = {role: f"t_{role}_{tag}" for role in ("clerk", "reviewer", "admin")}
    with db.engine.begin() as conn:
        setup_roles(conn)
        setup_roles(conn)  # idempotent: running it again after an upgrade is safe
        for role, name in names.items():
            create_login(conn, name, f"pw-{name}", role)
        conn.execute(text("INSERT INTO unit_periods (unit_id, period_id, state, ready, version, return_overrides) "
                          "VALUES (:u, :p, 'draft', false, 1, '{}')"), {"u": school.id, "p": period.id})
    base = make_url(db.url)
    opened = {role: Database(base.set(username=name, password=f"pw-{name}").render_as_string(hide_password=False))
              for role, name in names.items()}
    yield opened
    for database in opened.values():
        database.dispose()
    db.dispose()  # the fixture drops the database; the login roles are cluster-wide and go now
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')  # type: ignore[arg-type]
