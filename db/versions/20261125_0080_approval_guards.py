"""approval guards: triggers that keep approved data read-only and the audit log append-only

Revision ID: 20261125_0080
Revises: 20261125_0040
Create Date: 2026-11-25 01:00:00

The rule and the per-dialect DDL live in ``desktop.data.guards`` (the migrator
re-installs the current guards after every upgrade, because SQLite's batch mode
drops a recreated table's triggers).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from desktop.data import guards

revision: str = "20261125_0080"
down_revision: str | None = "20261125_0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    guards.install(op.get_bind())


def downgrade() -> None:
    guards.remove(op.get_bind())
