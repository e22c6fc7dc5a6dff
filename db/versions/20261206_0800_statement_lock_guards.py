"""statement lock guards: on PostgreSQL the approval lock of the people and period tables is judged per statement

The INSERT and UPDATE lock triggers of ``staff``, ``movements``, ``credentials``, ``registrations``,
``training_records``, ``classes``, ``stage_capacities``, ``seat_additions`` and
``explanations`` become statement triggers over transition tables
(``desktop.data.guards_pg``): each INSERT, UPDATE or COPY asks the lock rule once
for the distinct units, people or certificates of its rows instead of calling a PL/pgSQL
function per row (DELETE keeps its row trigger, so the lock speaks before a foreign key).
The rule, its message and its error code are unchanged. SQLite has no statement triggers:
its guards stay as they are.

The migrator re-installs the current guards after every upgrade (``desktop.data.migrate``);
this revision does it too, so a plain ``alembic upgrade`` gets them, and its downgrade puts
the row triggers back.

Revision ID: 20261206_0800
Revises: 20261206_0700
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from desktop.data import guards

revision: str = "20261206_0800"
down_revision: str | None = "20261206_0700"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        guards.install(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        guards.install(bind, statement_level=False)
