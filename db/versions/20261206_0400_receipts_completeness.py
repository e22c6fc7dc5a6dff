"""receipts, completeness reasons, resubmission changes

* ``receipts``: the signed 回执 an office issues for every package it receives (what it
  says is fixed at import in ``facts``; the file is made on first use and its bytes kept, so
  the same package always hands back the very same receipt), and the receipts a school
  imports (``direction`` 'issued' | 'received').
* ``unit_periods.absence_reason``: why an expected unit has not reported (recorded by the
  office; a consolidation may be marked 可上报 only when every unit reported or has one).
* ``submissions.extra``: what a received package adds beyond its counts — the 零上报
  statement and, for a resubmission, the field-by-field changes against the version it
  replaced.

Revision ID: 20261206_0400
Revises: 20261206_0200
Create Date: 2026-12-06 09:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import guards

revision: str = "20261206_0400"
down_revision: str | None = "20261206_0200"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("package_hash", sa.String(length=64), nullable=False),
        sa.Column("receipt_hash", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("office_code", sa.String(length=10), nullable=False),
        sa.Column("office_name", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_receipts_unit_id_units")),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name=op.f("fk_receipts_period_id_periods")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint("direction", "package_hash", name=op.f("uq_receipts_direction_package_hash")),
    )
    op.create_index("ix_receipts_unit_period", "receipts", ["unit_id", "period_id"], unique=False)
    # ADD COLUMN needs no table rebuild on SQLite, so the approval triggers stay in place.
    op.add_column("unit_periods", sa.Column("absence_reason", sa.Text(), nullable=True))
    op.add_column("submissions", sa.Column("extra", sa.JSON(), nullable=True))


def downgrade() -> None:
    bind = op.get_bind()
    guards.remove(bind)
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("extra")
    with op.batch_alter_table("unit_periods", schema=None) as batch_op:
        batch_op.drop_column("absence_reason")
    guards.install(bind)
    op.drop_index("ix_receipts_unit_period", table_name="receipts")
    op.drop_table("receipts")
