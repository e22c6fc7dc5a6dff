"""people records: 年度考核, 师德 records, 调出/调入 handshakes, 代报 marks

Three new tables (``appraisals``, ``ethics_records``, ``transfers``) for the
定期注册 readiness list and the move of a person between schools, and one
column, ``unit_periods.proxy_by`` (the office that entered a school's data for
it, named on the school's returns as 代报). ADD COLUMN needs no table rebuild on
SQLite, so the approval triggers stay in place. (The audit trail marks 代报 in
its hashed ``reason`` text, so the chain and its table are unchanged.)

Revision ID: 20261206_0500
Revises: 20261206_0400
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import guards

revision: str = "20261206_0500"
down_revision: str | None = "20261206_0400"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("uid", name=op.f(f"uq_{table}_uid")),
    ]


def upgrade() -> None:
    op.create_table(
        "appraisals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=1), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_common("appraisals"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_appraisals_staff_id_staff")),
        sa.UniqueConstraint("staff_id", "year", name=op.f("uq_appraisals_staff_id_year")),
    )
    op.create_index(op.f("ix_appraisals_staff_id"), "appraisals", ["staff_id"], unique=False)
    op.create_table(
        "ethics_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_common("ethics_records"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_ethics_records_staff_id_staff")),
    )
    op.create_index(op.f("ix_ethics_records_staff_id"), "ethics_records", ["staff_id"], unique=False)
    op.create_table(
        "transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("staff_uid", sa.String(length=32), nullable=False),
        sa.Column("person_name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=64), nullable=False),
        sa.Column("from_unit_code", sa.String(length=10), nullable=False),
        sa.Column("from_unit_name", sa.String(length=100), nullable=False),
        sa.Column("to_unit_code", sa.String(length=10), nullable=False),
        sa.Column("to_unit_name", sa.String(length=100), nullable=False),
        sa.Column("out_date", sa.Date(), nullable=False),
        sa.Column("in_date", sa.Date(), nullable=True),
        sa.Column("in_staff_uid", sa.String(length=32), nullable=True),
        sa.Column("hours_in_cycle", sa.Float(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_common("transfers"),
    )
    op.add_column("unit_periods", sa.Column("proxy_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    bind = op.get_bind()
    guards.remove(bind)  # batch mode rebuilds unit_periods, which the approval triggers name
    with op.batch_alter_table("unit_periods", schema=None) as batch_op:
        batch_op.drop_column("proxy_by")
    guards.install(bind)
    op.drop_table("transfers")
    op.drop_index(op.f("ix_ethics_records_staff_id"), table_name="ethics_records")
    op.drop_table("ethics_records")
    op.drop_index(op.f("ix_appraisals_staff_id"), table_name="appraisals")
    op.drop_table("appraisals")
