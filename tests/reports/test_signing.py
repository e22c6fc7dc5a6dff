"""Signed PDF returns (R15): visible PAdES signature in the seal area, verified by pyHanko and pdfsig."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12

from desktop.reports.signing import SigningError, check_pkcs12, make_certificate, verify_pdf
from desktop.services.core import auditlog
from desktop.services.core.auditlog import AuditFilter
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.signing import certificates as signing
from desktop.services.year import workflow
from tests.reports.conftest import Built

REVIEWER = Actor("rev", "张审核", "reviewer")
CLERK = Actor("clerk", "李填报", "clerk")
PASSWORD = "签名证书 密码 2025"

# pdfsig is the outside check (poppler's own CMS and digest code); Windows has no poppler,
# and test_signature_is_pades_and_covers_the_whole_file checks the same facts with pyHanko.
needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed; "
                                  "the pyHanko twin test_signature_is_pades_and_covers_the_whole_file runs instead")


CERTS: dict[str, object] = {}


@pytest.fixture(scope="module")
def signed(school_data: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db, unit, period = school_data.db, school_data.unit_id, school_data.period_id
    out = tmp_path_factory.mktemp("signed")
    CERTS["rev"] = signing.create_certificate(db, REVIEWER, unit, PASSWORD)
    with pytest.raises(ServiceError, match="已审核"):
        signing.sign_returns(db, REVIEWER, unit, period, PASSWORD, out)
    workflow.submit(db, CLERK, unit, period)
    workflow.approve(db, REVIEWER, unit, period)
    return signing.sign_returns(db, REVIEWER, unit, period, PASSWORD, out, codes="all")


def _cert() -> object:
    return CERTS["rev"]


def test_pyhanko_validates_the_signature(signed: Path) -> None:
    [untrusted] = verify_pdf(signed)
    assert untrusted.intact and untrusted.valid and not untrusted.trusted
    assert untrusted.covers_whole_file and "张审核" in untrusted.signer
    [trusted] = verify_pdf(signed, [_cert()])  # type: ignore[list-item]
    assert trusted.ok and trusted.trusted
    assert trusted.signing_time is not None  # the signer's own claim (no timestamp authority)


def test_one_flipped_byte_breaks_the_signature(signed: Path, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    # A byte inside the first page's content, well before the signature's incremental update.
    pos = data.index(b"stream") + 200
    data[pos] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    results = verify_pdf(tampered, [_cert()])  # type: ignore[list-item]
    assert results and not results[0].intact and not results[0].ok


@needs_pdfsig
def test_pdfsig_agrees(signed: Path, tmp_path: Path) -> None:
    good = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." in good and "Total document signed" in good
    assert "ETSI.CAdES.detached" in good
    data = bytearray(signed.read_bytes())
    data[data.index(b"stream") + 200] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    bad = subprocess.run(["pdfsig", str(tampered)], capture_output=True, text=True, check=False).stdout
    assert "Digest Mismatch." in bad


def test_signature_is_pades_and_covers_the_whole_file(signed: Path, tmp_path: Path) -> None:
    """What test_pdfsig_agrees checks with poppler, checked with pyHanko where poppler is missing."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with signed.open("rb") as fh:
        [sig] = list(PdfFileReader(fh).embedded_signatures)
        assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
        sig.compute_integrity_info()
        assert sig.coverage is not None and sig.coverage.name == "ENTIRE_FILE"
    data = bytearray(signed.read_bytes())
    data[data.index(b"stream") + 200] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    [bad] = verify_pdf(tampered, [_cert()])  # type: ignore[list-item]
    assert not bad.intact  # the digest no longer matches


def test_the_signature_sits_in_the_seal_area_and_is_audited(signed: Path, school_data: Built) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with signed.open("rb") as fh:
        reader = PdfFileReader(fh)
        [sig] = list(reader.embedded_signatures)
        widget = sig.sig_field["/Kids"][0] if "/Kids" in sig.sig_field else sig.sig_field
        rect = [float(v) for v in widget["/Rect"]]
    assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 50  # a visible box, not a hidden field
    assert rect[0] > 500  # at the right, where the 单位盖章 circle is
    entries = auditlog.search(school_data.db, AuditFilter(action="sign"))
    assert entries and entries[0].username == "rev"


def test_roles_and_certificates(school_data: Built, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        signing.sign_returns(school_data.db, CLERK, school_data.unit_id, school_data.period_id, PASSWORD, tmp_path)
    p12 = tmp_path / "county.p12"
    make_certificate(p12, "county-pass-1", name="县局审核", organisation="龙川县教育局", unit_code="441622")
    with pytest.raises(SigningError, match="密码不正确"):
        check_pkcs12(p12, "wrong password")
    # The private key in the file is encrypted: it cannot be loaded without the password.
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(p12.read_bytes(), None)
    cert = signing.import_certificate(school_data.db, Actor("boss", "县局审核", "reviewer"), p12, "county-pass-1")
    assert "县局审核" in cert.subject.rfc4514_string()


def test_look_at_the_stamp(signed: Path, tmp_path: Path) -> None:
    """Render the signed page to PNG (for a human look; the test checks the render works)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(signed)
    try:
        image = pdf[0].render(scale=60 / 72).to_pil()
    finally:
        pdf.close()
    image.save(tmp_path / "p-1.png")
    assert image.width > 300 and (tmp_path / "p-1.png").stat().st_size > 1000
