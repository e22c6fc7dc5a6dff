"""training covering index adds mode and topics

The indicator engine sums hours per person over several windows in one pass
(cycle, 信息技术 topic, 面授/网络研修 modes). With the index on (staff_id,
end_date, hours) alone, the CASE expressions on mode and topics made SQLite
visit the table row for each of a county's 800,000 records in index order
(measured 1.5 s CPU, 4–5 s wall on a busy 2-core machine); with mode and
topics in the index the scan never touches the table (1.0 s CPU). The new
index replaces the old one, whose queries it serves equally well.

Revision ID: 20261125_0040
Revises: 20261125_0001
Create Date: 2026-11-25 00:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "20261125_0040"
down_revision: str | None = "20261125_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.drop_index("ix_training_staff_end_hours")
        batch_op.create_index("ix_training_staff_end_hours_mode_topics",
                              ["staff_id", "end_date", "hours", "mode", "topics"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.drop_index("ix_training_staff_end_hours_mode_topics")
        batch_op.create_index("ix_training_staff_end_hours", ["staff_id", "end_date", "hours"], unique=False)
