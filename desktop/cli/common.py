"""Shared pieces of the sub-commands: opening the database, printing, failing cleanly."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.appdirs import default_database
from desktop.data.backup import BackupError
from desktop.data.engine import Database, sqlite_url
from desktop.data.migrate import MigrationError
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.services.core.errors import ServiceError

if TYPE_CHECKING:
    from desktop.services.core.users import Actor


class CommandError(Exception):
    """The command cannot run; the message (Chinese) goes to stderr, exit code 2."""


def add_db_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="SQLite 数据库文件（默认：用户数据文件夹中的 edureturns.db）")
    parser.add_argument("--database-url", help="数据库连接 URL（如 postgresql+psycopg://…），优先于 --db")
    parser.add_argument("--user", help="以该用户身份操作（数据库设有用户并要求登录时必填；密码在提示时输入，"
                        "脚本可用环境变量 EDURETURNS_PASSWORD 提供；用户名也可用 EDURETURNS_USER）")


def cli_actor(args: argparse.Namespace, db: Database) -> Actor:
    """Who runs this command: the same rule as the GUI's login (``users.start_actor``, ``users.login``).

    With users defined and login required, ``--user`` (or EDURETURNS_USER) and its
    password (prompted, or EDURETURNS_PASSWORD for scripts) are needed; the roles
    are then the user's, exactly as in the GUI. Without users, or with login
    switched off, the command runs as the GUI would without a login screen.
    """
    import getpass

    from desktop.services.core.users import LoginFailed, login, start_actor

    username = getattr(args, "user", None) or os.environ.get("EDURETURNS_USER")
    if not username:
        actor = start_actor(db)
        if actor is None:
            raise CommandError("这个数据库设有用户并要求登录：请加上 --user 用户名（密码在提示时输入，"
                               "脚本可用环境变量 EDURETURNS_PASSWORD 提供）。")
        return actor
    password = os.environ.get("EDURETURNS_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CommandError(f"需要用户“{username}”的密码：请在终端中运行以便输入密码，或用环境变量 EDURETURNS_PASSWORD 提供。")
        password = getpass.getpass(f"用户“{username}”的密码：")
    try:
        return login(db, username, password)
    except LoginFailed as exc:
        raise CommandError(exc.message) from exc


def server_url(url: str) -> str:
    """A server URL ready to connect: password from env, key store or a prompt (never from settings)."""
    import getpass

    from desktop.data.urls import UrlError, normalise_server_url, split_password
    from desktop.services.admin.server import resolve_url

    try:
        url = normalise_server_url(url)
    except UrlError as exc:
        raise CommandError(str(exc)) from exc
    if split_password(url)[1]:
        print("提示：密码写在命令行里会留在历史记录中；可以改用 EDURETURNS_DB_PASSWORD 环境变量，"
              "或先运行 `edureturns-cli server login` 把密码存入系统钥匙串。", file=sys.stderr)
    return resolve_url(url, prompt=getpass.getpass if sys.stdin.isatty() else None)


def database_target(args: argparse.Namespace) -> tuple[str, Path | None]:
    url = getattr(args, "database_url", None)
    if url:
        if url.startswith("sqlite"):
            return url, None
        return server_url(url), None
    path = Path(args.db) if getattr(args, "db", None) else default_database()
    return sqlite_url(path), path


def database_key(path: Path | None) -> str | None:
    """The SQLCipher key of an encrypted file: EDURETURNS_DB_PASSPHRASE, else the OS key store."""
    if path is None:
        return None
    from desktop.data.cipher import CipherError
    from desktop.services.admin.encryption import key_for

    try:
        return key_for(path, os.environ.get("EDURETURNS_DB_PASSPHRASE"))
    except CipherError as exc:
        raise CommandError(f"{exc}（命令行可用环境变量 EDURETURNS_DB_PASSPHRASE 提供口令。）") from exc


def open_database(args: argparse.Namespace, *, must_exist: bool = True) -> Database:
    """Open (and if needed upgrade, after a backup) the database the arguments name."""
    url, path = database_target(args)
    if path is not None and must_exist and not path.exists():
        raise CommandError(f"找不到数据库文件：{path}。请先用 `edureturns-cli init` 或 `demo` 创建。")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    from desktop.data.cipher import CipherError
    from desktop.services.admin.database import DamagedDatabase
    from desktop.services.admin.database import open_database as open_checked

    try:
        opened = open_checked(path, url=url, key=database_key(path))
    except DamagedDatabase as exc:
        raise CommandError(exc.report.message) from exc
    except (CipherError, BackupError, MigrationError) as exc:
        raise CommandError(str(exc)) from exc
    if opened.network_warning:
        print(f"警告：{opened.network_warning}", file=sys.stderr)
    return opened.db


def resolve_unit(db: Database, code: str | None) -> UnitRecord:
    from desktop.services.records.units import find_unit, home_unit

    unit = find_unit(db, code) if code else home_unit(db)
    if unit is None:
        raise CommandError(f"数据库中没有代码为 {code} 的单位。" if code else "数据库还没有所属单位，请先运行 init。")
    return unit


def resolve_period(db: Database, year: int | None) -> PeriodRecord:
    from desktop.services.year.periods import latest_period, list_periods

    if year is None:
        period = latest_period(db)
    else:
        period = next((p for p in list_periods(db) if p.school_year == year), None)
    if period is None:
        raise CommandError(f"数据库中没有 {year}学年 的统计期。" if year else "数据库中还没有统计期。")
    return period


def import_from_office(args: argparse.Namespace, importer: Callable[..., Any]) -> str:
    """A signed file from the office (退回意见 or 回执) into a school's database, with ``--repin``.

    ``importer(db, path, actor=username)`` returns a result with a ``message``; the message is returned."""
    db = open_database(args)
    try:
        actor = cli_actor(args, db)
        if args.repin:
            from desktop.services.signing.package_keys import repin_unit

            pin = repin_unit(db, str(args.file), actor=actor, reason=args.reason)
            print(f"已重新信任 {pin.unit_code} 的签名密钥，指纹 {pin.fingerprint}（已记入操作日志）。", file=sys.stderr)
        return str(importer(db, args.file, actor=actor.username).message)
    finally:
        db.dispose()


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def run_safely(handler: object) -> object:
    """Wrap a handler so expected errors become a Chinese message and exit code 2."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))  # type: ignore[operator]
        except (CommandError, ServiceError, BackupError, MigrationError) as exc:
            return fail(str(exc))

    return wrapped
