"""Issue #20 item 5: on a server the private signing key is in the signing PC's key store, not in the database.

Real logins in each group (tests/data/conftest.py) on a real PostgreSQL database;
each "PC" is a key store of its own (tests/keystore.py). No login — clerk,
reviewer — can select a private key from the database; a reviewer's PC makes the
key on the first export and an office verifies the package; another PC is refused
in Chinese until an admin carries the key over in a password-protected file.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select, text

from desktop.data.engine import Database
from desktop.data.models import AuditEntry
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.exchange.package_sign import new_private_key, protected_key_file, public_key_of
from desktop.exchange.verify import open_package
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor
from desktop.services.packages.export import export_package
from desktop.services.signing.key_store import (
    KEYRING_SERVICE,
    entry_name,
    export_key,
    import_key,
    key_status,
    not_here,
)
from desktop.services.signing.package_keys import NO_KEY_RIGHT, own_fingerprint
from tests.data.as_login import denied, sql
from tests.keystore import MemoryKeyring

pytestmark = pytest.mark.postgres_only

ADMIN = Actor("admin", "王管理", "admin")
PASSWORD = "迁移口令 2026"
ZERO = "本学年停办，无数据可报"  # a 零上报: an empty school may export


@pytest.fixture
def pc_b() -> Iterator[MemoryKeyring]:
    """Switch to a second PC (another key store); back to the first afterwards."""
    first = keyring.get_keyring()
    second = MemoryKeyring()
    keyring.set_keyring(second)
    yield second
    keyring.set_keyring(first)


def _export(database: Database, out: Path) -> Path:
    return export_package(database, out, with_returns=False, actor="reviewer", zero_report=ZERO).path


def _signer(package: Path) -> bytes:
    with open_package(package) as reader:  # verifies the signature over the manifest
        assert reader.signature is not None
        return reader.signature.public_key


def _audit_rows(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_no_login_reads_a_private_key_from_the_server(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path,
    _this_pc_key_store: MemoryKeyring,
) -> None:
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    with pytest.raises(ServiceError) as refused:  # a clerk's login does not sign on a server
        _export(clerk, tmp_path / "clerk")
    assert str(refused.value) == NO_KEY_RIGHT
    package = _export(reviewer, tmp_path / "a")  # the first signing: the key is made on this PC
    # Neither the clerk's nor the reviewer's login may select the private part …
    for login in (clerk, reviewer):
        assert "permission denied" in denied(login, "SELECT value FROM secrets")
        assert "permission denied" in denied(login, "SELECT * FROM secrets")
    # … and it is not there for anyone: the owner finds no private key anywhere in the database.
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM secrets")).scalar_one() == ""
        for table in ("secrets", "settings", "audit_log"):
            found = conn.execute(text(f"SELECT count(*) FROM {table} t WHERE CAST(t AS text) LIKE '%PRIVATE KEY%'"))
            assert found.scalar_one() == 0, table
    # The key is in this PC's key store, and every login sees the database's fingerprint of it.
    with reviewer.session() as s:
        held = _this_pc_key_store.get_password(KEYRING_SERVICE, entry_name(s))
    assert held is not None and "PRIVATE KEY" in held
    assert _signer(package) == public_key_of(held.encode())
    assert own_fingerprint(clerk) == own_fingerprint(reviewer) == own_fingerprint(db) is not None
    assert key_status(clerk).here == key_status(reviewer).here == "here"
    assert "permission denied" in denied(reviewer, "UPDATE secrets SET public_value = 'x'")


def test_a_second_pc_is_refused_until_the_admin_carries_the_key_over(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path,
) -> None:
    reviewer, admin = logins["reviewer"], logins["admin"]
    first = _export(reviewer, tmp_path / "a")
    made = export_package(reviewer, tmp_path / "again", with_returns=False, actor="reviewer", zero_report=ZERO)
    assert made.notice == ""  # told once, on the export that made the key
    key_file = tmp_path / "签名密钥.pem"
    assert export_key(admin, key_file, PASSWORD, actor=ADMIN) == own_fingerprint(db)
    assert b"ENCRYPTED PRIVATE KEY" in key_file.read_bytes()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # PC B
    try:
        before = _audit_rows(db)
        with reviewer.session() as s:
            public = s.execute(text("SELECT public_value FROM secrets")).scalar_one()
        with pytest.raises(ServiceError) as refused:
            _export(reviewer, tmp_path / "b")
        assert str(refused.value) == not_here(public)
        assert "不在这台电脑上" in str(refused.value) and "key import" in str(refused.value)
        assert not any((tmp_path / "b").glob("*.erp")) and _audit_rows(db) == before  # nothing written
        assert key_status(reviewer).here == "missing"
        # A wrong password, a too-short one, and another database's key are refused in Chinese.
        with pytest.raises(ServiceError, match="密码不对"):
            import_key(admin, key_file, "not the password", actor=ADMIN)
        stranger = tmp_path / "别人的密钥.pem"
        stranger.write_bytes(protected_key_file(new_private_key(), PASSWORD))
        with pytest.raises(ServiceError, match="不是服务器数据库记录的本单位签名密钥"):
            import_key(admin, stranger, PASSWORD, actor=ADMIN)
        with pytest.raises(ServiceError, match="至少需要 8 个字符"):
            export_key(admin, tmp_path / "x.pem", "short", actor=ADMIN)
        assert key_status(reviewer).here == "missing" and _audit_rows(db) == before
        # A PC with another key than the database's is refused too.
        with reviewer.session() as s:
            keyring.get_keyring().set_password(KEYRING_SERVICE, entry_name(s), new_private_key().decode())
        with pytest.raises(ServiceError, match=r"与服务器数据库记录的本单位密钥.*不同"):
            _export(reviewer, tmp_path / "b")
        # The right file and password: PC B signs with the same key the office pinned.
        assert import_key(admin, key_file, PASSWORD, actor=ADMIN) == own_fingerprint(db)
        second = _export(reviewer, tmp_path / "b")
    finally:
        keyring.set_keyring(previous)
    assert _signer(second) == _signer(first) == base64.b64decode(public)
    with db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.table_name == "secrets")
                                 .order_by(AuditEntry.id)))
    assert actions == ["key_made", "key_export", "key_import"]


def test_the_office_verifies_a_package_a_reviewer_signed_on_the_server(
    logins: dict[str, Database], school: UnitRecord, period: PeriodRecord, tmp_path: Path,
) -> None:
    from desktop.services.packages.export import import_packages
    from desktop.services.signing.package_keys import pinned_keys
    from tests.services.package_world import CITY, COUNTY, make_office

    made = export_package(logins["reviewer"], tmp_path / "a", with_returns=False, actor="reviewer", zero_report=ZERO)
    assert "这台电脑" in made.notice and "key export" in made.notice  # where the key lives, how to move it
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    try:
        [result] = import_packages(county, [made.path]).results
        assert result.status == "imported", result.message
        with county.session() as s:
            assert pinned_keys(s)[school.code].fingerprint == own_fingerprint(logins["clerk"])
    finally:
        county.dispose()
    assert sql(logins["clerk"], "SELECT 1 FROM secrets WHERE public_value IS NOT NULL") == 1


def test_two_pcs_signing_first_at_once_keep_one_key(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path,
    _this_pc_key_store: MemoryKeyring,
) -> None:
    """PC B's first export waits on PC A's uncommitted key row, then is refused in Chinese; A's key is the unit's."""
    import threading

    from desktop.services.signing.key_store import server_signing_key

    reviewer = logins["reviewer"]
    other = Database(reviewer.url)  # PC B's own connection
    outcome: list[BaseException | None] = []

    def pc_b() -> None:
        try:
            _export(other, tmp_path / "b")
            outcome.append(None)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    try:
        with reviewer.session(write=True) as session:
            pem = server_signing_key(session, "reviewer")  # PC A: the row is claimed, not yet committed
            thread = threading.Thread(target=pc_b)
            thread.start()
            with db.engine.connect() as watch:  # until B's INSERT waits on A's row lock (no clock involved)
                while thread.is_alive() and not watch.execute(text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'")).scalar_one():
                    watch.rollback()
        thread.join()
    finally:
        other.dispose()
    [error] = outcome
    assert isinstance(error, ServiceError) and "另一台电脑刚刚为本单位生成了签名密钥" in str(error)
    assert not any((tmp_path / "b").glob("*.erp"))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT public_value FROM secrets")).scalar_one() == \
            base64.b64encode(public_key_of(pem)).decode()
