"""`key`: where a server database's package-signing key is, and moving it between PCs (admin).

On a PostgreSQL server the private key lives in the OS key store of the PC that
signs (``services/signing/key_store.py``, docs/security.md §1):

* ``key status`` — the database's key fingerprint and whether this PC holds it;
* ``key export --out F`` — write it to a password-protected file (admin);
* ``key import F`` — put the key of such a file into this PC's key store (admin;
  refused unless it is the database's key);
* ``key take-out`` — move a key an older version kept in the database into this
  PC's key store and empty the column (admin).

The file's password comes from ``EDURETURNS_KEY_PASSWORD`` (scripts) or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import CommandError, add_db_arguments, cli_actor, open_database, run_safely

if TYPE_CHECKING:
    from desktop.data.engine import Database
    from desktop.services.core.users import Actor

KEY_PASSWORD_ENV = "EDURETURNS_KEY_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    key = sub.add_parser("key", help="服务器模式：数据包签名密钥在哪台电脑上，以及在电脑之间转移（管理员）")
    ksub = key.add_subparsers(dest="key_command", metavar="SUBCOMMAND")
    p = ksub.add_parser("status", help="显示本单位签名密钥的指纹，以及这台电脑上是否有该密钥")
    add_db_arguments(p)
    p.set_defaults(handler=run_safely(_status))
    p = ksub.add_parser("export", help="把这台电脑上的签名密钥导出为带密码的文件（管理员；密码至少 8 个字符）")
    add_db_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="密钥文件，如 签名密钥.pem")
    p.set_defaults(handler=run_safely(_export))
    p = ksub.add_parser("import", help="把带密码的密钥文件导入这台电脑的系统密钥库（管理员；须与数据库记录的公钥一致）")
    add_db_arguments(p)
    p.add_argument("file", type=Path, help="用 key export 导出的密钥文件")
    p.set_defaults(handler=run_safely(_import))
    p = ksub.add_parser("take-out", help="把旧版本存在服务器数据库中的签名密钥取出到这台电脑的系统密钥库，并从数据库清除（管理员）")
    add_db_arguments(p)
    p.set_defaults(handler=run_safely(_take_out))


def _password(*, twice: bool) -> str:
    password = os.environ.get(KEY_PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CommandError(f"需要密钥文件的密码：请在终端中运行以便输入密码，或用环境变量 {KEY_PASSWORD_ENV} 提供。")
    password = getpass.getpass("密钥文件的密码：")
    if twice and password != getpass.getpass("再输入一次："):
        raise CommandError("两次输入的密码不一致，密钥文件没有导出。")
    return password


def _status(args: argparse.Namespace) -> int:
    from desktop.services.signing.key_store import key_status

    db = open_database(args)
    try:
        status = key_status(db)
    finally:
        db.dispose()
    print(f"数据库记录的签名密钥指纹：{status.fingerprint or '（还没有）'}")
    print(status.message)
    return 0


def _as_admin(args: argparse.Namespace, act: Callable[[Database, Actor], str]) -> str:
    """Open the database, log in as the CLI does everywhere, run ``act``; the key's fingerprint."""
    db = open_database(args)
    try:
        return act(db, cli_actor(args, db))
    finally:
        db.dispose()


def _export(args: argparse.Namespace) -> int:
    from desktop.services.signing.key_store import export_key

    fingerprint = _as_admin(args, lambda db, actor: export_key(db, args.out, _password(twice=True), actor=actor))
    print(f"已把签名密钥（指纹 {fingerprint}）导出到 {args.out}（已记入操作日志）。文件有密码保护；"
          "请把文件和密码分开交给要签名的电脑，导入后删除文件。", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.services.signing.key_store import import_key

    fingerprint = _as_admin(args, lambda db, actor: import_key(db, args.file, _password(twice=False), actor=actor))
    print(f"已把签名密钥（指纹 {fingerprint}）导入这台电脑的系统密钥库（已记入操作日志），这台电脑现在可以签名。"
          "请删除密钥文件。", file=sys.stderr)
    return 0


def _take_out(args: argparse.Namespace) -> int:
    from desktop.services.signing.key_store import take_out

    fingerprint = _as_admin(args, lambda db, actor: take_out(db, actor=actor))
    print(f"已把签名密钥（指纹 {fingerprint}）从服务器数据库取出，保存到这台电脑的系统密钥库；数据库中不再有私钥"
          "（已记入操作日志）。其他电脑要签名时，用 key export / key import 转移。", file=sys.stderr)
    return 0
