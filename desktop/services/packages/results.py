"""What a package import reports: one result per file, and the batch's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.services.packages.diff import PackageDiff

STATUS_LABELS = {"imported": "已导入", "replaced": "已替换", "unchanged": "未改动", "needs_confirm": "待确认",
                 "refused": "已拒绝"}


@dataclass
class PackageResult:
    """One file of an import, with its outcome and a Chinese sentence saying why."""

    path: Path
    status: str  # imported | replaced | unchanged | needs_confirm | refused
    message: str
    reason: str = ""  # PackageError.reason when refused
    unit_code: str = ""
    unit_name: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    diff: PackageDiff | None = None
    findings: int = 0  # conflict findings recorded
    digest: str = ""  # sha256 of the file (set once it was opened and checked)
    receipt: Path | None = None  # the signed 回执 written for it (import_packages(receipts_dir=…))

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "replaced", "unchanged")


@dataclass
class ImportSummary:
    results: list[PackageResult]
    backup: Path | None = None
    staged: int = 0  # packages whose training records a worker process decoded (package_stage)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def lines(self) -> list[str]:
        return [f"{r.path.name}：{STATUS_LABELS[r.status]}。{r.message}" for r in self.results]
