"""Upward packages (上报数据包): export this unit's package; import the packages of the units below.

Export writes the package of the home unit (its detail and everything below
it, a fresh check's findings with their 填写说明, and the returns as .xlsx and
.pdf), marks the period submitted and records a ``Submission`` of kind 'sent'.
The import side (verify, preview with the diff of a resubmission, apply in
batches with one savepoint per package) is ``package_import``, re-exported here.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from desktop import __version__
from desktop.data import journal, queries
from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Period, Submission, Unit
from desktop.data.queries import unit_tree
from desktop.domain.codes import Severity, SubmissionKind, WorkflowState
from desktop.exchange.package import EXTENSION as EXTENSION  # the file dialogs' filter (GUI)
from desktop.exchange.package import (
    Manifest,
    PackageWriter,
    file_sha256,
    package_file_name,
)
from desktop.exchange.tables import LATER_TABLES, TABLES
from desktop.services.core import audit
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError, file_in_use_refused
from desktop.services.packages.fingerprints import DEFINITIONS, definitions_for
from desktop.services.packages.rows import DetailReader
from desktop.services.packages.support import period_for
from desktop.services.packages.zero import KEY as ZERO_KEY
from desktop.services.packages.zero import zero_findings
from desktop.services.returns.readiness import completeness_counts
from desktop.services.signing.package_keys import ensure_may_sign, key_notice, signing_key
from desktop.services.year.periods import ensure_unit_period

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    errors: int
    warnings: int
    returns: tuple[str, ...]  # names of the return files inside
    notice: str = ""  # server: the key was made on this PC by this export (where it lives, how to move it)


# The rule for sending (导出上报数据包 marks the period 已提交): no error, and every warning
# explained. A period marked 可上报 meets it by construction (mark_ready asks the same, and any
# later change clears the mark); the 上报 page prints it next to the button.
SEND_RULE = ("导出上报数据包的条件：数据检查没有错误，且每条警告都已填写说明（即可以标记为“可上报”）。"
             "导出后本期即为“已提交”。")


def unexplained_refusal(count: int) -> str:
    """The Chinese sentence an export refused for unexplained warnings shows."""
    return (f"数据检查还有 {count} 条警告没有填写说明，不能导出上报数据包（导出后本期即为“已提交”）。"
            "请到“报表”页的数据检查列表为这些警告填写说明（同一规则的警告可以一起选中、一次填写），"
            "标记为可上报后再导出。")


def _finding_rows(db: Database, unit_id: int, period_id: int) -> tuple[list[tuple[str | None, ...]], int, int]:
    from desktop.services.returns.checks import run_checks

    result = run_checks(db, unit_id, period_id)
    with db.session() as session:
        codes = {r[0]: r[1] for r in session.execute(select(Unit.id, Unit.code))}
    rows: list[tuple[str | None, ...]] = [(codes[i.unit_id], i.finding.rule, i.finding.severity.value, i.finding.record_type, i.record_key,
             i.finding.message, i.explanation) for i in result.items]
    return rows, len(result.errors()), len(result.warnings())


def _write_returns(db: Database, unit_id: int, period_id: int, folder: Path) -> tuple[list[Path], dict[str, str]]:
    from desktop.reports.formats import get_format
    from desktop.reports.relations import check_relations
    from desktop.services.returns.build import build_returns, file_stem

    returns = build_returns(db, "all", unit_id, period_id)
    problems = [f for r in returns for f in check_relations(r)]
    if problems:
        raise ServiceError(f"报表有 {len(problems)} 处合计关系不成立，不能导出数据包。{problems[0].message}", problems)
    stem = file_stem(returns[0])
    paths = [get_format(fmt).write(returns, folder / f"{stem}.{fmt}") for fmt in ("xlsx", "pdf")]
    return paths, {r.code: r.fingerprint for r in returns}


def export_package(db: Database, out_dir: Path, *, school_year: int | None = None, with_returns: bool = True,
                   actor: str = "system", progress: Progress | None = None,
                   zero_report: str | None = None) -> ExportResult:
    """Write the home unit's package for the period into ``out_dir`` and mark the period submitted.

    ``zero_report``: the statement of a 零上报 (``packages/zero.py``): refused when the unit holds rows.
    """
    report = progress or (lambda _m, _f: None)
    with db.session() as session:
        home = queries.home_unit(session)
        if home is None:
            raise ServiceError("数据库还没有所属单位，不能导出数据包。请先完成初始设置。")
        ensure_may_sign(session)  # a clerk's server login: say so before the checks and returns are built
        period = period_for(session, school_year)
        unit_id, period_id = home.id, period.id
    report("正在检查数据…", 0.05)
    findings, errors, warnings = _finding_rows(db, unit_id, period_id)
    if zero_report is not None:
        findings, errors = zero_findings(db, unit_id, period_id, zero_report, findings, errors)
    if errors:
        raise ServiceError(f"数据检查还有 {errors} 个错误，不能上报。请先在“数据检查”中改正后再导出数据包。")
    # The rule for sending, after a 零上报 has dropped its "no data" findings: its warnings need 填写说明 too.
    unexplained = sum(1 for f in findings if f[2] == Severity.WARNING.value and not f[6])
    if unexplained:
        raise ServiceError(unexplained_refusal(unexplained))
    with db.session() as session:
        home, period = fetch(session, Unit, unit_id, "单位"), fetch(session, Period, period_id, "统计期")
        manifest = Manifest(
            unit_code=home.code, unit_name=home.name, unit_kind=home.kind, parent_code=home.parent_code,
            school_year=period.school_year, census_date=period.census_date.isoformat(),
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), app_version=__version__,
            errors=errors, warnings=warnings,
        )
        if zero_report is not None:
            manifest.extra[ZERO_KEY] = zero_report.strip()
        if home.kind != "school":  # the level above learns how complete the consolidation is, not who was late
            manifest.extra["completeness"] = completeness_counts(session, unit_id, period_id)
        writer = PackageWriter(manifest)
        # The package carries closed units too: the level above learns of the closure from it.
        ids = [u.id for u in unit_tree(session, unit_id, include_closed=True)]
        reader = DetailReader(session, ids, period_id)
        for n, table in enumerate(TABLES):
            report(f"正在打包{table.label}…", 0.1 + 0.5 * n / len(TABLES))
            if table.name in LATER_TABLES:
                later = list(reader.rows(table.name))
                if later:
                    writer.add_table(table.name, later)
                continue
            writer.add_table(table.name, findings if table.name == "findings" else reader.rows(table.name))
    with tempfile.TemporaryDirectory(prefix="edureturns-pkg-") as tmp:
        names: list[str] = []
        if with_returns:
            report("正在生成报表…", 0.65)
            paths, manifest.fingerprints = _write_returns(db, unit_id, period_id, Path(tmp))
            for p in paths:
                writer.add_file(p)
                names.append(p.name)
        else:
            # The fingerprints go with every package: the office recomputes them from the rows and
            # refuses a package without them (package_import._check_fingerprints).
            from desktop.services.returns.build import all_return_codes, data_fingerprints

            with db.session() as session:
                manifest.fingerprints = data_fingerprints(session, unit_id, period_id, all_return_codes())
        # Which definition built each fingerprinted return: the office tells another version from tampering.
        manifest.extra[DEFINITIONS] = definitions_for(sorted(manifest.fingerprints))
        report("正在写入数据包…", 0.9)
        with db.session(write=True) as session:
            key = signing_key(session, actor)  # made on the first export, then the same for every package
            notice = key_notice(session)
            # The audit chain's head goes out with the package and into the journal beside the database:
            # deleting the newest entries later no longer goes unnoticed (data.journal, docs/security.md §4).
            head = session.execute(select(AuditEntry.id, AuditEntry.entry_hash).order_by(AuditEntry.id.desc())
                                   .limit(1)).first()
            manifest.extra["audit_head"] = {"last_id": head[0], "hash": head[1]} if head else {}
        with file_in_use_refused():
            out = writer.write(Path(out_dir) / package_file_name(manifest.unit_code, manifest.school_year,
                                                                 manifest.unit_kind), signing_key=key)
    digest = file_sha256(out)
    if db.path is not None and head:
        with contextlib.suppress(OSError):
            journal.append(db.path, "export", file=out.name, head={"last_id": head[0], "hash": head[1]})
    with db.session(write=True) as session:
        up = ensure_unit_period(session, unit_id, period_id)
        old_state = up.state
        if old_state != WorkflowState.APPROVED.value:  # an approved (locked) period stays approved
            up.state = WorkflowState.SUBMITTED.value
        up.submitted_at = utcnow()
        session.add(Submission(unit_id=unit_id, period_id=period_id, kind=SubmissionKind.SENT.value,
                               file_name=out.name, package_hash=digest, format_version=manifest.format_version,
                               app_version=manifest.app_version, created_at=utcnow(), counts=manifest.counts,
                               fingerprints=manifest.fingerprints, errors=errors, warnings=warnings))
        audit.log(session, actor=actor, action="submit", table="unit_periods", record_id=up.id,
                  changes={"state": (old_state, up.state)}, unit_id=unit_id, period_id=period_id)
    report("完成", 1.0)
    return ExportResult(out, dict(manifest.counts), errors, warnings, tuple(names), notice)


# The import side lives in ``package_import``; re-exported so callers need one module.
from desktop.services.packages.preview import preview_import  # noqa: E402
from desktop.services.packages.receive import (  # noqa: E402
    STATUS_LABELS,
    ImportSummary,
    PackageResult,
    expand_paths,
    import_packages,
)

__all__ = ["EXTENSION", "STATUS_LABELS", "ExportResult", "ImportSummary", "PackageResult", "expand_paths", "export_package",
           "import_packages", "preview_import"]
