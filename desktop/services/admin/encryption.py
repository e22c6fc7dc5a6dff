"""Turning on database encryption (SQLCipher) and finding the key at start-up.

``encrypt_database`` (admins only) converts a plain database file to an
encrypted one, verifies it, swaps it in, and deletes the plain file and the
plain backups (they hold every ID number in clear) after taking a first
encrypted backup. The key is a passphrase the admin chooses, or a random key
kept in the OS key store and shown once as a recovery key.

``key_for(path, passphrase=None)`` is what start-up calls: None for a plain
file, the passphrase if given, else the key store's entry; a CipherError tells
the GUI to ask for the passphrase or recovery key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.appdirs import backups_dir_for, received_dir_for
from desktop.data import cipher, inuse
from desktop.data.backup import backup_file
from desktop.data.engine import Database
from desktop.services.admin import backups
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, require

MIN_PASSPHRASE = 12


@dataclass(frozen=True)
class EncryptionResult:
    key: str  # what Database.for_path(path, key=…) needs from now on
    in_keyring: bool
    recovery_key: str | None  # show once; None in passphrase mode (the passphrase is the key)
    removed_backups: list[Path]
    first_backup: Path


def key_for(path: Path, passphrase: str | None = None) -> str | None:
    if not cipher.is_encrypted(path):
        return None
    if passphrase:
        return passphrase
    stored = cipher.load_key(path)
    if stored is None:
        raise cipher.CipherError("这个数据库已加密，本机密钥库中没有它的密钥。请输入口令或恢复密钥。")
    return stored


def encrypt_database(db: Database, actor: Actor, *, passphrase: str | None = None) -> EncryptionResult:
    """Encrypt the plain SQLite database of ``db`` in place; ``db`` is closed, reopen it with the key."""
    require(actor, "settings")
    path = db.path
    if path is None:
        raise ServiceError("PostgreSQL 数据库的保护由服务器负责（磁盘加密、权限、TLS），这里不能加密。")
    if cipher.is_encrypted(path):
        raise ServiceError("数据库已经加密。")
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise ServiceError(f"口令至少需要 {MIN_PASSPHRASE} 个字符；忘记口令将无法找回数据，请妥善保管。")
    if not cipher.available():
        raise ServiceError("本机缺少 SQLCipher 组件（sqlcipher3），无法加密。请重新安装 EduReturns。")
    backups.backup_before(db, "encryption")  # a last plain copy, deleted below once all went well
    key = passphrase or cipher.new_raw_key()
    db.dispose()
    # The encrypted copy replaces the file: another window would go on writing the old one
    # (and on Windows the replace fails while it is open).
    others = inuse.other_users(path)
    if others:
        raise ServiceError(f"数据库正在被另外 {others} 个 EduReturns 窗口或命令行使用，没有加密，数据保持原样。"
                           "请先关闭它们（在窗口中点“文件 → 退出”），然后再加密。")
    encrypted = cipher.encrypt_file(path, key)
    for side in ("-wal", "-shm", "-journal"):
        Path(str(path) + side).unlink(missing_ok=True)
    os.replace(encrypted, path)
    if passphrase is None:
        cipher.store_key(path, key)
    first = backup_file(path, backups_dir_for(path), "encrypted", key=key)
    removed = [b.path for b in backups.list_backups(path) if not cipher.is_encrypted(b.path)]
    # Half-written backups of a killed run (*.db.tmp) and kept packages are plain too: they go as well.
    removed += backups.leftover_temp_files(path)
    received = received_dir_for(path)
    removed += sorted(received.rglob("*.erp")) if received.is_dir() else []
    for old in removed:
        old.unlink(missing_ok=True)
    return EncryptionResult(key, passphrase is None, None if passphrase else key, removed, first)
