"""Worker-side jobs of the 报表 page: each runs on the task manager's thread and returns plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.findings import Finding
from desktop.domain.indicators import IndicatorReport
from desktop.domain.records import PeriodRecord
from desktop.services.admin.database import Database
from desktop.services.core.users import Actor
from desktop.services.indicators import compute as indicators
from desktop.services.indicators import targets
from desktop.services.indicators.targets import TargetSetInfo
from desktop.services.returns import build as returns
from desktop.services.returns import checks, drafts, readiness
from desktop.services.returns.build import Exported, ReturnInfo
from desktop.services.returns.checks import CheckResult
from desktop.services.returns.drafts import DraftExplanation
from desktop.services.signing import certificates as signing
from desktop.services.year import periods


@dataclass(frozen=True)
class Choices:  # what the left column offers
    periods: list[PeriodRecord]
    target_sets: list[TargetSetInfo]
    chosen_target_set: str
    returns: list[ReturnInfo]


@dataclass(frozen=True)
class Findings:  # what the tabs show for one period and target set
    checks: CheckResult
    indicators: IndicatorReport
    ready: readiness.ReadyStatus


def load_choices(db: Database, unit_id: int, period_id: int) -> Choices:
    chosen = targets.target_set_for(db, unit_id, period_id).code
    return Choices(periods.list_periods(db), targets.list_target_sets(db), chosen, returns.list_returns(db, unit_id))


def load_findings(db: Database, unit_id: int, period_id: int, target_set: str | None) -> Findings:
    if target_set:
        # The choice is stored with the period: exports and the command line then use it too.
        current = targets.target_set_for(db, unit_id, period_id).code
        if current != target_set:
            targets.choose_target_set(db, unit_id, period_id, target_set, actor="gui")
    return Findings(checks.run_checks(db, unit_id, period_id),
                    indicators.compute_indicators(db, unit_id, period_id, target_set=target_set),
                    readiness.ready_status(db, unit_id, period_id, actor="gui"))


def export(db: Database, unit_id: int, period_id: int, codes: list[str], formats: list[str], folder: Path,
           target_set: str | None, report: Callable[[int, int, str], None]) -> Exported:
    """One file per format, so progress is reported per format; drafts when a sum relation fails."""
    paths: list[Path] = []
    failed: list[Finding] = []
    for i, fmt in enumerate(formats):
        report(i, len(formats), f"正在生成 {fmt.upper()}（{i + 1}/{len(formats)}）…")
        done = returns.export_returns_checked(db, unit_id, period_id, codes, [fmt], folder, target_set=target_set)
        paths += done.paths
        failed = done.failed  # the same returns each time: the same failures
    report(len(formats), len(formats), "完成")
    return Exported(paths, failed)


def set_explanation(db: Database, unit_id: int, period_id: int, rule: str, record_key: str, text: str,
                    actor: str) -> None:
    """Write (or rewrite) the 填写说明 of one warning."""
    checks.set_explanation(db, unit_id, period_id, rule, record_key, text, actor)


def set_explanations(db: Database, unit_id: int, period_id: int, warnings: list[tuple[str, str]], text: str,
                     actor: str) -> int:
    """One 填写说明 for every chosen warning, in one transaction."""
    return checks.set_explanations(db, unit_id, period_id, warnings, text, actor)


def draft_explanation(db: Database, unit_id: int, period_id: int, rule: str, record_key: str) -> DraftExplanation | None:
    """The drafted 填写说明 of a year-over-year warning (None for any other warning)."""
    return drafts.draft_for(db, unit_id, period_id, rule, record_key)


def mark_ready(db: Database, unit_id: int, period_id: int, *, actor: str) -> CheckResult:
    """可上报: refused while errors or unexplained warnings remain."""
    return readiness.mark_ready(db, unit_id, period_id, actor=actor)


def sign(db: Database, actor: Actor, pdf: Path, passphrase: str) -> Path:
    """Sign an exported PDF with the unit's certificate, next to it as …_已签名.pdf."""
    out = pdf.with_name(f"{pdf.stem}_已签名.pdf")
    return signing.sign_pdf(db, pdf, out, passphrase, actor=actor)


def certificate_configured(db: Database) -> bool:
    return signing.unit_certificate(db) is not None
