"""Operations of 设置 → 签名证书: the unit's signing certificate (a key pair made or imported).

Generating the key takes seconds on an old PC: the controller runs these on the worker.
"""

from __future__ import annotations

from pathlib import Path

from desktop.services.admin.database import Database
from desktop.services.core.users import Actor
from desktop.services.signing.certificates import (
    CertificateInfo,
    create_unit_certificate,
    import_unit_certificate,
)
from desktop.services.signing.certificates import unit_certificate as unit_certificate

__all__ = ["CertificateInfo", "create_certificate", "import_certificate", "unit_certificate"]


def create_certificate(db: Database, actor: Actor, name: str, passphrase: str) -> CertificateInfo:
    """A self-signed certificate for the unit, its private key encrypted with ``passphrase``."""
    return create_unit_certificate(db, actor, name, passphrase)


def import_certificate(db: Database, actor: Actor, path: Path, passphrase: str) -> CertificateInfo:
    """A PKCS#12 file the unit already has."""
    return import_unit_certificate(db, actor, path, passphrase)
