"""Package keys (数据包签名密钥): this unit's signing key and the keys pinned for the units below.

Export: the home unit signs every package with its own Ed25519 key, made on the
first export. In a SQLite file it is kept in the ``secrets`` table
(``package_signing_key``), so it travels with the database's backups and moves
with it to a new PC; it is as protected as the file itself (encrypted when the
database is). On a PostgreSQL server the private key is not in the database at
all: it is in the OS key store of the PC that signs (``key_store``), and the
database keeps only its public part. There only reviewers' and admins' logins
may sign (the ``INSERT`` grant on ``secrets``, ``data/roles.py``): a clerk's login
cannot export a package or sign a reply, and is told to let a reviewer do it.

Import: the office pins a unit's public key the first time it receives a
signed package from that unit (trust on first use; ``package_pin:<code>`` in
``settings``, the fingerprint shown on the dashboard). Afterwards a package for
that unit that is unsigned or signed with another key is refused, with the
two fingerprints, until an admin re-pins the unit (``repin_unit``, audited) —
e.g. after the school really did lose its database. The pin is written inside
the package's own savepoint, so a refused package pins nothing.

The school side does the same for the office's 退回 replies (``check_signer`` again):
a reply must be signed, and the key of the office that signs it is pinned on the
first reply, under the office's code (``signer_code``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Secret, Setting
from desktop.data.roles import PIN_FIRST_USE
from desktop.exchange.package import Manifest
from desktop.exchange.package_sign import PackageSignature, key_fingerprint, new_private_key
from desktop.exchange.verify import PackageError, PackageReader, open_package
from desktop.services.core import audit
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor, require
from desktop.services.signing.key_store import NOTICE, SIGNING_KEY, on_server, server_signing_key

PIN_PREFIX = "package_pin:"


@dataclass(frozen=True, slots=True)
class PinnedKey:
    unit_code: str
    public_key: bytes
    pinned_at: str
    pinned_by: str

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)


NO_KEY_RIGHT = ("本单位的数据包签名密钥在服务器上只有审核人和管理员能使用，您登录的数据库用户不能用它签名，"
                "数据包（或退回意见）没有生成。请由审核人或管理员登录后再导出。")


def _may_sign(session: Session) -> bool:
    """On a server: may this login sign (reviewers and admins may record the key's public part)? Always on SQLite."""
    if not on_server(session):
        return True
    return bool(session.execute(text("SELECT has_table_privilege('secrets', 'INSERT')")).scalar())


NO_IMPORT_RIGHT = ("本局收到的每个数据包都要用本单位的签名密钥签发回执，而在服务器上只有审核人和管理员能用这个密钥签名，"
                   "您登录的数据库用户（填报员）不能导入数据包，本次没有导入任何数据包。请由审核人或管理员登录后再导入。")


def ensure_may_sign(session: Session, message: str = NO_KEY_RIGHT) -> None:
    """ServiceError (before any work) when this login may not use the unit's signing key."""
    if not _may_sign(session):
        raise ServiceError(message)


def signing_key(session: Session, actor: str = "system") -> bytes:
    """This unit's private key (PEM), made on first use.

    SQLite: kept in the file's ``secrets`` table. Server: from this PC's key store,
    checked against the public part the database records (``key_store``); a
    ServiceError in Chinese for a clerk's login, or a PC without the key.
    """
    from desktop.exchange.package_sign import public_key_of

    ensure_may_sign(session)
    if on_server(session):
        return server_signing_key(session, actor)
    secret = session.get(Secret, SIGNING_KEY)
    if secret is None:
        pem = new_private_key()
        secret = Secret(name=SIGNING_KEY, value=pem.decode(),
                        public_value=base64.b64encode(public_key_of(pem)).decode())
        session.add(secret)
        session.flush()
    return secret.value.encode()


def key_notice(session: Session) -> str:
    """The sentence to show once after this session made the unit's key on this PC (server), else ''."""
    return str(session.info.pop(NOTICE, ""))


def own_fingerprint(db: Database) -> str | None:
    """Fingerprint of this unit's signing key (None before the first export); every role may see it."""
    with db.session() as session:
        public = session.execute(select(Secret.public_value).where(Secret.name == SIGNING_KEY)).scalar()
        return key_fingerprint(base64.b64decode(public)) if public else None


def _parse(code: str, value: str) -> PinnedKey:
    raw = json.loads(value)
    return PinnedKey(code, base64.b64decode(raw["public_key"]), str(raw.get("pinned_at", "")),
                     str(raw.get("pinned_by", "")))


def pinned_key(session: Session, unit_code: str) -> PinnedKey | None:
    setting = session.get(Setting, PIN_PREFIX + unit_code)
    return _parse(unit_code, setting.value) if setting else None


def pinned_keys(session: Session) -> dict[str, PinnedKey]:
    """Every pinned key by unit code (for the dashboard)."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like(PIN_PREFIX + "%"))).all()
    return {k[len(PIN_PREFIX):]: _parse(k[len(PIN_PREFIX):], v) for k, v in rows}


def _store(session: Session, unit_code: str, public_key: bytes, actor: str) -> None:
    value = json.dumps({"public_key": base64.b64encode(public_key).decode(),
                        "pinned_at": utcnow().strftime("%Y-%m-%d %H:%M:%S"), "pinned_by": actor})
    setting = session.get(Setting, PIN_PREFIX + unit_code)
    if setting is None:
        session.add(Setting(key=PIN_PREFIX + unit_code, value=value))
    else:
        setting.value = value
    session.flush()


def signer_code(manifest: Manifest) -> str:
    """The unit whose key signs the file: the office for a 退回 reply or a 回执, else the unit the package is from."""
    if manifest.package_type in ("reply", "receipt"):
        return str(manifest.extra.get("office_code") or "")
    return manifest.unit_code


def _office(m: Manifest) -> str:
    return f"{signer_code(m)} {m.extra.get('office_name', '')}".strip()


def _doc(m: Manifest) -> str:
    return "回执" if m.package_type == "receipt" else "退回意见"


def _unsigned(m: Manifest) -> str:
    if m.package_type in ("reply", "receipt"):
        return (f"这份{_doc(m)}（来自 {_office(m)}）没有签名，无法确认是上级教育局发出的，已拒绝。"
                f"请让教育局用本程序重新生成{_doc(m)}。")
    return (f"数据包来自 {m.unit_code} {m.unit_name}，但没有签名，无法确认是该单位导出的，"
            "已拒绝。请让报送单位用本程序重新导出数据包（新版本导出时自动签名）。")


def _other_key(m: Manifest, new: str, old: str) -> str:
    if m.package_type in ("reply", "receipt"):
        return (f"这份{_doc(m)}的签名密钥（指纹 {new}）与本校首次收到 {_office(m)} 的文件时记录的密钥（指纹 {old}）"
                "不同，可能不是该局发出的，已拒绝。请电话向教育局核对其“上报”页显示的密钥指纹；确属教育局更换了电脑或"
                "数据库的，由管理员核实后用“重新信任密钥”（命令行 "
                + ("package receipt import" if m.package_type == "receipt" else "package reply-import")
                + " --repin）再导入。")
    return (f"数据包的签名密钥（指纹 {new}）与本局首次收到 {m.unit_code} {m.unit_name} 数据包时记录的密钥"
            f"（指纹 {old}）不同，可能不是该单位导出的，已拒绝。请电话向该单位核对其“上报”页显示的密钥指纹；"
            "确属该单位更换了电脑或数据库的，由管理员核实后用“重新信任密钥”（命令行 package import --repin）再导入。")


def check_signer(session: Session, reader: PackageReader) -> PackageSignature:
    """Refuse an unsigned file, or one signed with another key than its signer's pinned key.

    The signer is the sending unit for a data package (checked by the office) and the
    office for a 退回 reply (checked by the school); ``signer_code`` says which.
    """
    m = reader.manifest
    sig = reader.signature
    if sig is None:
        raise PackageError("unsigned", _unsigned(m))
    pin = pinned_key(session, signer_code(m))
    if pin is not None and pin.public_key != sig.public_key:
        raise PackageError("key_mismatch", _other_key(m, sig.fingerprint, pin.fingerprint))
    return sig


def _may_write_settings(session: Session) -> bool:
    """On a server: may this login write ``settings`` itself (admins)? Always on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.execute(text("SELECT has_table_privilege('settings', 'INSERT')")).scalar())


def _add_first_pin(session: Session, code: str, public_key: bytes, actor: str) -> bool:
    """A clerk's or reviewer's server login: the definer function adds the pin only if none exists."""
    added = session.execute(text(f"SELECT {PIN_FIRST_USE}(:code, :key, :actor)"),
                            {"code": code, "key": public_key, "actor": actor}).scalar()
    return bool(added)  # no pin was in the session (``pinned_key`` found none), so nothing there is stale


def pin_on_first_use(session: Session, reader: PackageReader, actor: str) -> bool:
    """Pin the file's key when its signer has none yet (call after ``check_signer``); True if pinned now."""
    sig = reader.signature
    code = signer_code(reader.manifest)
    if sig is None or pinned_key(session, code) is not None:
        return False
    if _may_write_settings(session):
        _store(session, code, sig.public_key, actor)
        return True
    if _add_first_pin(session, code, sig.public_key, actor):
        return True
    check_signer(session, reader)  # another import pinned this signer meanwhile: its key must be the same
    return False


def repin_unit(db: Database, package: str, *, actor: Actor = SYSTEM, reason: str = "") -> PinnedKey:
    """Admin: trust the key that signed ``package`` for its unit from now on (audited)."""
    require(actor, "settings")
    try:
        with open_package(package) as reader:  # type: ignore[arg-type]
            sig, m = reader.signature, reader.manifest
    except PackageError as exc:
        raise ServiceError(f"不能用这个文件重新信任密钥：{exc.message}") from exc
    if sig is None:
        raise ServiceError("这个数据包没有签名，不能用来重新信任密钥。请让报送单位用新版本重新导出。")
    code = signer_code(m)
    name = m.extra.get("office_name", "") if m.package_type in ("reply", "receipt") else m.unit_name
    with db.session(write=True) as session:
        old = pinned_key(session, code)
        _store(session, code, sig.public_key, actor.username)
        audit.log(session, actor=actor.username, action="repin", table="settings", record_uid=code,
                  changes={"package_key": (old.fingerprint if old else None, sig.fingerprint)},
                  reason=reason or f"管理员重新信任 {code} {name} 的数据包签名密钥")
        return pinned_key(session, code)  # type: ignore[return-value]
