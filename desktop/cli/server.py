"""Server-mode commands: check/login to the PostgreSQL server, roles, users, migrate-to."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path

from desktop.cli.common import CommandError, add_db_arguments, open_database, run_safely, server_url
from desktop.data.urls import mask

NEW_PASSWORD_ENV = "EDURETURNS_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("migrate-to", help="把 SQLite 数据库迁移到 PostgreSQL 服务器（逐表核对行数和指纹）")
    p.add_argument("url", help="服务器数据库 URL，如 postgresql+psycopg://用户名@服务器:5432/edureturns")
    p.add_argument("--db", type=Path, required=True, help="要迁移的 SQLite 数据库文件")
    p.set_defaults(handler=run_safely(_migrate_to))

    server = sub.add_parser("server", help="服务器模式：连接检查、保存密码、数据库角色和用户")
    ssub = server.add_subparsers(dest="server_command", metavar="SUBCOMMAND")
    p = ssub.add_parser("check", help="测试连接并显示服务器、表结构和当前用户的角色")
    p.add_argument("url")
    p.set_defaults(handler=run_safely(_check))
    p = ssub.add_parser("login", help="输入密码并存入系统钥匙串（设置中只保存不含密码的地址）")
    p.add_argument("url")
    p.set_defaults(handler=run_safely(_login))
    p = ssub.add_parser("setup-roles", help="建立 填报员/审核人/管理员 数据库角色和权限（数据库所有者运行）")
    add_db_arguments(p)
    p.add_argument("--print-sql", action="store_true", help="只打印 SQL，不执行")
    p.set_defaults(handler=run_safely(_setup_roles))
    p = ssub.add_parser("add-user", help="为一个人建立数据库登录名并加入角色")
    add_db_arguments(p)
    p.add_argument("name", help="登录名（小写字母、数字、下划线）")
    p.add_argument("--role", choices=("clerk", "reviewer", "admin"), required=True)
    p.set_defaults(handler=run_safely(_add_user))


def _require_server(args: argparse.Namespace) -> None:
    if not getattr(args, "database_url", None) or str(args.database_url).startswith("sqlite"):
        raise CommandError("这个命令只用于 PostgreSQL 服务器，请用 --database-url 指定服务器地址。")


def _check(args: argparse.Namespace) -> int:
    from desktop.services.admin.server import check_connection

    info = check_connection(server_url(args.url))
    print(info.summary)
    return 0


def _login(args: argparse.Namespace) -> int:
    from desktop.data.urls import split_password
    from desktop.services.admin.server import remember_server

    bare, password = split_password(args.url)
    password = password or os.environ.get("EDURETURNS_DB_PASSWORD") or getpass.getpass(f"{bare} 的密码：")
    bare, info, saved = remember_server(bare, password, save_password=True)
    print(info.summary)
    if saved:
        print(f"密码已存入系统钥匙串。以后用 --database-url {bare} 即可，无需再输入密码。")
    else:
        print("本机没有可用的系统钥匙串，密码未保存；以后连接时会询问密码，"
              "也可以设置 EDURETURNS_DB_PASSWORD 或 PGPASSWORD 环境变量。")
    return 0


def _setup_roles(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from desktop.data.roles import setup_roles, setup_statements

    _require_server(args)
    if args.print_sql:
        name = make_url(args.database_url).database or "edureturns"
        print(";\n".join(setup_statements(name)) + ";")
        return 0
    db = open_database(args)  # upgrades the schema first, so the grants cover every table
    try:
        with db.engine.begin() as conn:
            setup_roles(conn)
    finally:
        db.dispose()
    print("已建立数据库角色 edureturns_clerk（填报员）、edureturns_reviewer（审核人）、edureturns_admin（管理员）"
          "及其权限。每次升级程序后请再运行一次本命令。")
    return 0


def _add_user(args: argparse.Namespace) -> int:
    from desktop.data.roles import create_login

    _require_server(args)
    password = os.environ.get(NEW_PASSWORD_ENV)
    if not password:
        if not sys.stdin.isatty():
            raise CommandError(f"请在终端中运行以输入新密码，或设置 {NEW_PASSWORD_ENV} 环境变量。")
        password = getpass.getpass(f"{args.name} 的新密码：")
        if password != getpass.getpass("再输入一次："):
            raise CommandError("两次输入的密码不一致，用户未建立。")
    if len(password) < 8:
        raise CommandError("密码至少需要 8 个字符。")
    db = open_database(args)
    try:
        with db.engine.begin() as conn:
            create_login(conn, args.name, password, args.role)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"已建立登录名 {args.name}，角色 {args.role}。")
    return 0


def _migrate_to(args: argparse.Namespace) -> int:
    from desktop.data.engine import Database
    from desktop.data.migrate import upgrade
    from desktop.services.admin.move import move_database

    if not args.db.exists():
        raise CommandError(f"找不到数据库文件：{args.db}")
    target_url = server_url(args.url)
    source = open_database(argparse.Namespace(db=args.db, database_url=None))
    target = Database(target_url)
    started = time.perf_counter()
    try:
        upgrade(target)

        def progress(message: str, fraction: float) -> None:
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

        report = move_database(source, target, progress=progress)
    finally:
        source.dispose()
        target.dispose()
    seconds = time.perf_counter() - started
    print(f"{'表':<20}{'源行数':>10}{'目标行数':>10}  指纹")
    for t in report.tables:
        mark = "一致" if t.ok else "不一致！"
        print(f"{t.table:<20}{t.source_rows:>10}{t.target_rows:>10}  {t.target_fingerprint[:16]} {mark}")
    for r in report.results:
        print(f"{r.name:<30}  {r.target[:16]} {'一致' if r.ok else '不一致！'}")
    if not report.ok:
        print("迁移后的数据与源数据库不一致。请不要使用服务器上的这份数据，把以上输出发给技术支持。",
              file=sys.stderr)
        return 1
    print(f"已迁移 {report.rows} 行到 {mask(target_url)}（{seconds:.1f} 秒），行数和指纹全部一致。")
    return 0
