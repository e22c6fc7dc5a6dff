"""kept training sums: the indicators' per-person window sums, kept until the person's training changes

A city's indicators summed 4.8 million training rows on every computation (60–70 % of
the time, issue 24). ``training_sums`` keeps each person's window sums from the last
computation; triggers on ``training_records`` and ``staff`` delete a person's rows at
every write to their training (``desktop.data.kept_sums``), so only the people changed
since are summed again. Derived data: the table starts empty and fills on the next
computation. On PostgreSQL the table is created too (one schema) and stays unused.

Revision ID: 20261206_0700
Revises: 20261206_0600
Create Date: 2026-12-06 15:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import kept_sums

revision: str = "20261206_0700"
down_revision: str | None = "20261206_0600"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_sums",
        sa.Column("staff_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("window_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("cycle", sa.Float(), nullable=False),
        sa.Column("it", sa.Float(), nullable=False),
        sa.Column("face_to_face", sa.Float(), nullable=False),
        sa.Column("online", sa.Float(), nullable=False),
        sa.Column("county_high", sa.Float(), nullable=False),
        sa.Column("last_year", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", "window_key", name=op.f("pk_training_sums")),
    )
    kept_sums.install(op.get_bind())


def downgrade() -> None:
    kept_sums.remove(op.get_bind())
    op.drop_table("training_sums")
