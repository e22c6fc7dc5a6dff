"""SQLCipher: the whole database file (and every backup of it) encrypted at rest (R14).

Why the whole file and not only the ID-number column: docs/security.md §个人信息.
In short, a resident ID is its region code + birth date + sequence + check
character; the birth date and the last four characters are stored for search
and reports, and the region is nearly always the county's own, so an encrypted
ID column next to them would be recoverable in seconds. SQLCipher encrypts every
page (AES-256, HMAC-SHA512 per page), including names, phones and the audit log,
and works unchanged with raw SQL, bulk inserts and the backup API.

A key is either
* a passphrase the admin types (SQLCipher derives the key with PBKDF2-HMAC-SHA512,
  256,000 iterations, salt in the file header), or
* a random 256-bit raw key ``x'<64 hex>'`` kept in the operating system's key store
  (Windows Credential Manager / macOS Keychain / Secret Service) via ``keyring``,
  shown once to the admin as a recovery key.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop.data.durable import flush_file

SQLITE_HEADER = b"SQLite format 3\x00"
KEYRING_SERVICE = "EduReturns 数据库密钥"


class CipherError(Exception):
    """Encryption could not be used; the message is for the user (Chinese)."""


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def _module() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:
        raise CipherError("本机缺少 SQLCipher 组件（sqlcipher3），无法打开加密的数据库。请重新安装 EduReturns。") from exc
    return sqlcipher3


def sqlcipher_url(path: str | Path, key: str) -> str:
    # URL.create drops a password without a host when rendered; spell the URL out.
    return f"sqlite+pysqlcipher://:{quote(key, safe='')}@/{Path(path).resolve()}"


def new_raw_key() -> str:
    """A random 256-bit key in SQLCipher's raw-key syntax (no key derivation on open)."""
    return f"x'{secrets.token_hex(32)}'"


def is_encrypted(path: Path) -> bool:
    """True when ``path`` exists and is not a plain SQLite file (SQLCipher headers are random)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        return fh.read(16) != SQLITE_HEADER


def _quote(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def connect(path: Path, key: str | None, *, readonly: bool = False) -> Any:
    """A DB-API connection to ``path``: stdlib sqlite3 without a key, sqlcipher3 with one."""
    # A proper file URI: a folder named "100% 完成" or "#2" would otherwise be read as an
    # escape or a fragment, and Windows paths need the file:///C:/ form.
    uri = f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path)
    if key is None:
        import sqlite3

        return sqlite3.connect(uri, uri=readonly)
    conn = _module().connect(uri, uri=readonly)
    conn.execute(f"PRAGMA key = {_quote(key)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:
        conn.close()
        raise CipherError("数据库密钥不正确，或文件不是 EduReturns 的加密数据库。请检查口令或恢复密钥。") from exc
    return conn


def encrypt_file(plain: Path, key: str) -> Path:
    """Write an encrypted copy of the plain database ``plain`` beside it; returns its path.

    The copy is made with ``sqlcipher_export`` and checked before it is returned; the
    caller swaps the files and removes the plain one (and its plain backups).
    """
    target = plain.with_name(plain.name + ".encrypting")
    target.unlink(missing_ok=True)
    conn = _module().connect(str(plain))
    try:
        conn.execute(f"ATTACH DATABASE ? AS enc KEY {_quote(key)}", (str(target),))
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    check = connect(target, key)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise CipherError("加密后的数据库校验未通过，原数据库保持不变。")
    finally:
        check.close()
    flush_file(target)
    return target


def keyring_name(path: Path) -> str:
    return str(path.resolve())


def store_key(path: Path, key: str) -> None:
    """Keep ``key`` for the database at ``path`` in the OS key store."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_name(path), key)
    except KeyringError as exc:
        raise CipherError(f"无法把密钥存入系统密钥库（{exc}）。请改用口令加密。") from exc


def load_key(path: Path) -> str | None:
    """The key kept in the OS key store for ``path``, or None."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_name(path))
    except KeyringError:
        return None
