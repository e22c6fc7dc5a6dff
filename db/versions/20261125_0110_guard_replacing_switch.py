"""guard replacing switch: package import replaces a unit's data without per-row lock checks

The office import checks the approval lock once per package
(``guards.locked_units``) and switches the lock triggers off for its
transaction (``guards.replacing``). On SQLite that needs no schema change (the
triggers are dropped and re-created inside the transaction). On PostgreSQL the
lock functions gain a first line that returns early when the transaction-local
setting ``edureturns.replacing`` is on; this revision installs them.

Revision ID: 20261125_0110
Revises: 20261125_0100
Create Date: 2026-11-25 06:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from desktop.data import guards

revision: str = "20261125_0110"
down_revision: str | None = "20261125_0100"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        guards.install(bind)  # CREATE OR REPLACE FUNCTION with the switch


def downgrade() -> None:
    # The switch is inert unless the import sets it, so the functions may stay as they are.
    pass
