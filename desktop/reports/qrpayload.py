"""Signed QR payloads on printed returns (R15): unit, period, return code, fingerprint + signature.

A bare digest in a QR code proves nothing to someone holding only the paper
(anyone can print other numbers with a matching digest). When the unit has a QR
signing key, the payload is

    ER2|<unit code>|<school year>|<return code>|<fingerprint>|<signature>

where the signature is Ed25519 over everything before the last ``|`` (UTF-8),
in unpadded base64url (86 characters). Anyone with the unit's public key (the
``qr-<unit>.pub.pem`` file, handed to the county with the signing certificate)
checks it offline: ``edureturns-cli verify-qr PAYLOAD --key FILE``. Changing any
field breaks the signature.

The private key sits in the data folder unencrypted (file mode 0600): it must
sign every printout without asking for a password, so it proves "printed by
the program holding this unit's key", not "approved by a person" — the PAdES
signature with the password-protected certificate does that. Without a key the
old unsigned payload ``EDURETURNS|…`` is printed (docs/security.md).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.appdirs import data_dir
from desktop.reports.model import ReturnData

PREFIX = "ER2"


class QrPayloadError(Exception):
    """The payload is malformed or its signature does not verify (Chinese message)."""


@dataclass(frozen=True)
class QrClaims:
    unit_code: str
    school_year: int
    return_code: str
    fingerprint: str


def key_dir() -> Path:
    return data_dir() / "signing"


def private_key_path(unit_code: str) -> Path:
    return key_dir() / f"qr-{unit_code}.key"


def public_key_path(unit_code: str) -> Path:
    return key_dir() / f"qr-{unit_code}.pub.pem"


def create_key(unit_code: str) -> Path:
    """Make the unit's Ed25519 QR key (replacing an old one); returns the public key file."""
    key = Ed25519PrivateKey.generate()
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True)
    private = private_key_path(unit_code)
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    public = public_key_path(unit_code)
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return public


def load_key(unit_code: str) -> Ed25519PrivateKey | None:
    path = private_key_path(unit_code)
    if not path.exists():
        return None
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    return key if isinstance(key, Ed25519PrivateKey) else None


def _message(c: QrClaims) -> str:
    return f"{PREFIX}|{c.unit_code}|{c.school_year}|{c.return_code}|{c.fingerprint}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_claims(claims: QrClaims, key: Ed25519PrivateKey) -> str:
    message = _message(claims)
    return f"{message}|{_b64(key.sign(message.encode('utf-8')))}"


def payload_for(data: ReturnData, key: Ed25519PrivateKey | None = None) -> str:
    """The QR text of one return: signed with ``key`` (default: the unit's key file) when there is one."""
    key = key or load_key(data.unit_code)
    if key is None:
        return data.qr_payload
    return sign_claims(QrClaims(data.unit_code, data.school_year, data.definition.code, data.fingerprint), key)


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A public key PEM file (``qr-<unit>.pub.pem``)."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, OSError) as exc:
        raise QrPayloadError(f"无法读取公钥文件 {path.name}：请使用单位提供的 qr-单位代码.pub.pem 文件。") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise QrPayloadError("公钥文件不是 Ed25519 公钥，请使用单位提供的二维码公钥文件。")
    return key


def verify(payload: str, public_key: Ed25519PublicKey) -> QrClaims:
    """The claims of a signed payload; raises QrPayloadError when it is not signed or was changed."""
    text = payload.strip()
    if text.startswith("EDURETURNS|"):
        raise QrPayloadError("这个二维码没有签名（打印时本单位还没有二维码签名密钥），只能与数据库核对数据指纹。")
    parts = text.split("|")
    if len(parts) != 6 or parts[0] != PREFIX or not parts[2].isdigit():
        raise QrPayloadError("二维码内容格式不正确，不是 EduReturns 报表的签名二维码。")
    claims = QrClaims(parts[1], int(parts[2]), parts[3], parts[4])
    try:
        signature = base64.urlsafe_b64decode(parts[5] + "=" * (-len(parts[5]) % 4))
        public_key.verify(signature, _message(claims).encode("utf-8"))
    except (InvalidSignature, ValueError) as exc:
        raise QrPayloadError("二维码签名验证失败：内容被改动过，或不是这个单位的密钥签发的。") from exc
    if _message(claims) != "|".join(parts[:5]):
        raise QrPayloadError("二维码内容格式不正确。")
    return claims
