"""Signed receipts (回执): the office acknowledges every package it receives; the school imports it.

Office side (``issue_receipt``, called by the import inside the package's savepoint): a
small file in the package container, ``package_type = "receipt"``, signed with the
office's package key like a 退回 reply. Its manifest says which package was received
(sha256 and file name), when, its row counts and findings; it carries the printable
PDF (``returns/<code>_<学年>学年_回执.pdf``, with a QR code). The file's bytes are
stored (``receipts``, direction 'issued'), so importing the same package again hands
back the very same receipt, byte for byte. A refused package gets none.

School side (``import_receipt``): accepted only when it is for this school, signed by
its own parent office with the key pinned for that office (pinned on the first reply or
receipt, as for 退回 replies), and names a package this school exported. The school's
上报 page then shows "已收到（office，time）" (``receipt_state``) and the receipt's PDF.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.data.engine import Database
from desktop.data.models import Period, Receipt, StoredFinding, Submission, Unit
from desktop.domain.codes import SubmissionKind
from desktop.exchange.package import Manifest, PackageWriter, receipt_file_name
from desktop.exchange.package_sign import key_fingerprint, public_key_of
from desktop.exchange.tables import BY_NAME
from desktop.exchange.verify import Destination, PackageError, check_destination, open_package
from desktop.reports.receipt_pdf import ReceiptText, receipt_pdf_bytes
from desktop.services.core import audit
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import ServiceError
from desktop.services.packages.support import period_for
from desktop.services.signing.package_keys import (
    check_signer,
    pin_on_first_use,
    signer_code,
    signing_key,
)

ISSUED, RECEIVED = "issued", "received"


def local_text(at: datetime) -> str:
    """A stored UTC time as this PC's local time, to the minute."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def issue_receipt(session: Session, sub: Submission, *, office: Unit, unit: Unit, school_year: int,
                  census_date: str, zero_report: str | None = None) -> Receipt:
    """Record the office's receipt for the received package ``sub``: everything it will say, fixed now.

    The file itself (PDF, signature) is made the first time it is asked for (``built``) and then
    kept: a county importing 300 packages in the GUI does not pay for 300 PDFs it may never print.
    The same package → the same receipt.
    """
    found = session.scalars(select(Receipt).where(Receipt.direction == ISSUED,
                                                  Receipt.package_hash == sub.package_hash)).first()
    if found is not None:
        return found
    findings = session.execute(select(StoredFinding.severity, StoredFinding.message).where(
        StoredFinding.unit_id == sub.unit_id, StoredFinding.period_id == sub.period_id)
        .order_by(StoredFinding.severity, StoredFinding.id)).all()
    received = sub.recorded_at
    facts: dict[str, Any] = {
        "office_code": office.code, "office_name": office.name, "unit_code": unit.code, "unit_name": unit.name,
        "unit_kind": unit.kind, "school_year": school_year, "census_date": census_date,
        "receipt_no": f"{office.code}-{school_year}-{sub.id:06d}", "package_sha256": sub.package_hash,
        "package_file": sub.file_name, "received_at": received.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "counts": dict(sub.counts), "errors": sub.errors, "warnings": sub.warnings,
        "findings": [("错误：" if sev == "error" else "警告：") + m for sev, m in findings][:200],
        **({"zero_report": zero_report} if zero_report is not None else {})}
    receipt = Receipt(unit_id=unit.id, period_id=sub.period_id, direction=ISSUED, package_hash=sub.package_hash,
                      file_name=receipt_file_name(unit.code, school_year), office_code=office.code,
                      office_name=office.name, received_at=received, facts=facts)
    session.add(receipt)
    session.flush()
    return receipt


def built(session: Session, receipt: Receipt) -> bytes:
    """The receipt file's bytes, made (signed, with its PDF) and kept on first use."""
    if receipt.content is not None:
        return receipt.content
    f = dict(receipt.facts or {})
    key = signing_key(session)
    counts = [(BY_NAME[t].label if t in BY_NAME else t, int(n)) for t, n in f["counts"].items() if n and t != "findings"]
    received = datetime.strptime(f["received_at"], "%Y-%m-%dT%H:%M:%SZ")
    text = ReceiptText(office=f"{f['office_code']} {f['office_name']}", unit=f"{f['unit_code']} {f['unit_name']}",
                       school_year=int(f["school_year"]), received_at=local_text(received),
                       package_file=f["package_file"], package_sha256=f["package_sha256"], counts=counts,
                       errors=int(f["errors"]), warnings=int(f["warnings"]), findings=list(f["findings"]),
                       receipt_no=f["receipt_no"], zero_report=f.get("zero_report"),
                       key_fingerprint=key_fingerprint(public_key_of(key)))
    manifest = Manifest(
        unit_code=f["unit_code"], unit_name=f["unit_name"], unit_kind=f["unit_kind"], parent_code=f["office_code"],
        school_year=int(f["school_year"]), census_date=f["census_date"], created_at=f["received_at"],
        app_version=__version__, package_type="receipt",
        extra={k: f[k] for k in ("office_code", "office_name", "receipt_no", "package_sha256", "package_file",
                                 "received_at", "counts", "errors", "warnings", "findings", "zero_report") if k in f})
    writer = PackageWriter(manifest)
    writer.add_bytes(receipt.file_name.replace(".erp", ".pdf"), receipt_pdf_bytes(text))
    # A file of its own in the temp folder (not a temp directory: the import may be using those for staging).
    path = writer.write(Path(tempfile.gettempdir()) / f"edureturns-receipt-{uuid.uuid4().hex}.erp", signing_key=key)
    try:
        content = path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
    receipt.content, receipt.receipt_hash = content, hashlib.sha256(content).hexdigest()
    session.flush()
    return content


def write_issued(db: Database, digests: Iterable[str], folder: Path) -> dict[str, Path]:
    """Write the stored receipts of the packages with these sha256 digests into ``folder``; digest → path."""
    wanted = [d for d in digests if d]
    out: dict[str, Path] = {}
    if not wanted:
        return out
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with db.session(write=True) as session:
        for r in session.scalars(select(Receipt).where(Receipt.direction == ISSUED, Receipt.package_hash.in_(wanted))):
            target = folder / r.file_name
            target.write_bytes(built(session, r))
            out[r.package_hash] = target
    return out


def export_receipts(db: Database, folder: Path, *, codes: Iterable[str] | None = None,
                    school_year: int | None = None) -> list[Path]:
    """Office: write the receipts of the current packages (of ``codes``, or of every unit) into ``folder``."""
    with db.session() as session:
        period = period_for(session, school_year)
        q = (select(Submission.package_hash).join(Unit, Unit.id == Submission.unit_id)
             .where(Submission.period_id == period.id, Submission.kind == SubmissionKind.RECEIVED.value,
                    Submission.superseded_by_id.is_(None)))
        if codes is not None:
            q = q.where(Unit.code.in_(list(codes)))
        digests = list(session.scalars(q))
    return sorted(write_issued(db, digests, folder).values())


@dataclass(frozen=True, slots=True)
class ReceiptResult:
    status: str  # applied | unchanged
    office: str
    received_at: datetime
    message: str


def import_receipt(db: Database, path: Path, *, actor: str = "system") -> ReceiptResult:
    """School side: take the office's receipt for a package this school exported."""
    path = Path(path)
    with db.session() as session:
        home = home_or_raise(session)
        periods = {p.school_year: p.id for p in session.scalars(select(Period))}
        home_code, home_name, parent_code = home.code, home.name, home.parent_code
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"无法读取回执文件 {path.name}：{exc}。请确认文件没有被移动或正被其他程序占用。") from exc
    digest = hashlib.sha256(content).hexdigest()
    try:
        with open_package(path) as reader:
            m = reader.manifest
            if m.school_year not in periods:
                raise PackageError("wrong_period", f"回执是 {m.school_year}学年 的，本库没有该学年，未导入。")
            check_destination(m, Destination(home_code, home_name, frozenset(), m.school_year), package_type="receipt")
            office = f"{m.extra.get('office_code', '')} {m.extra.get('office_name', '')}".strip()
            if not parent_code or signer_code(m) != parent_code:
                raise PackageError("wrong_office", f"这份回执来自 {office}，不是本校的上级单位（{parent_code or '未设置'}）"
                                   "发出的，已拒绝。请确认是否收错了文件。")
            package = str(m.extra.get("package_sha256", ""))
            try:
                received = datetime.strptime(str(m.extra.get("received_at", "")), "%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                raise PackageError("bad_manifest", "回执缺少接收时间，文件可能被改动过，已拒绝。") from None
            with db.session(write=True) as session:
                home = home_or_raise(session)
                sent = session.scalars(select(Submission).where(
                    Submission.unit_id == home.id, Submission.kind == SubmissionKind.SENT.value,
                    Submission.package_hash == package)).first()
                check_signer(session, reader)
                if sent is None:
                    raise PackageError("unknown_package", f"回执所确认的数据包（摘要 {package[:16]}…）不是本库导出的，"
                                       "已拒绝。请确认导入的是本校数据库，或向教育局核对回执。")
                found = session.scalars(select(Receipt).where(Receipt.direction == RECEIVED,
                                                              Receipt.package_hash == package)).first()
                if found is not None and found.receipt_hash == digest:
                    return ReceiptResult("unchanged", office, received, "这份回执已经导入过，没有任何改动。")
                pin_on_first_use(session, reader, actor)
                if found is None:
                    found = Receipt(unit_id=home.id, period_id=periods[m.school_year], direction=RECEIVED,
                                    package_hash=package, receipt_hash=digest, file_name=path.name,
                                    office_code=signer_code(m), office_name=str(m.extra.get("office_name", "")),
                                    received_at=received, content=content)
                    session.add(found)
                else:  # the office issued another receipt for the same package: keep the newer one
                    found.receipt_hash, found.content, found.received_at = digest, content, received
                session.flush()
                audit.log(session, actor=actor, action="receipt", table="receipts", record_id=found.id,
                          changes={"package_hash": (None, package)}, unit_id=home.id, period_id=found.period_id)
    except PackageError as exc:
        raise ServiceError(exc.message) from exc
    return ReceiptResult("applied", office, received,
                         f"已收到（{m.extra.get('office_name', '')}，{local_text(received)}）：回执已核对签名并保存。")


@dataclass(frozen=True, slots=True)
class ReceiptState:
    office_name: str
    received_at: datetime
    package_hash: str
    package_file: str
    counts: dict[str, int]
    errors: int
    warnings: int
    receipt_no: str
    current: bool  # the receipt is for the latest package this school exported

    @property
    def label(self) -> str:
        return f"已收到（{self.office_name}，{local_text(self.received_at)}）"


def receipt_state(db: Database, *, school_year: int | None = None) -> ReceiptState | None:
    """School side: the latest receipt for this unit's period, or None."""
    with db.session() as session:
        home = home_or_raise(session)
        period = period_for(session, school_year)
        r = session.scalars(select(Receipt).where(Receipt.direction == RECEIVED, Receipt.unit_id == home.id,
                                                  Receipt.period_id == period.id)
                            .order_by(Receipt.received_at.desc(), Receipt.id.desc())).first()
        if r is None:
            return None
        last = session.scalars(select(Submission.package_hash).where(
            Submission.unit_id == home.id, Submission.period_id == period.id,
            Submission.kind == SubmissionKind.SENT.value).order_by(Submission.id.desc())).first()
        office_name, received, package, content = r.office_name, r.received_at, r.package_hash, r.content
    m = _manifest_of(content or b"")  # a receipt a school imported always has its bytes
    return ReceiptState(office_name, received, package, str(m.extra.get("package_file", "")),
                        {str(k): int(v) for k, v in dict(m.extra.get("counts") or {}).items()},
                        int(m.extra.get("errors", 0)), int(m.extra.get("warnings", 0)),
                        str(m.extra.get("receipt_no", "")), last == package)


def _verified(content: bytes, out_dir: Path) -> tuple[Manifest, Path]:
    path = Path(out_dir) / "receipt.erp"
    path.write_bytes(content)
    with open_package(path) as reader:
        return reader.manifest, path


def _manifest_of(content: bytes) -> Manifest:
    with tempfile.TemporaryDirectory(prefix="edureturns-receipt-") as tmp:
        return _verified(content, Path(tmp))[0]


def receipt_pdf(db: Database, out_dir: Path, *, school_year: int | None = None) -> Path:
    """School side: write the PDF of the latest receipt into ``out_dir`` (read back through the verifier)."""
    with db.session() as session:
        home = home_or_raise(session)
        period = period_for(session, school_year)
        content = session.scalars(select(Receipt.content).where(
            Receipt.direction == RECEIVED, Receipt.unit_id == home.id, Receipt.period_id == period.id)
            .order_by(Receipt.received_at.desc(), Receipt.id.desc())).first()
    if content is None:
        raise ServiceError("本学年还没有收到教育局的回执。请把教育局发来的回执文件（…_回执.erp）导入后再查看。")
    try:
        with tempfile.TemporaryDirectory(prefix="edureturns-receipt-") as tmp:
            _, path = _verified(content, Path(tmp))
            with open_package(path) as reader:
                name = next(n for n in reader.member_names() if n.endswith(".pdf"))
                target = Path(out_dir) / PurePosixPath(name).name
                target.write_bytes(reader.read_member(name))
    except (PackageError, StopIteration) as exc:
        raise ServiceError("保存的回执无法读取（可能已损坏），请重新导入教育局发来的回执文件。") from exc
    return target
