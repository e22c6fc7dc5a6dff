"""Signing approved returns (审核签名): the signer's certificate and the signed PDF.

Only a reviewer (审核人) signs, and only an approved (已审核) unit+period: the
signed PDF is built from exactly the data that was approved and is read-only
since. The certificate lives in the data folder as a PKCS#12 file encrypted with
the signer's password; the password is asked for each time and never stored.
Every signature is recorded in the audit log with the returns' fingerprints.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from desktop.appdirs import data_dir
from desktop.data.engine import Database
from desktop.data.models import Unit
from desktop.reports import qrpayload
from desktop.reports.pdf import SealBox, write_pdf
from desktop.reports.signing import SigningError, check_pkcs12, make_certificate
from desktop.reports.signing import sign_pdf as sign_pdf_file
from desktop.services.core import audit
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor, require
from desktop.services.returns.build import build_returns, file_stem
from desktop.services.year import workflow


def certificate_path(username: str) -> Path:
    folder = data_dir() / "signing"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{username}.p12"


def _unit(db: Database, unit_id: int) -> tuple[str, str]:
    with db.session() as session:
        unit = fetch(session, Unit, unit_id, "单位")
        return unit.code, unit.name


def create_certificate(db: Database, actor: Actor, unit_id: int, password: str) -> x509.Certificate:
    """A self-signed certificate for ``actor`` (recipients trust it by installing it, see docs)."""
    require(actor, "approve")
    code, name = _unit(db, unit_id)
    return make_certificate(certificate_path(actor.username), password, name=actor.display_name,
                            organisation=name, unit_code=code)


def import_certificate(db: Database, actor: Actor, source: Path, password: str) -> x509.Certificate:
    """Use a PKCS#12 file issued by a county CA; kept as it is (still encrypted with its password)."""
    require(actor, "approve")
    cert = check_pkcs12(source, password)
    shutil.copyfile(source, certificate_path(actor.username))
    return cert


def sign_returns(db: Database, actor: Actor, unit_id: int, period_id: int, password: str, out_dir: Path,
                 *, codes: str = "all", location: str = "") -> Path:
    """Write the approved returns as one PDF with a visible signature in the first seal area."""
    require(actor, "approve")
    p12 = certificate_path(actor.username)
    if not p12.exists():
        raise ServiceError("您还没有签名证书。请先在“设置 → 签名证书”中创建或导入证书。")
    if workflow.get_status(db, unit_id, period_id).state != workflow.APPROVED:
        raise ServiceError("只有已审核的报表才能签名。请先审核通过，再签名。")
    returns = build_returns(db, codes, unit_id, period_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{file_stem(returns[0])}_已签名.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "unsigned.pdf"
        seals = write_pdf(returns, plain)
        if not seals:
            raise ServiceError("报表中没有盖章位置，无法放置签名。")
        _, name = _unit(db, unit_id)
        sign_pdf_file(plain, target, p12, password, seals[0], reason=f"{name} {returns[0].school_year}学年报表审核签名",
                 location=location or name)
    with db.session(write=True) as session:
        audit.log(session, actor=actor.username, action="sign", table="unit_periods", unit_id=unit_id,
                  period_id=period_id, changes={"fingerprints": (None, [r.fingerprint for r in returns])},
                  reason=f"签名文件 {target.name}")
    return target


# --- the unit's certificate (设置 → 签名证书) and a simple signing entry for the 报表 page -----

@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    fingerprint: str  # SHA-256 of the DER certificate, hex in groups of two
    not_after: datetime
    path: Path  # the encrypted PKCS#12 file
    public_path: Path  # the certificate alone (PEM), to hand to whoever verifies
    qr_public_key: Path | None  # the Ed25519 public key that checks the QR codes


def _home_code(db: Database) -> tuple[int, str]:
    from desktop.services.records.units import home_unit

    unit = home_unit(db)
    if unit is None:
        raise ServiceError("数据库还没有所属单位，无法使用签名证书。")
    return unit.id, unit.code


def unit_certificate_path(unit_code: str) -> Path:
    return certificate_path(f"unit-{unit_code}")


def _pem_path(unit_code: str) -> Path:
    return unit_certificate_path(unit_code).with_suffix(".crt")


def _info(cert: x509.Certificate, unit_code: str) -> CertificateInfo:
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    qr = qrpayload.public_key_path(unit_code)
    return CertificateInfo(cert.subject.rfc4514_string(), ":".join(digest[i:i + 2] for i in range(0, 64, 2)),
                           cert.not_valid_after_utc, unit_certificate_path(unit_code), _pem_path(unit_code),
                           qr if qr.exists() else None)


def _keep(cert: x509.Certificate, unit_code: str, db: Database, actor: Actor, how: str) -> CertificateInfo:
    _pem_path(unit_code).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    qrpayload.create_key(unit_code)  # a new certificate gets a new QR key too
    info = _info(cert, unit_code)
    with db.session(write=True) as session:
        audit.log(session, actor=actor.username, action="certificate", table="settings",
                  changes={"signing_certificate": (None, info.fingerprint)}, reason=how)
    return info


def create_unit_certificate(db: Database, actor: Actor, name: str, passphrase: str) -> CertificateInfo:
    """A self-signed certificate for the home unit, kept as a PKCS#12 file encrypted with ``passphrase``."""
    require(actor, "settings")
    unit_id, code = _home_code(db)
    _, unit_name = _unit(db, unit_id)
    if not name.strip():
        raise ServiceError("请填写证书上的名称（如单位名称或负责人姓名）。")
    try:
        cert = make_certificate(unit_certificate_path(code), passphrase, name=name.strip(),
                                organisation=unit_name, unit_code=code)
    except SigningError as exc:
        raise ServiceError(str(exc)) from exc
    return _keep(cert, code, db, actor, "创建自签名证书")


def import_unit_certificate(db: Database, actor: Actor, source: Path, passphrase: str) -> CertificateInfo:
    """Use a PKCS#12 file (e.g. from a county CA); copied as it is, still encrypted with its passphrase."""
    require(actor, "settings")
    _, code = _home_code(db)
    try:
        cert = check_pkcs12(source, passphrase)
    except SigningError as exc:
        raise ServiceError(str(exc)) from exc
    target = unit_certificate_path(code)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return _keep(cert, code, db, actor, f"导入证书 {source.name}")


def unit_certificate(db: Database) -> CertificateInfo | None:
    """Subject and fingerprint of the home unit's certificate (None when there is none)."""
    _, code = _home_code(db)
    pem = _pem_path(code)
    if not pem.exists() or not unit_certificate_path(code).exists():
        return None
    return _info(x509.load_pem_x509_certificate(pem.read_bytes()), code)


def sign_pdf(db: Database, path: Path, out: Path, passphrase: str, *, box: SealBox | None = None,
             actor: Actor = SYSTEM, reason: str = "", location: str = "") -> Path:
    """Sign the PDF at ``path`` into ``out`` with the home unit's certificate (visible PAdES signature).

    ``box`` is the seal area ``write_pdf`` returned; without it the signature goes
    into the lower right corner of the last page. The signature is audited.
    """
    unit_id, code = _home_code(db)
    _, name = _unit(db, unit_id)
    p12 = unit_certificate_path(code)
    if not p12.exists():
        raise ServiceError("本单位还没有签名证书。请管理员在“设置 → 签名证书”中创建或导入证书。")
    if box is None:
        from pyhanko.pdf_utils.reader import PdfFileReader

        with path.open("rb") as fh:
            pages = int(PdfFileReader(fh, strict=False).root["/Pages"]["/Count"])
        box = SealBox(page=pages - 1, x1=380, y1=40, x2=560, y2=110)
    try:
        sign_pdf_file(path, out, p12, passphrase, box, reason=reason or f"{name} 报表签名", location=location or name)
    except SigningError as exc:
        raise ServiceError(str(exc)) from exc
    except ValueError as exc:  # pyHanko: a wrong passphrase surfaces here
        raise ServiceError("证书密码不正确，报表未签名。请重新输入证书密码。") from exc
    with db.session(write=True) as session:
        audit.log(session, actor=actor.username, action="sign", table="units", record_id=unit_id,
                  unit_id=unit_id, reason=f"签名文件 {out.name}")
    return out


def verify_qr(payload: str, key_file: Path) -> qrpayload.QrClaims:
    """Check a QR payload against a unit's public key file; ServiceError says why it fails."""
    try:
        return qrpayload.verify(payload, qrpayload.load_public_key(key_file))
    except qrpayload.QrPayloadError as exc:
        raise ServiceError(str(exc)) from exc
