"""Schema upgrades at start-up: backup first, all-or-nothing, never on a newer database.

The three SQLite traps of reliability-notes §3 are handled here:
1. a batch migration recreates tables; with foreign keys ON that DROP cascades
   and deletes child rows, so foreign keys are switched OFF *outside* the
   transaction and ``PRAGMA foreign_key_check`` runs before COMMIT;
2. pysqlite does not make DDL transactional by default; our engine issues real
   BEGINs, and the whole chain of revisions runs in one transaction;
3. Alembic takes no backup; we take a verified one before changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from desktop.data import guards, kept_sums
from desktop.data.backup import backup_file
from desktop.data.engine import Database
from desktop.data.revisions import file_head as file_head  # kept importable from here
from desktop.paths import migrations_dir

if TYPE_CHECKING:  # Alembic is imported only when a schema change is due (it costs ~0.5 s of start-up)
    from alembic.config import Config
    from alembic.script import ScriptDirectory


class MigrationError(Exception):
    """The database could not be brought to this version; message for the user (Chinese)."""


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or migrations_dir()))
    return cfg


def head_revision(script_location: Path | None = None) -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location))
    heads = script.get_heads()
    if len(heads) != 1:
        raise MigrationError(f"迁移脚本有 {len(heads)} 个分支头，程序安装不完整或已损坏。")
    return heads[0]


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def stored_revision(db: Database) -> str | None:
    """The revision stamped in the database (plain SQL); None for a new, empty database."""
    try:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no alembic_version table yet
        return None


GUARD_REVISION = "20261125_0080"


def _has_guard_revision(script: ScriptDirectory, revision: str | None) -> bool:
    """True when ``revision`` is the guard revision or comes after it."""
    if revision is None:
        return False
    return any(r.revision == GUARD_REVISION for r in script.iterate_revisions(revision, "base"))


def _has_user_tables(conn: Connection) -> bool:
    return any(name != "alembic_version" for name in inspect(conn).get_table_names())


def _driver_pragma(conn: Connection, pragma: str) -> None:
    """Run a PRAGMA on the raw driver connection, outside SQLAlchemy's transaction."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def upgrade(
    db: Database,
    *,
    backup_dir: Path | None = None,
    script_location: Path | None = None,
    target: str = "head",
) -> MigrationResult:
    """Bring ``db`` to ``target``; on any failure the database is left exactly as it was."""
    if target == "head":  # the usual start-up: already current, nothing to import or do
        head = file_head(script_location)
        if head is not None and stored_revision(db) == head:
            return MigrationResult(head, head, None)
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(script_location)
    script = ScriptDirectory.from_config(cfg)
    head = head_revision(script_location) if target == "head" else target
    current = current_revision(db)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise MigrationError(
            f"这个数据库由更新版本的 EduReturns 创建（数据库版本 {current}），"
            "本程序无法打开它，以免损坏数据。请安装最新版本的 EduReturns 后再打开。"
        )
    if current == head:
        return MigrationResult(current, head, None)

    backup: Path | None = None
    path = db.path
    if path is not None and path.exists() and backup_dir is not None:
        with db.engine.connect() as conn:
            populated = _has_user_tables(conn)
            conn.rollback()
        if populated:
            backup = backup_file(path, backup_dir, f"pre-upgrade-{current}-to-{head}", key=db.key)

    with db.engine.connect() as conn:
        if db.is_sqlite:
            _driver_pragma(conn, "foreign_keys = OFF")  # outside any transaction
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                from alembic import command

                # SQLite batch mode drops a recreated table's triggers and cannot rename a table
                # a trigger names: take the guards off for the revisions, put the current ones back.
                guards.remove(conn)
                kept_sums.remove(conn)
                command.upgrade(cfg, target)
                kept_sums.install(conn)
                if _has_guard_revision(script, MigrationContext.configure(conn).get_current_revision()):
                    guards.install(conn)
                if db.is_sqlite:
                    problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if problems:
                        raise MigrationError(
                            f"升级后发现 {len(problems)} 处外键不一致，已撤销本次升级，数据未改变。"
                        )
        except MigrationError:
            raise
        except Exception as exc:
            raise MigrationError(
                f"数据库升级失败，已撤销，数据保持原样（{type(exc).__name__}: {exc}）。"
                + (f"升级前的备份在：{backup}" if backup else "")
            ) from exc
        finally:
            cfg.attributes.pop("connection", None)
            if db.is_sqlite:
                _driver_pragma(conn, "foreign_keys = ON")
    return MigrationResult(current, head, backup)
