"""signing key off the server: on PostgreSQL no login but an admin may read ``secrets.value``

The private package-signing key of a server database now lives in the OS key store
of the PC that signs (``services/signing/key_store.py``); the database keeps only
the public part. A server database made by an earlier version still holds the
key in ``secrets.value``, readable by every reviewer's login. A migration cannot
reach the key store of the PC that will sign, so it does not move the key: it
closes the column at once (reviewers keep ``name`` and ``public_value``), and an
admin then takes the key out into that PC's key store with
``edureturns-cli key take-out`` (工具 → 签名密钥), which empties the column and is
audited. ``server setup-roles`` grants the same from now on (``data/roles.py``).

SQLite files are unchanged: there the key stays in the file (it travels with the
backups and is encrypted with the file).

Revision ID: 20261206_0600
Revises: 20261206_0300
Create Date: 2026-12-06 12:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "20261206_0600"
down_revision: str | None = "20261206_0300"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLOSE = """
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'edureturns_reviewer') THEN
    REVOKE SELECT ON secrets FROM edureturns_reviewer;
    GRANT SELECT (name, public_value) ON secrets TO edureturns_reviewer;
  END IF;
END $$;
"""

_REOPEN = """
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'edureturns_reviewer') THEN
    GRANT SELECT ON secrets TO edureturns_reviewer;
  END IF;
END $$;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(_CLOSE)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(_REOPEN)
