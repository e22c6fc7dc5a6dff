"""A server database made before revision 20261206_0600 still holds the private key in ``secrets.value``.

Built the way the previous version left it: the schema at the revision before
20261206_0600, the grants the previous ``setup-roles`` gave (reviewers could
select ``value``) and the key in the column. The upgrade closes the column to the
reviewer's login at once; signing is refused until an admin takes the key out into
this PC's key store, after which the database holds no private key and the
packages are signed with the same key as before (offices need no re-pin).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import psycopg
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.data.engine import Database
from desktop.data.migrate import alembic_config, current_revision, upgrade
from desktop.data.models import AuditEntry
from desktop.data.roles import create_login, setup_roles
from desktop.domain.records import UnitData
from desktop.exchange.package_sign import new_private_key, public_key_of
from desktop.exchange.verify import open_package
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor
from desktop.services.packages.export import export_package
from desktop.services.records.units import create_home_unit
from desktop.services.signing.key_store import KEYRING_SERVICE, entry_name, key_status, take_out
from desktop.services.year.periods import ensure_period
from tests.conftest import MakeDatabase
from tests.data.as_login import denied
from tests.keystore import MemoryKeyring

pytestmark = pytest.mark.postgres_only

REVISION = "20261206_0600"
ADMIN = Actor("admin", "王管理", "admin")
ZERO = "本学年停办，无数据可报"


def _previous() -> str:
    down = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision
    assert isinstance(down, str)
    return down


@pytest.fixture
def old_server(make_db: MakeDatabase) -> Iterator[tuple[Database, dict[str, Database], bytes]]:
    """A server database as the previous version left it, with a reviewer's and an admin's login."""
    db = make_db("old", migrated=False)
    upgrade(db, target=_previous())
    create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school", parent_code="441622",
                                  category="211", ownership="1", urban_rural="2"))
    ensure_period(db, 2025)
    pem = new_private_key()
    tag = uuid.uuid4().hex[:8]
    names = {role: f"t_{role}_{tag}" for role in ("reviewer", "admin")}
    with db.engine.begin() as conn:
        setup_roles(conn)
        conn.exec_driver_sql("GRANT SELECT ON secrets TO edureturns_reviewer")  # the previous version's grant
        for role, name in names.items():
            create_login(conn, name, f"pw-{name}", role)
        conn.execute(text("INSERT INTO secrets (name, value, public_value) VALUES ('package_signing_key', :v, :p)"),
                     {"v": pem.decode(), "p": base64.b64encode(public_key_of(pem)).decode()})
    base = make_url(db.url)
    opened = {role: Database(base.set(username=name, password=f"pw-{name}").render_as_string(hide_password=False))
              for role, name in names.items()}
    with opened["reviewer"].engine.connect() as conn:  # the hole: a reviewer's login reads the key
        assert "PRIVATE KEY" in str(conn.execute(text("SELECT value FROM secrets")).scalar())
    yield db, opened, pem
    for database in opened.values():
        database.dispose()
    db.dispose()
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')  # type: ignore[arg-type]


def test_the_upgrade_closes_the_column_and_the_admin_takes_the_key_out(
    old_server: tuple[Database, dict[str, Database], bytes], tmp_path: Path, _this_pc_key_store: MemoryKeyring,
) -> None:
    db, logins, pem = old_server
    reviewer, admin = logins["reviewer"], logins["admin"]
    upgrade(db)  # what opening the database with this version does (the owner's login)
    assert current_revision(db) != _previous()
    assert "permission denied" in denied(reviewer, "SELECT value FROM secrets")
    # Until the key is taken out, nobody signs with it, and the sentence says what to do.
    with pytest.raises(ServiceError, match=r"还保存在服务器数据库中.*key take-out"):
        export_package(db, tmp_path / "early", with_returns=False, zero_report=ZERO)
    assert key_status(admin).here == "in_database"
    with pytest.raises(ServiceError, match="只有管理员的数据库用户"):
        take_out(reviewer, actor=ADMIN)
    fingerprint = take_out(admin, actor=ADMIN)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM secrets")).scalar_one() == ""
    with admin.session() as s:
        assert _this_pc_key_store.get_password(KEYRING_SERVICE, entry_name(s)) == pem.decode()
        audit = s.execute(select(AuditEntry.action, AuditEntry.new_value).where(AuditEntry.table_name == "secrets")).one()
    assert audit == ("key_take_out", fingerprint)
    with pytest.raises(ServiceError, match="已不在数据库中"):
        take_out(admin, actor=ADMIN)
    # The reviewer on this PC signs with the same key as before: the offices' pins still hold.
    package = export_package(reviewer, tmp_path / "a", with_returns=False, actor="reviewer", zero_report=ZERO).path
    with open_package(package) as reader:
        assert reader.signature is not None and reader.signature.public_key == public_key_of(pem)
    # Another PC has no key until an admin imports the file.
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        assert key_status(reviewer).here == "missing"
    finally:
        keyring.set_keyring(previous)
