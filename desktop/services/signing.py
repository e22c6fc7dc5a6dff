"""Signing approved returns (审核签名): the signer's certificate and the signed PDF.

Only a reviewer (审核人) signs, and only an approved (已审核) unit+period: the
signed PDF is built from exactly the data that was approved and is read-only
since. The certificate lives in the data folder as a PKCS#12 file encrypted with
the signer's password; the password is asked for each time and never stored.
Every signature is recorded in the audit log with the returns' fingerprints.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cryptography import x509

from desktop.appdirs import data_dir
from desktop.data.engine import Database
from desktop.data.models import Unit
from desktop.reports.pdf import write_pdf
from desktop.reports.signing import check_pkcs12, make_certificate, sign_pdf
from desktop.services import audit, workflow
from desktop.services.common import fetch
from desktop.services.errors import ServiceError
from desktop.services.returns import build_returns, file_stem
from desktop.services.users import Actor, require


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
        sign_pdf(plain, target, p12, password, seals[0], reason=f"{name} {returns[0].school_year}学年报表审核签名",
                 location=location or name)
    with db.session(write=True) as session:
        audit.log(session, actor=actor.username, action="sign", table="unit_periods", unit_id=unit_id,
                  period_id=period_id, changes={"fingerprints": (None, [r.fingerprint for r in returns])},
                  reason=f"签名文件 {target.name}")
    return target
