"""Package signatures (数据包签名): the exporting unit signs the manifest with its own key.

The manifest lists the sha256 of every member, so a signature over the exact
bytes of ``manifest.json`` covers the whole package: editing a member and
rewriting its hash in the manifest (a "forged manifest") breaks the signature.
The signature travels in ``signature.json`` next to the manifest::

    {"algorithm": "ed25519", "public_key": "<base64 raw 32 bytes>",
     "signature": "<base64 64 bytes>"}

A valid signature only says "whoever holds this key made the package"; which
key belongs to which unit is decided by the receiving office (the pinned key,
``services.signing.package_keys``). No database access here.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE = "signature.json"
ALGORITHM = "ed25519"


class SignatureError(Exception):
    """The signature member is malformed or does not match the manifest."""


@dataclass(frozen=True, slots=True)
class PackageSignature:
    public_key: bytes  # raw 32-byte Ed25519 public key

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)


def new_private_key() -> bytes:
    """A fresh Ed25519 private key as unencrypted PKCS#8 PEM (the caller stores it)."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _private(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def public_key_of(private_pem: bytes) -> bytes:
    return _private(private_pem).public_key().public_bytes(serialization.Encoding.Raw,
                                                            serialization.PublicFormat.Raw)


def protected_key_file(private_pem: bytes, password: str) -> bytes:
    """The private key as password-protected PKCS#8 PEM (a key file to carry to another PC)."""
    return _private(private_pem).private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.BestAvailableEncryption(password.encode("utf-8")))


def key_from_file(data: bytes, password: str) -> bytes:
    """The unprotected PEM from a key file; ValueError when the password is wrong or it is no Ed25519 key."""
    try:
        key = serialization.load_pem_private_key(data, password=password.encode("utf-8"))
    except TypeError as exc:  # the file is not password-protected
        raise ValueError("the key file is not password-protected") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def key_fingerprint(public_key: bytes) -> str:
    """sha256 of the raw public key, first 20 hex digits in groups of four (read aloud on the phone)."""
    head = hashlib.sha256(public_key).hexdigest()[:20].upper()
    return "-".join(head[i:i + 4] for i in range(0, 20, 4))


def sign_manifest(private_pem: bytes, manifest: bytes) -> bytes:
    """The ``signature.json`` member for the exact ``manifest`` bytes."""
    key = _private(private_pem)
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    doc = {"algorithm": ALGORITHM, "public_key": base64.b64encode(public).decode(),
           "signature": base64.b64encode(key.sign(manifest)).decode()}
    return json.dumps(doc).encode()


def verify_manifest(signature_member: bytes, manifest: bytes) -> PackageSignature:
    """Check ``signature.json`` against the manifest bytes; SignatureError if it does not hold."""
    try:
        doc = json.loads(signature_member)
        if not isinstance(doc, dict) or doc.get("algorithm") != ALGORITHM:
            raise SignatureError("unknown signature algorithm")
        public = base64.b64decode(doc["public_key"], validate=True)
        signature = base64.b64decode(doc["signature"], validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, manifest)
    except InvalidSignature:
        raise SignatureError("signature does not match the manifest") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureError(f"malformed signature: {exc}") from exc
    return PackageSignature(public)
