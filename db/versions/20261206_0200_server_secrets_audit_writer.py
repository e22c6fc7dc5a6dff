"""server secrets and audit writer: the signing key in its own table; audit entries through a definer function

* ``secrets`` (name, value, public_value): the unit's private package-signing key
  moves out of ``settings``, which every server login may read, into a table whose
  grants (``data/roles.py``) let only reviewers and admins read the private part;
  its public part stays readable for every role (the dashboard's fingerprint).
* PostgreSQL: ``edureturns_audit_append``, the ``SECURITY DEFINER`` function that is
  the only way a clerk's or reviewer's login can add an audit entry
  (``data/audit_writer.py``). The approval guards of units and the owner/admin-only
  replacing switch are in ``data/guards.py`` (the migrator re-installs the current
  guards after every upgrade).

Revision ID: 20261206_0200
Revises: 20261125_0110
Create Date: 2026-12-06 09:30:00
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.data import audit_writer

revision: str = "20261206_0200"
down_revision: str | None = "20261125_0110"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNING_KEY = "package_signing_key"


def _public(pem: str) -> str | None:
    from desktop.exchange.package_sign import public_key_of

    try:
        return base64.b64encode(public_key_of(pem.encode())).decode()
    except ValueError:
        return None  # not a key this version can read: the export will say so


def upgrade() -> None:
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("public_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_secrets")),
    )
    bind = op.get_bind()
    row = bind.execute(sa.text("SELECT value FROM settings WHERE key = :k"), {"k": SIGNING_KEY}).first()
    if row is not None:
        bind.execute(sa.text("INSERT INTO secrets (name, value, public_value) VALUES (:k, :v, :p)"),
                     {"k": SIGNING_KEY, "v": row[0], "p": _public(row[0])})
        bind.execute(sa.text("DELETE FROM settings WHERE key = :k"), {"k": SIGNING_KEY})
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(audit_writer.create_statement())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(audit_writer.drop_statement())
    row = bind.execute(sa.text("SELECT value FROM secrets WHERE name = :k"), {"k": SIGNING_KEY}).first()
    if row is not None:
        bind.execute(sa.text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": SIGNING_KEY, "v": row[0]})
    op.drop_table("secrets")
