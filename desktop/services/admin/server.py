"""Server mode: connecting to the shared PostgreSQL database without storing the password.

What the 设置 page and the CLI need:
* ``resolve_url(bare_url)`` — the URL to connect with: the password comes from
  ``EDURETURNS_DB_PASSWORD``, else the OS key store (``keyring``: Windows
  Credential Manager, macOS Keychain, Secret Service), else ``prompt`` if given;
  with none of these the URL goes out bare and libpq still finds ``PGPASSWORD``
  or ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf``) on its own.
* ``remember_server(url, password, save_password=…)`` — checks the connection,
  puts the password in the key store if asked, and returns the URL *without* the
  password, which is the only thing the settings file keeps.
* ``check_connection(url)`` — server version, schema state and the user's EduReturns
  roles, or a Chinese sentence saying what is wrong.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop.data.engine import Database
from desktop.data.migrate import current_revision, head_revision
from desktop.data.urls import (
    UrlError,
    credential_name,
    mask,
    normalise_server_url,
    split_password,
    with_password,
)
from desktop.data.urls import server_label as server_label
from desktop.data.urls import server_parts as server_parts
from desktop.data.urls import server_url_from_parts as server_url_from_parts
from desktop.services.core.errors import ServiceError

# The URL helpers above and UrlError, credential_name, split_password, with_password are
# what the GUI's operations use of desktop.data.urls: they take them from here.
__all__ = [
    "GROUP_ROLES", "KEYRING_SERVICE", "PASSWORD_ENV", "ConnectionInfo", "UrlError", "check_connection",
    "credential_name", "forget_password", "open_server_database", "password_from_keyring", "remember_server",
    "resolve_url", "server_label", "server_parts", "server_url_from_parts", "split_password", "store_password",
    "with_password",
]

KEYRING_SERVICE = "EduReturns PostgreSQL"
PASSWORD_ENV = "EDURETURNS_DB_PASSWORD"
GROUP_ROLES = ("edureturns_clerk", "edureturns_reviewer", "edureturns_admin")


@dataclass(frozen=True)
class ConnectionInfo:
    url: str  # without password
    server_version: str
    user: str
    database: str
    schema: str  # "current" | "empty" | "older" | "newer"
    roles: tuple[str, ...]  # EduReturns group roles the user belongs to

    @property
    def summary(self) -> str:
        states = {"current": "表结构为最新", "empty": "空数据库，首次打开时建立表结构",
                  "older": "表结构较旧，打开时会自动升级", "newer": "由更新版本的程序创建，请先升级本程序"}
        roles = "、".join(r.removeprefix("edureturns_") for r in self.roles) or "无（请管理员授予角色）"
        return f"已连接 {self.database}（{self.server_version}），用户 {self.user}，角色：{roles}；{states[self.schema]}。"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def password_from_keyring(url: str) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(KEYRING_SERVICE, credential_name(url))
    except Exception:  # no usable backend (headless Linux, locked store): behave as "not stored"
        return None
    return str(value) if value else None


def store_password(url: str, password: str) -> bool:
    """Keep the password in the OS key store; False when there is no usable key store."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, credential_name(url), password)
    except Exception:
        return False
    return True


def forget_password(url: str) -> None:
    kr = _keyring()
    if kr is None:
        return
    with contextlib.suppress(Exception):
        kr.delete_password(KEYRING_SERVICE, credential_name(url))


def resolve_url(
    url: str, *, prompt: Callable[[str], str] | None = None, env: Mapping[str, str] | None = None
) -> str:
    """The URL to connect with, password joined in memory only (see module docstring)."""
    bare, password = split_password(url)
    if password:
        return url
    environ = os.environ if env is None else env
    password = environ.get(PASSWORD_ENV) or password_from_keyring(bare)
    if not password and prompt is not None and not environ.get("PGPASSWORD"):
        password = prompt(f"请输入数据库用户的密码（{credential_name(bare)}）：") or None
    return with_password(bare, password)


def _explain(exc: Exception, url: str) -> str:
    text_ = str(exc).lower()
    if "password authentication failed" in text_ or "no password supplied" in text_:
        return f"无法登录数据库服务器：用户名或密码不对（{mask(url)}）。请核对密码，或请管理员重设。"
    if "does not exist" in text_ and "database" in text_:
        return "服务器上没有这个数据库，请核对数据库名，或请管理员先建立数据库。"
    if "connection refused" in text_ or "could not connect" in text_ or "timeout" in text_ or "resolve" in text_:
        return f"连接不到数据库服务器（{mask(url)}）。请检查服务器地址和端口、网络，以及服务器是否已启动。"
    return f"连接数据库服务器失败：{exc}"


def check_connection(url: str) -> ConnectionInfo:
    """Connect once and report what is there; ServiceError with the reason otherwise."""
    try:
        url = normalise_server_url(url)
    except UrlError as exc:
        raise ServiceError(str(exc)) from exc
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
            user, database = conn.execute(text("SELECT current_user, current_database()")).one()
            roles = tuple(r for r in GROUP_ROLES if conn.execute(
                text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r) AND pg_has_role(current_user, :r, 'MEMBER')"),
                {"r": r}).scalar())
            conn.rollback()
        revision = current_revision(db)
    except (OperationalError, DBAPIError) as exc:
        raise ServiceError(_explain(exc, url)) from exc
    finally:
        db.dispose()
    if revision is None:
        schema = "empty"
    elif revision == head_revision():
        schema = "current"
    else:
        from alembic.script import ScriptDirectory

        from desktop.data.migrate import alembic_config

        known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        schema = "older" if revision in known else "newer"
    return ConnectionInfo(split_password(url)[0], version, str(user), str(database), schema, roles)


def remember_server(url: str, password: str | None, *, save_password: bool) -> tuple[str, ConnectionInfo, bool]:
    """Check the server, optionally keep the password in the key store.

    Returns (URL without password — the only thing to put in the settings file,
    the connection report, whether the password is now in the key store).
    """
    bare, in_url = split_password(normalise_server_url(url) if url else url)
    password = password or in_url
    info = check_connection(with_password(bare, password))
    saved = bool(password) and save_password and store_password(bare, password or "")
    if not save_password:
        forget_password(bare)
    return bare, info, saved


def open_server_database(url: str, *, prompt: Callable[[str], str] | None = None) -> Database:
    """The shared database for the app to work on: password resolved, schema brought to head.

    ``url`` is what the settings file keeps (no password). Raises ServiceError with
    the reason (cannot connect, wrong password, newer schema, no right to upgrade).
    """
    from desktop.data.migrate import MigrationError, upgrade

    try:
        full = resolve_url(normalise_server_url(url), prompt=prompt)
    except UrlError as exc:
        raise ServiceError(str(exc)) from exc
    check_connection(full)  # a clear reason before anything else is tried
    db = Database(full)
    try:
        upgrade(db)
    except MigrationError as exc:
        db.dispose()
        if "permission denied" in str(exc) or "must be owner" in str(exc):
            raise ServiceError("服务器上的表结构需要升级，但您的账号没有升级权限。请管理员用数据库所有者账号运行 "
                               "`edureturns-cli server setup-roles`（会先升级表结构）。") from exc
        raise ServiceError(str(exc)) from exc
    return db
