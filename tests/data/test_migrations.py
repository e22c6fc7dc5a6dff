"""R7/R8: migrations take a backup, are all-or-nothing, refuse newer databases, never drift."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desktop.data.backup import check_file
from desktop.data.engine import Database
from desktop.data.migrate import (
    MigrationError,
    alembic_config,
    current_revision,
    file_head,
    head_revision,
    stored_revision,
    upgrade,
)
from desktop.data.models import Base
from desktop.paths import migrations_dir
from tests.conftest import MakeDatabase


def _snapshot(path: Path) -> tuple[list[tuple[str, str]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        schema = sorted(conn.execute("SELECT name, COALESCE(sql, '') FROM sqlite_master"))
        units = list(conn.execute("SELECT * FROM units ORDER BY id"))
        staff = list(conn.execute("SELECT * FROM staff ORDER BY id"))
        return schema, units, staff
    finally:
        conn.close()


def _portable_snapshot(db: Database) -> tuple[object, ...]:
    """Schema (tables, columns) and rows, read the same way on SQLite and PostgreSQL."""
    from sqlalchemy import inspect, text

    with db.engine.connect() as conn:
        insp = inspect(conn)
        schema = sorted((t, tuple(sorted(c["name"] for c in insp.get_columns(t)))) for t in insp.get_table_names())
        units = conn.execute(text("SELECT id, code, name FROM units ORDER BY id")).all()
        staff = conn.execute(text("SELECT id, name, version FROM staff ORDER BY id")).all()
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        conn.rollback()
    return schema, units, staff, rev


def _scripts_with(tmp_path: Path, body: str) -> Path:
    """A copy of db/ with one extra revision on top of head."""
    scripts = tmp_path / "scripts"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "29991231_9999_injected.py").write_text(
        f'revision = "29991231_9999"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n" + body + "\n\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    return scripts


def _seed(db: Database) -> None:
    from datetime import date

    from desktop.domain.records import StaffData, UnitData
    from desktop.services.records.staff import create_staff
    from desktop.services.records.units import create_home_unit

    unit = create_home_unit(db, UnitData(code="2144012345", name="测试小学", kind="school", category="211",
                                         ownership="1", urban_rural="1"))
    create_staff(db, unit.id, StaffData(name="张堃", id_number="11010519491231002X",
                                        first_work_date=date(1970, 9, 1), teaching_stage="primary"))


def _seed_plain(db: Database) -> None:
    """The same person as ``_seed`` written with the initial schema's columns only.

    The stair test seeds a database at an older revision; the services' ORM models name
    every column of the head schema (a later revision's new staff column would be missing).
    """
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO units (id, code, name, kind, is_home, category, ownership, urban_rural, boarding, "
            "township_central, county_high_school, campuses, version) "
            "VALUES (1, '2144012345', '测试小学', 'school', TRUE, '211', '1', '1', FALSE, FALSE, FALSE, 1, 1)")
        conn.exec_driver_sql(
            "INSERT INTO staff (id, unit_id, name, name_pinyin, name_initials, id_type, id_number, id_digest, "
            "id_tail, gender, birth_date, category, employment_form, post, first_work_date, teaching_stage, "
            "full_time, normal_major, title, status, uid, version) "
            "VALUES (1, 1, '张堃', 'zhangkun', 'zk', '1', '11010519491231002X', '', '002X', '2', '1949-12-31', "
            "'11', '1', '00', '1970-09-01', 'primary', TRUE, FALSE, '9', 'active', '0123456789abcdef0123456789abcdef', 1)")


def test_upgrade_builds_the_schema_and_stamps_head(db: Database) -> None:
    assert current_revision(db) == head_revision()


def test_models_and_migrations_do_not_drift(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_revision_chain_is_linear_with_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert sum(1 for r in revisions if r.down_revision is None) == 1
    for rev in revisions:
        assert not isinstance(rev.down_revision, tuple | list), f"{rev.revision} merges branches"


@pytest.mark.sqlite_only
def test_failing_revision_leaves_schema_and_data_exactly_as_before(db: Database, db_path: Path) -> None:
    _seed(db)
    before = _snapshot(db_path)
    scripts = _scripts_with(db_path.parent, (
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE staff SET name = 'changed'\")\n"
        "    with op.batch_alter_table('units') as b:\n"
        "        b.add_column(sa.Column('extra', sa.String(10)))\n"
        "    raise RuntimeError('injected failure')\n"
    ))
    with pytest.raises(MigrationError) as excinfo:
        upgrade(db, backup_dir=db_path.parent / "backups", script_location=scripts)
    assert "已撤销" in str(excinfo.value)
    db.dispose()
    assert _snapshot(db_path) == before
    assert current_revision(Database.for_path(db_path)) == head_revision()


def test_a_failing_revision_changes_nothing_on_any_engine(db: Database, tmp_path: Path) -> None:
    """DDL and data of a failed chain roll back together (PostgreSQL DDL is transactional too)."""
    _seed(db)
    before = _portable_snapshot(db)
    scripts = _scripts_with(tmp_path, (
        "def upgrade():\n"
        "    op.add_column('staff', sa.Column('extra', sa.String(10)))\n"
        "    op.execute(\"UPDATE staff SET version = version + 1\")\n"
        "    op.execute('SELECT * FROM no_such_table')\n"
    ))
    with pytest.raises(MigrationError, match="已撤销"):
        upgrade(db, backup_dir=tmp_path / "backups", script_location=scripts)
    assert _portable_snapshot(db) == before


def test_a_newer_database_is_refused_on_any_engine(db: Database, tmp_path: Path) -> None:
    _seed(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '99990101_0001'")
    before = _portable_snapshot(db)
    with pytest.raises(MigrationError, match="更新版本"):
        upgrade(db, backup_dir=tmp_path / "backups")
    assert _portable_snapshot(db) == before


@pytest.mark.sqlite_only
def test_batch_migration_on_a_parent_table_keeps_child_rows(db: Database, db_path: Path) -> None:
    """With foreign keys ON, recreating `units` would cascade-delete staff; the runner turns them off."""
    _seed(db)
    scripts = _scripts_with(db_path.parent, (
        "def upgrade():\n"
        "    with op.batch_alter_table('units', recreate='always') as b:\n"
        "        b.add_column(sa.Column('extra', sa.String(10)))\n"
    ))
    result = upgrade(db, backup_dir=db_path.parent / "backups", script_location=scripts)
    assert result.to_revision == "29991231_9999"
    assert result.backup is not None and check_file(result.backup).ok
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM staff").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert check_file(db_path).ok


@pytest.mark.sqlite_only
def test_a_database_from_a_newer_version_is_refused(db: Database, db_path: Path) -> None:
    _seed(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '99990101_0001'")
    before = _snapshot(db_path)
    with pytest.raises(MigrationError) as excinfo:
        upgrade(db, backup_dir=db_path.parent / "backups")
    assert "更新版本" in str(excinfo.value)
    assert _snapshot(db_path) == before


@pytest.mark.sqlite_only
def test_backup_is_taken_before_upgrading_a_populated_database(db: Database, db_path: Path) -> None:
    _seed(db)
    scripts = _scripts_with(db_path.parent, "def upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer, primary_key=True))\n")
    result = upgrade(db, backup_dir=db_path.parent / "backups", script_location=scripts)
    assert result.backup is not None
    conn = sqlite3.connect(result.backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert conn.execute("SELECT name FROM staff").fetchone()[0] == "张堃"
    finally:
        conn.close()


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("revision", _revisions_oldest_first())
def test_each_revision_upgrades_a_populated_database_of_the_previous_one(
    tmp_path: Path, make_db: MakeDatabase, revision: str
) -> None:
    """Every revision runs on data made at the revision before it and keeps every row."""
    script = ScriptDirectory.from_config(alembic_config())
    previous = script.get_revision(revision).down_revision
    database = make_db("stair", migrated=False)
    if previous is not None:
        upgrade(database, target=str(previous))
        _seed_plain(database)
    upgrade(database, backup_dir=tmp_path / "backups", target=revision)
    assert current_revision(database) == revision
    if previous is not None:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM staff").scalar() == 1
    database.dispose()
    if database.path is not None:
        assert check_file(database.path).ok


@pytest.mark.parametrize("revision", _revisions_oldest_first())
def test_each_revision_downgrades_and_upgrades_again(make_db: MakeDatabase, revision: str) -> None:
    from alembic import command

    script = ScriptDirectory.from_config(alembic_config())
    previous = script.get_revision(revision).down_revision or "base"
    database = make_db("stairway", migrated=False)
    upgrade(database, target=revision)
    cfg = alembic_config()
    with database.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        with conn.begin():
            command.downgrade(cfg, str(previous))
    assert current_revision(database) == (None if previous == "base" else previous)
    upgrade(database, target=revision)
    assert current_revision(database) == revision
    database.dispose()


def test_fast_start_path_agrees_with_alembic(make_db: MakeDatabase, tmp_path: Path) -> None:
    """The start-up shortcut (no Alembic import when current) reads the same head and revision."""
    assert file_head() == head_revision()
    db = make_db("fresh", migrated=False)
    assert stored_revision(db) is None and current_revision(db) is None
    upgrade(db)
    assert stored_revision(db) == current_revision(db) == head_revision()
    # A copy of the revision folder with a second head: the shortcut declines, Alembic explains.
    scripts = tmp_path / "db"
    shutil.copytree(migrations_dir(), scripts)
    first = next((scripts / "versions").glob("*_0001_*.py"))
    (scripts / "versions" / "20261125_9999_branch.py").write_text(
        first.read_text(encoding="utf-8").replace("20261125_0001", "20261125_9999")
        .replace("down_revision: str | None = None", 'down_revision: str | None = "20261125_0001"'),
        encoding="utf-8")
    assert file_head(scripts) is None


def test_the_signing_key_moves_out_of_settings_and_back(make_db: MakeDatabase) -> None:
    """Revision 20261206_0200 moves the private key into ``secrets`` (issue #20 item 5); the same key signs on."""
    from alembic import command
    from sqlalchemy import text

    from desktop.exchange.package_sign import key_fingerprint, new_private_key, public_key_of
    from desktop.services.signing.package_keys import own_fingerprint, signing_key

    before = str(ScriptDirectory.from_config(alembic_config()).get_revision("20261206_0200").down_revision)
    database = make_db("keyed", migrated=False)
    upgrade(database, target=before)
    pem = new_private_key()
    with database.engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('package_signing_key', :v)"), {"v": pem.decode()})
    upgrade(database, target="20261206_0200")
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM settings WHERE key = 'package_signing_key'")).scalar() == 0
        conn.rollback()
    assert own_fingerprint(database) == key_fingerprint(public_key_of(pem))
    if database.engine.dialect.name == "postgresql":
        # A server signs once an admin took the key out of the database (test_server_signing_key_upgrade.py).
        from desktop.services.core.errors import ServiceError

        with pytest.raises(ServiceError, match="key take-out"), database.session() as session:
            signing_key(session)
    else:
        with database.session() as session:
            assert signing_key(session) == pem
    cfg = alembic_config()
    with database.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        with conn.begin():
            command.downgrade(cfg, before)
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM settings WHERE key = 'package_signing_key'")).scalar() == pem.decode()
        conn.rollback()
    database.dispose()
