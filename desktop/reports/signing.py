"""Digital signatures on PDF returns (PAdES, pyHanko) and the signer's certificate (R15).

* ``make_certificate`` writes a self-signed certificate and its private key as a
  PKCS#12 file encrypted with the signer's password (AES-256, PBKDF2); a county
  that runs its own CA imports the PKCS#12 it issued instead (``check_pkcs12``).
* ``sign_pdf`` adds a visible PAdES baseline-B signature in the return's seal
  area (``SealBox`` from the PDF renderer) as an incremental update; the stamp is
  drawn with the bundled WenQuanYi font so it can show Chinese names.
* ``verify_pdf`` validates with pyHanko: intact (the bytes are what was signed),
  valid (the signature verifies) and trusted (the certificate chains to a root
  the verifier trusts — for a self-signed certificate only when that very
  certificate is given as a trust root).

Without a trusted timestamp (RFC 3161 TSA, not available offline) the signing
time in the signature is the signer's own claim (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.paths import resources_dir
from desktop.reports.pdf import SealBox


class SigningError(Exception):
    """Signing or verifying failed; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Verification:
    intact: bool
    valid: bool
    trusted: bool
    signer: str
    signing_time: datetime | None
    covers_whole_file: bool

    @property
    def ok(self) -> bool:
        return self.intact and self.valid


def make_certificate(path: Path, password: str, *, name: str, organisation: str, unit_code: str,
                     years: int = 5) -> x509.Certificate:
    """A self-signed signing certificate (ECDSA P-256) and key in a password-protected PKCS#12 file."""
    if len(password) < 8:
        raise SigningError("证书密码至少需要 8 个字符。")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit_code),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(password.encode("utf-8")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return cert


def check_pkcs12(path: Path, password: str) -> x509.Certificate:
    """Open an imported PKCS#12 file; refuses a wrong password or a file without key and certificate."""
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), password.encode("utf-8"))
    except (ValueError, OSError) as exc:
        raise SigningError("无法打开证书文件：密码不正确，或文件不是 PKCS#12（.p12/.pfx）证书。") from exc
    if key is None or cert is None:
        raise SigningError("证书文件中没有私钥或证书，不能用于签名。")
    if cert.not_valid_after_utc < datetime.now(UTC):
        raise SigningError(f"证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期，请更换证书。")
    return cert


def certificate_of(path: Path, password: str) -> x509.Certificate:
    return check_pkcs12(path, password)


def _stamp_style() -> object:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = resources_dir() / "fonts" / "WenQuanYiZenHei.ttf"
    return TextStampStyle(
        stamp_text="数字签名：%(signer)s\n时间：%(ts)s\n（签名时间为签名者本机时间）",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font)), font_size=8),
        border_width=1,
    )


def sign_pdf(src: Path, dst: Path, p12: Path, password: str, box: SealBox, *, reason: str,
             location: str, field_name: str = "审核签名") -> Path:
    """Sign ``src`` into ``dst`` with a visible PAdES signature drawn in ``box``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    check_pkcs12(p12, password)
    signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(p12), passphrase=password.encode("utf-8"))
    if signer is None:
        raise SigningError("无法读取证书中的私钥。")
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
    )
    spec = fields.SigFieldSpec(field_name, on_page=box.page,
                               box=(round(box.x1), round(box.y1), round(box.x2), round(box.y2)))
    with src.open("rb") as inf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        fields.append_signature_field(writer, spec)
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=_stamp_style())  # type: ignore[arg-type]
        with dst.open("wb") as out:
            pdf_signer.sign_pdf(writer, output=out)
    return dst


def verify_pdf(path: Path, trust_roots: list[x509.Certificate] | None = None) -> list[Verification]:
    """Validate every signature in ``path``; an empty list means the file carries none."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trust_roots or []]
    out: list[Verification] = []
    with path.open("rb") as fh:
        try:
            reader = PdfFileReader(fh, strict=False)
            sigs = list(reader.embedded_signatures)
        except Exception as exc:
            raise SigningError(f"无法读取 PDF 文件：{exc}") from exc
        for sig in sigs:
            try:
                status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
            except Exception:
                out.append(Verification(False, False, False, "", None, False))
                continue
            cert = status.signing_cert
            out.append(Verification(
                intact=bool(status.intact), valid=bool(status.valid), trusted=bool(status.trusted),
                signer=cert.subject.human_friendly if cert is not None else "",
                signing_time=status.signer_reported_dt,
                covers_whole_file=str(status.coverage).endswith("ENTIRE_FILE"),
            ))
    return out
