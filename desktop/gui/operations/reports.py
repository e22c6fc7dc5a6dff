"""Worker-side jobs of the 报表 page: each runs on the task manager's thread and returns plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.findings import Finding
from desktop.domain.indicators import IndicatorReport
from desktop.domain.records import PeriodRecord
from desktop.services.admin.database import Database
from desktop.services.core.stamp import Stamped
from desktop.services.core.users import Actor
from desktop.services.indicators import targets
from desktop.services.indicators.targets import TargetSetInfo
from desktop.services.returns import build as returns
from desktop.services.returns import checks, drafts, preview, readiness, stamp
from desktop.services.returns.build import Exported, ReturnInfo
from desktop.services.returns.checks import CheckResult
from desktop.services.returns.drafts import DraftExplanation
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
    choose_target_set(db, unit_id, period_id, target_set)
    return compute_findings(db, unit_id, period_id)


def choose_target_set(db: Database, unit_id: int, period_id: int, target_set: str | None) -> None:
    if target_set:
        # The choice is stored with the period: exports and the command line then use it too.
        current = targets.target_set_for(db, unit_id, period_id).code
        if current != target_set:
            targets.choose_target_set(db, unit_id, period_id, target_set, actor="gui")


COMPUTATIONS = [0]  # how many times checks and indicators were computed (the tests count recomputes)


def compute_findings(db: Database, unit_id: int, period_id: int, stamp_before: str | None = None) -> Findings:
    """Checks and indicators from one load; the indicators are kept under ``stamp_before`` (the stamp taken
    before computing) in the indicators' cache, which exports and the command line read too."""
    COMPUTATIONS[0] += 1
    found, report = checks.checks_and_indicators(db, unit_id, period_id, stamp_before=stamp_before)
    return Findings(found, report, readiness.ready_status(db, unit_id, period_id, actor="gui"))


@dataclass(frozen=True)
class Keyed:  # findings and the data stamp they were computed from
    stamp: str
    findings: Findings


# (database url, unit, period, target set) → the last findings: shown at once when the page comes back.
_CACHE: Stamped[Keyed] = Stamped()


def cached_findings(db: Database, unit_id: int, period_id: int, target_set: str | None) -> Keyed | None:
    return _CACHE.get((str(db.url), unit_id, period_id, target_set))


def refresh_findings(db: Database, unit_id: int, period_id: int, target_set: str | None,
                     force: bool = False) -> tuple[Keyed, bool]:
    """The findings for the data as it is now, and whether they had to be computed.

    Unchanged data (the same ``data_stamp`` as the cached findings) is not computed again,
    unless ``force`` (the 检查数据 button). The findings are kept under the stamp taken before
    computing: a change made meanwhile (or the readiness check clearing a stale 可上报 mark)
    moves the stamp, so the next visit computes again rather than keep a stale result.
    """
    choose_target_set(db, unit_id, period_id, target_set)
    key = (str(db.url), unit_id, period_id, target_set)
    before = stamp.data_stamp(db)
    known = _CACHE.get(key, before)
    if known is not None and not force:
        return known, False
    keyed = Keyed(before, compute_findings(db, unit_id, period_id, before))
    _CACHE.put(key, before, keyed)
    return keyed, True


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


PreviewPart = preview.PreviewPart
parts_count = preview.parts_count
warm_up_pdf = preview.warm_up


def preview_part(db: Database, unit_id: int, period_id: int, codes: list[str], index: int, folder: Path,
                 target_set: str | None, before: preview.PreviewPart | None = None) -> preview.PreviewPart:
    """Part ``index`` of the PDF preview (one return, or the closing 填写说明 pages), after part ``before``."""
    first = before.first if before is not None else None
    ahead = before.ahead if before is not None else ()
    return preview.preview_part(db, unit_id, period_id, codes, index, folder, target_set, first, ahead)


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
    # reportlab and pyHanko are loaded when used, not when the page opens.
    from desktop.services.signing import certificates as signing

    out = pdf.with_name(f"{pdf.stem}_已签名.pdf")
    return signing.sign_pdf(db, pdf, out, passphrase, actor=actor)


def certificate_configured(db: Database) -> bool:
    from desktop.services.signing import certificates as signing

    return signing.unit_certificate(db) is not None
