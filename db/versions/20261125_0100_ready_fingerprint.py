"""ready fingerprint: what a 可上报 mark vouches for

``unit_periods.ready`` said "the checks passed" but kept saying so after the
data changed. The new column holds the data fingerprint taken at mark-ready
(services/readiness.py); when the data's fingerprint differs, the mark is stale.
A plain nullable column: existing marks have none and count as stale, so they
are re-checked once.

Revision ID: 20261125_0100
Revises: 20261125_0080
Create Date: 2026-11-25 03:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import guards

revision: str = "20261125_0100"
down_revision: str | None = "20261125_0080"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN needs no table rebuild on SQLite, so the approval triggers stay in place.
    op.add_column("unit_periods", sa.Column("ready_fingerprint", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # SQLite's batch mode rebuilds the table, which the approval triggers that name it
    # would break: take them off around the rebuild and put them back.
    bind = op.get_bind()
    guards.remove(bind)
    with op.batch_alter_table("unit_periods", schema=None) as batch_op:
        batch_op.drop_column("ready_fingerprint")
    guards.install(bind)
