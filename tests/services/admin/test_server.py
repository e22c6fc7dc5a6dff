"""Connecting to the server: the password is never in the stored URL; clear reasons when it fails."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from desktop.data.engine import Database
from desktop.data.urls import split_password
from desktop.services.admin.server import (
    PASSWORD_ENV,
    check_connection,
    password_from_keyring,
    remember_server,
    resolve_url,
)
from desktop.services.core.errors import ServiceError

BARE = "postgresql+psycopg://clerk@10.0.0.5:5432/edureturns"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend kept in memory (CI machines have no OS key store)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def test_password_comes_from_env_then_key_store_then_prompt(memory_keyring: MemoryKeyring) -> None:
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return "typed"

    assert split_password(resolve_url(BARE, env={PASSWORD_ENV: "from-env"}, prompt=prompt))[1] == "from-env"
    memory_keyring.set_password("EduReturns PostgreSQL", "clerk@10.0.0.5:5432/edureturns", "kept")
    assert split_password(resolve_url(BARE, env={}, prompt=prompt))[1] == "kept"
    memory_keyring.store.clear()
    assert split_password(resolve_url(BARE, env={}, prompt=prompt))[1] == "typed"
    assert "clerk@10.0.0.5:5432/edureturns" in asked[0]
    # libpq reads PGPASSWORD itself, so nobody is asked when it is set.
    assert split_password(resolve_url(BARE, env={"PGPASSWORD": "x"}, prompt=prompt))[1] is None
    assert len(asked) == 1


def test_a_url_that_already_has_a_password_is_used_as_given() -> None:
    full = "postgresql+psycopg://clerk:pw@h/db"
    assert resolve_url(full, env={PASSWORD_ENV: "other"}) == full


def test_without_a_key_store_nothing_breaks() -> None:
    previous = keyring.get_keyring()
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())
    try:
        assert password_from_keyring(BARE) is None
        assert resolve_url(BARE, env={}) == BARE
    finally:
        keyring.set_keyring(previous)


def test_unreachable_server_gives_a_chinese_reason() -> None:
    with pytest.raises(ServiceError, match="连接不到数据库服务器"):
        check_connection("postgresql+psycopg://u:p@127.0.0.1:1/edureturns?connect_timeout=3")
    with pytest.raises(ServiceError, match="只支持 PostgreSQL"):
        check_connection("mysql://u@h/db")


@pytest.mark.postgres_only
def test_remember_keeps_the_password_out_of_the_url_and_in_the_key_store(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    full = make_url(db.url)
    bare, info, saved = remember_server(db.url, None, save_password=True)
    assert full.password and full.password not in bare and ":" + full.password + "@" not in bare
    assert saved and info.schema == "current" and info.database == full.database
    assert resolve_url(bare, env={}) == full.set(drivername="postgresql+psycopg").render_as_string(
        hide_password=False)
    # Not saving the password removes an earlier one.
    remember_server(bare, full.password, save_password=False)
    assert password_from_keyring(bare) is None


@pytest.mark.postgres_only
def test_a_wrong_password_is_named_as_such(db: Database) -> None:
    wrong = make_url(db.url).set(password="wrong").render_as_string(hide_password=False)
    with pytest.raises(ServiceError, match="用户名或密码不对") as excinfo:
        check_connection(wrong)
    assert "wrong" not in excinfo.value.message  # the message shows the URL masked


@pytest.mark.postgres_only
def test_the_app_opens_the_server_database_from_the_stored_url(db: Database, memory_keyring: MemoryKeyring) -> None:
    from desktop.services.admin.server import open_server_database
    from desktop.services.records.units import home_unit

    bare, _, _ = remember_server(db.url, None, save_password=True)
    opened = open_server_database(bare)
    try:
        assert home_unit(opened) is None  # an empty, migrated database, reached without a typed password
    finally:
        opened.dispose()
