"""national fields: what the 教基 forms count that the staff records did not hold

教基4149/4153/4155/4067 (docs/national.md) count 本学年不授课, 校外教师, 外籍 and
港澳台/华侨 teachers, and a teacher's 任教课程 (several, one of them the main one).
Four staff columns (plain ADD COLUMN with a server default, so existing rows read
as "no" and no table rebuild is needed) and the child table ``staff_courses``.
在编 and 银龄教师 are already 用人形式 codes and need nothing new.

Revision ID: 20261206_0300
Revises: 20261206_0500
Create Date: 2026-12-06 09:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import guards

revision: str = "20261206_0300"
down_revision: str | None = "20261206_0500"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FLAGS = ("not_teaching", "external_teacher", "foreign_national")


def upgrade() -> None:
    # ADD COLUMN needs no table rebuild on SQLite, so the approval triggers stay in place.
    for name in _FLAGS:
        op.add_column("staff", sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("staff", sa.Column("overseas", sa.String(length=2), nullable=True))
    op.create_table(
        "staff_courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=2), nullable=False),
        sa.Column("main", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_courses_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_courses")),
        sa.UniqueConstraint("uid", name=op.f("uq_staff_courses_uid")),
    )
    with op.batch_alter_table("staff_courses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_courses_staff_id"), ["staff_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("staff_courses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_courses_staff_id"))
    op.drop_table("staff_courses")
    # SQLite's batch mode rebuilds the staff table; the approval triggers that name it
    # would break: take them off around the rebuild and put them back.
    bind = op.get_bind()
    guards.remove(bind)
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("overseas")
        for name in reversed(_FLAGS):
            batch_op.drop_column(name)
    guards.install(bind)
