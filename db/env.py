"""Alembic environment for EduReturns.

The app runs migrations through ``desktop.data.migrate``, which hands over an
open connection in ``config.attributes["connection"]`` with a transaction
already begun (and, on SQLite, foreign keys switched off outside it), so the
whole upgrade commits or rolls back as one. Developers may also run the
``alembic`` command with ``-x url=sqlite:///file.db``.
"""

from __future__ import annotations

from alembic import context

from desktop.data.engine import make_engine
from desktop.data.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite has almost no ALTER TABLE: move and copy
        transactional_ddl=True,  # our engine issues real BEGINs, so DDL rolls back
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("pass -x url=sqlite:///path/to/file.db")
    engine = make_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
