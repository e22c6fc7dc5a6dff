"""R15: the QR code carries a signed payload (unit, period, return code, fingerprint) that verifies
with the unit's public key and fails after any change; and the simple ``signing.sign_pdf`` entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.reports import qrpayload
from desktop.reports.pdf import write_pdf
from desktop.reports.signing import verify_pdf
from desktop.services.core import auditlog
from desktop.services.core.auditlog import AuditFilter
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor
from desktop.services.returns.build import build_returns
from desktop.services.signing import certificates as signing
from tests.reports.conftest import Built

ADMIN = Actor("admin", "王校长", "admin")


def test_without_a_key_the_old_payload_is_printed_and_said_to_be_unsigned(school_data: Built) -> None:
    data = build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id)[0]
    assert qrpayload.load_key(data.unit_code) is None
    assert qrpayload.payload_for(data) == data.qr_payload
    public = qrpayload.create_key("other")
    with pytest.raises(qrpayload.QrPayloadError, match="没有签名"):
        qrpayload.verify(data.qr_payload, qrpayload.load_public_key(public))


def test_signed_payload_verifies_and_any_change_fails(school_data: Built, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    returns = build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id)
    data = returns[0]
    public = qrpayload.create_key(data.unit_code)
    payload = qrpayload.payload_for(data)
    assert payload.startswith(f"ER2|{data.unit_code}|{data.school_year}|{data.definition.code}|{data.fingerprint}|")
    claims = qrpayload.verify(payload, qrpayload.load_public_key(public))
    assert (claims.unit_code, claims.school_year, claims.return_code, claims.fingerprint) == (
        data.unit_code, data.school_year, data.definition.code, data.fingerprint)
    assert len(payload) < 200  # fits a small QR code

    parts = payload.split("|")
    changed = [
        [parts[0], "2144162202", *parts[2:]],
        [*parts[:2], str(data.school_year + 1), *parts[3:]],
        [*parts[:3], returns[1].definition.code, *parts[4:]],
        [*parts[:4], "0" + data.fingerprint[1:] if data.fingerprint[0] != "0" else "1" + data.fingerprint[1:],
         parts[5]],
        [*parts[:5], ("A" if parts[5][0] != "A" else "B") + parts[5][1:]],
    ]
    key = qrpayload.load_public_key(public)
    for fields in changed:
        with pytest.raises(qrpayload.QrPayloadError, match="验证失败"):
            qrpayload.verify("|".join(fields), key)
    # Another unit's key does not verify it either.
    other = qrpayload.load_public_key(qrpayload.create_key("2144169999"))
    with pytest.raises(qrpayload.QrPayloadError):
        qrpayload.verify(payload, other)

    # The command line: 0 and the claims for a good payload, 2 and a Chinese reason otherwise.
    assert main(["verify-qr", payload, "--cert", str(public)]) == 0
    assert "签名有效" in capsys.readouterr().out
    assert main(["verify-qr", "|".join(changed[1]), "--key", str(public)]) == 2
    assert "验证失败" in capsys.readouterr().err

    # The PDF draws the signed payload once a key exists (the QR form differs from the unsigned one).
    signed_pdf = write_pdf([data], tmp_path / "signed.pdf") and (tmp_path / "signed.pdf").read_bytes()
    qrpayload.private_key_path(data.unit_code).unlink()
    write_pdf([data], tmp_path / "plain.pdf")
    assert (tmp_path / "plain.pdf").read_bytes() != signed_pdf


def test_sign_pdf_entry_signs_with_the_unit_certificate(school_data: Built, tmp_path: Path) -> None:
    db = school_data.db
    returns = build_returns(db, "all", school_data.unit_id, school_data.period_id)
    plain = tmp_path / "报表.pdf"
    seals = write_pdf(returns, plain)
    with pytest.raises(ServiceError, match="还没有签名证书"):
        signing.sign_pdf(db, plain, tmp_path / "x.pdf", "cert-pass-2025")
    info = signing.create_unit_certificate(db, ADMIN, "龙川县第一小学", "cert-pass-2025")
    with pytest.raises(ServiceError, match="密码"):
        signing.sign_pdf(db, plain, tmp_path / "wrong.pdf", "not-the-pass")
    out = signing.sign_pdf(db, plain, tmp_path / "signed.pdf", "cert-pass-2025", box=seals[0], actor=ADMIN)
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(info.public_path.read_bytes())
    [result] = verify_pdf(out, trust_roots=[cert])
    assert result.intact and result.valid and result.trusted and result.covers_whole_file
    # Without a seal box the signature goes to the last page.
    [fallback] = verify_pdf(signing.sign_pdf(db, plain, tmp_path / "signed2.pdf", "cert-pass-2025"))
    assert fallback.intact and fallback.valid
    assert any(r.action == "sign" for r in auditlog.search(db, AuditFilter(table="units")))
