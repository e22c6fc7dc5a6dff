"""One received unit up close (单位详情): its findings with 填写说明, return fingerprints, PDF returns.

The dashboard lists units; clicking one shows what its latest package said:
the findings (errors and warnings with the school's 填写说明), the data
fingerprint of each return, the pinned key's fingerprint, and the PDF returns
it carried. The package files are kept beside the database (``received/``,
one per unit and school year, replaced by a resubmission) when the import
succeeds; the PDFs are read back through ``open_package``, so a kept copy that
was changed afterwards is refused like any tampered package.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import StoredFinding, Submission, Unit
from desktop.domain.codes import SubmissionKind
from desktop.exchange.verify import PackageError, open_package
from desktop.services.core.errors import NotFoundError, ServiceError
from desktop.services.packages.support import period_for
from desktop.services.returns.lastpackage import kept_package
from desktop.services.signing.package_keys import pinned_key


@dataclass(frozen=True, slots=True)
class ReviewFinding:
    severity: str  # error | warning
    rule: str
    message: str
    explanation: str  # 填写说明 ('' when the school wrote none)


@dataclass(frozen=True, slots=True)
class UnitReview:
    code: str
    name: str
    school_year: int
    received: bool
    file_name: str | None
    key_fingerprint: str | None
    fingerprints: tuple[tuple[str, str], ...]  # (return code, sha256)
    findings: tuple[ReviewFinding, ...]
    package: Path | None  # the kept copy, None when not kept (server mode, or received before it was kept)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def keep_received(db: Database, path: Path, unit_code: str, school_year: int) -> Path | None:
    """Copy an imported package beside the database (replacing the unit's earlier one)."""
    target = kept_package(db, unit_code, school_year)
    if target is None or db.key is not None:
        # An encrypted database keeps no plain copy beside it: its PDFs are then not offered.
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_suffix(".part")
        shutil.copyfile(path, part)
        part.replace(target)
    except OSError:  # only a convenience copy: the data is in the database already
        return None
    return target


def unit_review(db: Database, code: str, *, school_year: int | None = None) -> UnitReview:
    with db.session() as session:
        unit = session.scalars(select(Unit).where(Unit.code == code)).first()
        if unit is None:
            raise NotFoundError(f"本库中没有代码为 {code} 的单位。")
        period = period_for(session, school_year)
        sub = session.scalars(select(Submission).where(
            Submission.unit_id == unit.id, Submission.period_id == period.id,
            Submission.kind == SubmissionKind.RECEIVED.value, Submission.superseded_by_id.is_(None))
            .order_by(Submission.id.desc())).first()
        rows = session.scalars(select(StoredFinding).where(
            StoredFinding.unit_id == unit.id, StoredFinding.period_id == period.id)
            .order_by(StoredFinding.severity, StoredFinding.rule, StoredFinding.id)).all()
        pin = pinned_key(session, code)
        kept = kept_package(db, code, period.school_year)
        return UnitReview(
            code=unit.code, name=unit.name, school_year=period.school_year, received=sub is not None,
            file_name=sub.file_name if sub else None, key_fingerprint=pin.fingerprint if pin else None,
            fingerprints=tuple(sorted((sub.fingerprints or {}).items())) if sub else (),
            findings=tuple(ReviewFinding(r.severity, r.rule, r.message, r.explanation or "") for r in rows),
            package=kept if kept is not None and kept.exists() and sub is not None else None)


def extract_return_pdfs(review: UnitReview, out_dir: Path) -> list[Path]:
    """Write the PDF returns of the unit's kept package into ``out_dir``; their paths."""
    if review.package is None:
        raise ServiceError(f"没有保存 {review.name} 的数据包文件，无法打开其报表。请重新导入该单位的数据包。")
    out: list[Path] = []
    try:
        with open_package(review.package) as reader:
            for name in reader.member_names():
                if name.startswith("returns/") and name.endswith(".pdf"):
                    target = Path(out_dir) / PurePosixPath(name).name
                    target.write_bytes(reader.read_member(name))
                    out.append(target)
    except PackageError as exc:
        raise ServiceError(f"保存的数据包无法读取：{exc.message}") from exc
    if not out:
        raise ServiceError(f"{review.name} 的数据包中没有 PDF 报表（导出时未附带报表）。")
    return out
