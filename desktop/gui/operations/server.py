"""Operations of 连接服务器数据库 (wizard and 设置): test a connection, open the shared database.

They run on the task manager's worker; every failure is a ServiceError whose
message says in Chinese what is wrong (server unreachable, wrong password, no
such database, schema of another program version, no office data yet).
"""

from __future__ import annotations

import os
from datetime import date

from desktop.appdirs import data_dir
from desktop.gui.operations.setup import OpenedDatabase
from desktop.services.admin import server
from desktop.services.admin.server import UrlError, credential_name, split_password, with_password
from desktop.services.admin.server import forget_password as forget_password
from desktop.services.admin.server import password_from_keyring as password_from_keyring
from desktop.services.core.errors import ServiceError
from desktop.services.records import units
from desktop.services.year import periods


def check_server(url: str, password: str | None) -> server.ConnectionInfo:
    """测试连接: reach the server, log in, look at the schema; refuse what cannot be opened."""
    try:
        info = server.check_connection(with_password(url, password))
    except UrlError as exc:
        raise ServiceError(str(exc)) from exc
    if info.schema == "newer":
        raise ServiceError("服务器上的数据库是由更新版本的 EduReturns 建立的，本程序版本较旧，不能打开它。"
                           "请先把本机的 EduReturns 升级到与服务器相同或更新的版本。")
    if info.schema == "empty":
        raise ServiceError("服务器上的这个数据库还是空的，没有任何单位数据。请管理员先用 "
                           "`edureturns-cli migrate-to` 把现有数据库迁入服务器（见使用说明“服务器模式”）。")
    return info


def connect_server(url: str, password: str | None, *, save_password: bool) -> OpenedDatabase:
    """Check, keep the password in the key store if asked, open the database at head, find unit and period."""
    check_server(url, password)
    bare, _info, _saved = server.remember_server(url, password, save_password=save_password)
    return open_server(bare, password)


def open_server(url: str, password: str | None) -> OpenedDatabase:
    """Open the shared database ``url`` (no password in it) with ``password`` (None: key store or environment)."""
    bare, in_url = split_password(url)
    password = password or in_url  # --database-url may carry one (it is never written anywhere)
    db = server.open_server_database(with_password(bare, password) if password else bare)
    unit = units.home_unit(db)
    if unit is None:
        db.dispose()
        raise ServiceError("服务器上的数据库还没有所属单位，不是一个完整的 EduReturns 数据库。"
                           "请管理员先用 `edureturns-cli migrate-to` 迁入数据。")
    period = periods.latest_period(db)
    if period is None:
        today = date.today()
        period = periods.ensure_period(db, today.year if today.month >= 9 else today.year - 1)
    # No file: backups of a server are the administrator's (pg_dump); the path only names
    # a local folder for what the app keeps per database (exports, logs).
    return OpenedDatabase(data_dir() / "server" / "edureturns", db, unit, period, server_url=bare)


def known_password(url: str) -> str | None:
    """The password the app may use without asking: environment or key store (libpq's PGPASSWORD counts too)."""
    bare = split_password(url)[0]
    found = os.environ.get(server.PASSWORD_ENV) or server.password_from_keyring(bare)
    if found:
        return found
    return os.environ.get("PGPASSWORD") or None


def password_prompt(url: str) -> str:
    return f"请输入数据库用户的密码（{credential_name(url)}）。密码不会写进设置文件。"
