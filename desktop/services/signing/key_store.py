"""The package-signing key of a server database lives in the key store of the PC that signs, not in the database.

On a SQLite file the private key stays in the file's ``secrets`` table (it travels
with backups and is encrypted with the file). On a PostgreSQL server every login
could otherwise reach it, and reviewers — who must sign packages, 退回 replies and
回执 — cannot be kept from reading a column they need. So on a server:

* the database keeps only the public part (``secrets.public_value``, readable by
  every role: every login sees the fingerprint), and ``secrets.value`` is empty;
* the private key is in the OS key store (``keyring``: Windows Credential Manager,
  macOS Keychain, Secret Service) of each PC that signs, under
  ``server:port/database/unit code`` — two databases never share an entry;
* the first signing on a server makes the key on this PC and records its public
  part (``key_made`` in the audit log); a PC without the key, or with another key
  than the database's, is refused with a Chinese sentence and nothing is written;
* an admin moves the key to another PC as a password-protected PKCS#8 file
  (``export_key`` / ``import_key``, both audited; the import is checked against the
  database's public key);
* a server database made before this version still holds the key in ``value``
  (revision 20261206_0600 closes that column to reviewers at once); an admin takes
  it out into the key store of the PC that will sign (``take_out``, audited), after
  which the database holds no private key at all.

docs/security.md §1 says what this does and does not protect.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.data.durable import flush_file
from desktop.data.engine import Database
from desktop.data.models import Secret
from desktop.data.queries import home_unit
from desktop.exchange.package_sign import (
    key_fingerprint,
    key_from_file,
    new_private_key,
    protected_key_file,
    public_key_of,
)
from desktop.services.core import audit
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor, require

SIGNING_KEY = "package_signing_key"
KEYRING_SERVICE = "EduReturns package signing key"
MIN_FILE_PASSWORD = 8
NOTICE = "edureturns.key_notice"  # session.info: the sentence to show after the first signing on a server

HOW_TO_MOVE = ("管理员在有密钥的电脑上用“工具 → 签名密钥 → 导出到文件”（命令行 edureturns-cli key export --out 文件）"
               "导出带密码的密钥文件，再在这台电脑上用“导入密钥文件”（命令行 edureturns-cli key import 文件）导入。")
NO_KEY_STORE = ("这台电脑没有可用的系统密钥库（Windows 凭据管理器），服务器数据库的签名密钥不能保存在本机，"
                "没有签名。请在能使用凭据管理器的 Windows 账户下操作，或请技术支持检查系统密钥库。")


def on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def entry_name(session: Session) -> str:
    """The key-store entry of this database's key: server:port/database/unit code (no login name)."""
    url = session.get_bind().engine.url
    home = home_unit(session)
    return f"{(url.host or '').lower()}:{url.port or 5432}/{url.database or ''}/{home.code if home else ''}"


def _keyring() -> Any:
    import keyring

    return keyring


def stored_key(name: str) -> str | None:
    """This PC's key for the entry, or None (also when there is no usable key store)."""
    try:
        value = _keyring().get_password(KEYRING_SERVICE, name)
    except Exception:  # no backend (headless Linux), a locked store: the key is not here
        return None
    return str(value) if value else None


def _store(name: str, pem: bytes) -> None:
    try:
        _keyring().set_password(KEYRING_SERVICE, name, pem.decode())
    except Exception as exc:
        raise ServiceError(NO_KEY_STORE) from exc
    if stored_key(name) != pem.decode():  # the fail backend, a store that dropped it
        raise ServiceError(NO_KEY_STORE)


def _public_b64(pem: bytes) -> str:
    return base64.b64encode(public_key_of(pem)).decode()


def _fingerprint(public_b64: str | None) -> str:
    return key_fingerprint(base64.b64decode(public_b64)) if public_b64 else "（数据库中没有记录）"


def _public_row(session: Session) -> tuple[str | None] | None:
    row = session.execute(select(Secret.public_value).where(Secret.name == SIGNING_KEY)).first()
    return (row[0],) if row is not None else None


def _may_read_value(session: Session) -> bool:
    return bool(session.execute(text("SELECT has_column_privilege('secrets', 'value', 'SELECT')")).scalar())


def _key_in_database(session: Session) -> str | None:
    """The private key still kept in ``secrets.value`` (a database from before 20261206_0600), if this login sees it."""
    if not _may_read_value(session):
        return None
    value = session.execute(select(Secret.value).where(Secret.name == SIGNING_KEY)).scalar()
    return value or None


def _still_in_database(public: str | None) -> str:
    return (f"本单位的签名密钥（指纹 {_fingerprint(public)}）还保存在服务器数据库中，新版本不再从数据库读取私钥，"
            "没有签名。请管理员在用来签名的电脑上运行“工具 → 签名密钥 → 从数据库取出到本机”"
            "（命令行 edureturns-cli key take-out），取出后数据库中不再有私钥。")


REFUSED = "没有签名，数据库未作任何改动。"
CANNOT_SIGN = "这台电脑现在不能签名（导出数据包、退回意见、回执）。"


def not_here(public: str | None, outcome: str = REFUSED) -> str:
    return (f"本单位的签名密钥（指纹 {_fingerprint(public)}）不在这台电脑上：它保存在首次签名的那台电脑的系统密钥库中，"
            + outcome + HOW_TO_MOVE
            + "（如果服务器数据库是从旧版本升级来的，密钥可能还在数据库中，请管理员先运行 edureturns-cli key take-out。）")


def other_key(public: str | None, here: str, outcome: str = REFUSED) -> str:
    return (f"这台电脑上保存的签名密钥（指纹 {here}）与服务器数据库记录的本单位密钥（指纹 {_fingerprint(public)}）不同，"
            + outcome + "各教育局和学校信任的是数据库记录的那把密钥；" + HOW_TO_MOVE)


def made_here(fingerprint: str) -> str:
    return (f"已为本单位生成数据包签名密钥（指纹 {fingerprint}）。私钥只保存在这台电脑当前 Windows 账户的系统密钥库中，"
            "服务器数据库只记录公钥；其他电脑要签名（导出数据包、退回意见、回执）时，" + HOW_TO_MOVE)


def server_signing_key(session: Session, actor: str) -> bytes:
    """The private key from this PC's key store, checked against the database; made here on the first signing."""
    name = entry_name(session)
    row = _public_row(session)
    if row is not None:
        return _matching_key(session)[1]
    # The first signing for this database: the key is made on this PC.
    pem = new_private_key()
    public = _public_b64(pem)
    try:
        with session.begin_nested():  # claims the row first: a second PC doing the same waits here, then fails
            session.add(Secret(name=SIGNING_KEY, value="", public_value=public))
    except IntegrityError as exc:  # it lost: the other PC's key is the unit's key now; this PC stores nothing
        raise ServiceError("另一台电脑刚刚为本单位生成了签名密钥，本次没有签名，数据库未作任何改动。"
                           + HOW_TO_MOVE) from exc
    _store(name, pem)
    fingerprint = _fingerprint(public)
    audit.log(session, actor=actor, action="key_made", table="secrets", record_uid=SIGNING_KEY,
              changes={"package_key": (None, fingerprint)}, reason=f"首次签名，私钥保存在本机密钥库（{name}）")
    session.info[NOTICE] = made_here(fingerprint)
    return pem


def _server_only(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ServiceError("本机文件数据库的签名密钥保存在数据库文件中，随数据库文件和备份一起移动（加密时一起加密），"
                           "不需要单独导出、导入或取出。")


def _matching_key(session: Session) -> tuple[str, bytes]:
    """(public part, private key on this PC) for a server database whose key is on this PC; ServiceError otherwise."""
    row = _public_row(session)
    if row is None:
        raise ServiceError("服务器数据库还没有签名密钥（还没有导出过数据包）。首次导出数据包时会在那台电脑上生成。")
    if _key_in_database(session):
        raise ServiceError(_still_in_database(row[0]))
    held = stored_key(entry_name(session))
    if held is None:
        raise ServiceError(not_here(row[0]))
    if _public_b64(held.encode()) != row[0]:
        raise ServiceError(other_key(row[0], key_fingerprint(public_key_of(held.encode()))))
    return str(row[0]), held.encode()


def export_key(db: Database, out: Path, password: str, *, actor: Actor = SYSTEM) -> str:
    """Admin: write this PC's signing key to ``out`` as password-protected PKCS#8 (audited); returns the fingerprint."""
    require(actor, "settings")
    _server_only(db)
    if len(password) < MIN_FILE_PASSWORD:
        raise ServiceError(f"密钥文件的密码至少需要 {MIN_FILE_PASSWORD} 个字符，请换一个更长的密码。")
    with db.session(write=True) as session:
        public, pem = _matching_key(session)
        data = protected_key_file(pem, password)
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_bytes(data)
            flush_file(Path(out))
        except OSError as exc:
            raise ServiceError(f"无法写入密钥文件 {out}（{exc.strerror or exc}）。请换一个文件夹再试。") from exc
        fingerprint = _fingerprint(public)
        audit.log(session, actor=actor.username, action="key_export", table="secrets", record_uid=SIGNING_KEY,
                  changes={"package_key": (fingerprint, fingerprint)}, reason=f"导出签名密钥文件 {Path(out).name}")
    return fingerprint


def import_key(db: Database, path: Path, password: str, *, actor: Actor = SYSTEM) -> str:
    """Admin: put the key of a key file into this PC's key store, if it is the database's key (audited)."""
    require(actor, "settings")
    _server_only(db)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取密钥文件 {path}（{exc.strerror or exc}）。请检查文件位置。") from exc
    try:
        pem = key_from_file(data, password)
    except ValueError as exc:
        raise ServiceError("密钥文件的密码不对，或这不是本程序导出的签名密钥文件，密钥没有导入。请核对密码后再试。") from exc
    public = _public_b64(pem)
    with db.session(write=True) as session:
        row = _public_row(session)
        if row is not None and row[0] != public:
            raise ServiceError(f"这个密钥文件里的密钥（指纹 {_fingerprint(public)}）不是服务器数据库记录的本单位签名密钥"
                               f"（指纹 {_fingerprint(row[0])}），没有导入。请确认文件来自同一个服务器数据库。")
        if row is None:
            session.add(Secret(name=SIGNING_KEY, value="", public_value=public))
            session.flush()
        name = entry_name(session)
        _store(name, pem)
        audit.log(session, actor=actor.username, action="key_import", table="secrets", record_uid=SIGNING_KEY,
                  changes={"package_key": (_fingerprint(row[0]) if row else None, _fingerprint(public))},
                  reason=f"从密钥文件 {Path(path).name} 导入签名密钥到本机密钥库（{name}）")
    return _fingerprint(public)


def take_out(db: Database, *, actor: Actor = SYSTEM) -> str:
    """Admin: move a key still kept in ``secrets.value`` into this PC's key store and empty the column (audited)."""
    require(actor, "settings")
    _server_only(db)
    with db.session(write=True) as session:
        row = _public_row(session)
        if row is None:
            raise ServiceError("服务器数据库中没有签名密钥，无需取出。首次导出数据包时会在那台电脑上生成。")
        if not _may_read_value(session):
            raise ServiceError("只有管理员的数据库用户能从数据库取出签名密钥。请用管理员的数据库登录名连接后再运行。")
        value = _key_in_database(session)
        if not value:
            raise ServiceError(f"签名密钥（指纹 {_fingerprint(row[0])}）已不在数据库中。"
                               "要在这台电脑上签名，" + HOW_TO_MOVE)
        pem = value.encode()
        try:
            public = _public_b64(pem)
        except ValueError as exc:
            raise ServiceError("数据库中保存的签名密钥无法读取（可能已损坏），没有取出。请联系技术支持。") from exc
        name = entry_name(session)
        _store(name, pem)
        session.execute(update(Secret).where(Secret.name == SIGNING_KEY).values(value="", public_value=public))
        fingerprint = _fingerprint(public)
        audit.log(session, actor=actor.username, action="key_take_out", table="secrets", record_uid=SIGNING_KEY,
                  changes={"package_key": (fingerprint, fingerprint)},
                  reason=f"签名密钥从数据库取出，保存到本机密钥库（{name}）；数据库中不再有私钥")
    return fingerprint


@dataclass(frozen=True, slots=True)
class KeyStatus:
    fingerprint: str | None  # the database's key (None before the first signing)
    here: str  # file | made_on_first_signing | in_database | here | missing | other
    message: str


def key_status(db: Database) -> KeyStatus:
    """Where this unit's signing key is, as seen from this PC and this login (any role)."""
    with db.session() as session:
        row = _public_row(session)
        fingerprint = _fingerprint(row[0]) if row and row[0] else None
        if not on_server(session):
            return KeyStatus(fingerprint, "file", "签名密钥保存在本数据库文件中，随数据库文件和备份一起移动。")
        if row is None:
            return KeyStatus(None, "made_on_first_signing",
                             "服务器数据库还没有签名密钥；首次导出数据包时在那台电脑上生成，私钥保存在该电脑的系统密钥库。")
        if _key_in_database(session):
            return KeyStatus(fingerprint, "in_database", _still_in_database(row[0]))
        held = stored_key(entry_name(session))
    if held is None:
        return KeyStatus(fingerprint, "missing", not_here(row[0], CANNOT_SIGN))
    if _public_b64(held.encode()) != row[0]:
        return KeyStatus(fingerprint, "other",
                         other_key(row[0], key_fingerprint(public_key_of(held.encode())), CANNOT_SIGN))
    return KeyStatus(fingerprint, "here", f"本单位的签名密钥（指纹 {fingerprint}）在这台电脑上，与服务器数据库记录的一致。")
