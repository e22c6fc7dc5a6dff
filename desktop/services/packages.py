"""Upward packages (上报数据包): export this unit's package; import the packages of the units below.

Export writes the package of the home unit (its detail and everything below
it, a fresh check's findings with their 填写说明, and the returns as .xlsx and
.pdf), marks the period submitted and records a ``Submission`` of kind 'sent'.

Import verifies each file before writing anything (``exchange.verify``), then
applies it in its own transaction (all-or-nothing per package), so one bad
file in a folder of 300 stops nothing else. The same file twice is a no-op
(matched by its sha256); a newer package of an already received unit and
period is only applied with ``confirm=True`` after ``preview_import`` showed
what it changes. Conflicts across schools become stored findings. A verified
backup is taken before the first write.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.appdirs import backups_dir_for
from desktop.data.backup import backup_file
from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Period, Submission, Unit
from desktop.domain.codes import SubmissionKind, WorkflowState
from desktop.exchange.package import (
    EXTENSION,
    Manifest,
    PackageWriter,
    file_sha256,
    package_file_name,
)
from desktop.exchange.tables import TABLES
from desktop.exchange.verify import (
    Destination,
    PackageError,
    PackageReader,
    check_destination,
    open_package,
)
from desktop.services import audit
from desktop.services.common import fetch
from desktop.services.errors import ServiceError
from desktop.services.package_apply import apply_package
from desktop.services.package_diff import PackageDiff, compute_diff
from desktop.services.package_rows import DetailReader, subtree
from desktop.services.package_support import conflict_findings, period_for, unit_tree_codes
from desktop.services.periods import ensure_unit_period

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    errors: int
    warnings: int
    returns: tuple[str, ...]  # names of the return files inside


def _finding_rows(db: Database, unit_id: int, period_id: int) -> tuple[list[tuple[str | None, ...]], int, int]:
    from desktop.services.checks import run_checks

    result = run_checks(db, unit_id, period_id)
    with db.session() as session:
        codes = {r[0]: r[1] for r in session.execute(select(Unit.id, Unit.code))}
    rows: list[tuple[str | None, ...]] = [(codes[i.unit_id], i.finding.rule, i.finding.severity.value, i.finding.record_type, i.record_key,
             i.finding.message, i.explanation) for i in result.items]
    return rows, len(result.errors()), len(result.warnings())


def _write_returns(db: Database, unit_id: int, period_id: int, folder: Path) -> tuple[list[Path], dict[str, str]]:
    from desktop.reports.formats import get_format
    from desktop.reports.relations import check_relations
    from desktop.services.returns import build_returns, file_stem

    returns = build_returns(db, "all", unit_id, period_id)
    problems = [f for r in returns for f in check_relations(r)]
    if problems:
        raise ServiceError(f"报表有 {len(problems)} 处合计关系不成立，不能导出数据包。{problems[0].message}", problems)
    stem = file_stem(returns[0])
    paths = [get_format(fmt).write(returns, folder / f"{stem}.{fmt}") for fmt in ("xlsx", "pdf")]
    return paths, {r.code: r.fingerprint for r in returns}


def export_package(db: Database, out_dir: Path, *, school_year: int | None = None, with_returns: bool = True,
                   actor: str = "system", progress: Progress | None = None) -> ExportResult:
    """Write the home unit's package for the period into ``out_dir`` and mark the period submitted."""
    report = progress or (lambda _m, _f: None)
    with db.session() as session:
        home = session.scalars(select(Unit).where(Unit.is_home.is_(True))).first()
        if home is None:
            raise ServiceError("数据库还没有所属单位，不能导出数据包。请先完成初始设置。")
        period = period_for(session, school_year)
        unit_id, period_id = home.id, period.id
    report("正在检查数据…", 0.05)
    findings, errors, warnings = _finding_rows(db, unit_id, period_id)
    if errors:
        raise ServiceError(f"数据检查还有 {errors} 个错误，不能上报。请先在“数据检查”中改正后再导出数据包。")
    with db.session() as session:
        home, period = fetch(session, Unit, unit_id, "单位"), fetch(session, Period, period_id, "统计期")
        manifest = Manifest(
            unit_code=home.code, unit_name=home.name, unit_kind=home.kind, parent_code=home.parent_code,
            school_year=period.school_year, census_date=period.census_date.isoformat(),
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), app_version=__version__,
            errors=errors, warnings=warnings,
        )
        writer = PackageWriter(manifest)
        ids = [i for i, _ in subtree(session, unit_id)]
        reader = DetailReader(session, ids, period_id)
        for n, table in enumerate(TABLES):
            report(f"正在打包{table.label}…", 0.1 + 0.5 * n / len(TABLES))
            writer.add_table(table.name, findings if table.name == "findings" else reader.rows(table.name))
    with tempfile.TemporaryDirectory(prefix="edureturns-pkg-") as tmp:
        names: list[str] = []
        if with_returns:
            report("正在生成报表…", 0.65)
            paths, manifest.fingerprints = _write_returns(db, unit_id, period_id, Path(tmp))
            for p in paths:
                writer.add_file(p)
                names.append(p.name)
        report("正在写入数据包…", 0.9)
        out = writer.write(Path(out_dir) / package_file_name(manifest.unit_code, manifest.school_year,
                                                             manifest.unit_kind))
    digest = file_sha256(out)
    with db.session(write=True) as session:
        up = ensure_unit_period(session, unit_id, period_id)
        old_state = up.state
        up.state, up.submitted_at = WorkflowState.SUBMITTED.value, utcnow()
        session.add(Submission(unit_id=unit_id, period_id=period_id, kind=SubmissionKind.SENT.value,
                               file_name=out.name, package_hash=digest, format_version=manifest.format_version,
                               app_version=manifest.app_version, created_at=utcnow(), counts=manifest.counts,
                               fingerprints=manifest.fingerprints, errors=errors, warnings=warnings))
        audit.log(session, actor=actor, action="submit", table="unit_periods", record_id=up.id,
                  changes={"state": (old_state, up.state)}, unit_id=unit_id, period_id=period_id)
    report("完成", 1.0)
    return ExportResult(out, dict(manifest.counts), errors, warnings, tuple(names))


# ---------------------------------------------------------------- import

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

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "replaced", "unchanged")


STATUS_LABELS = {"imported": "已导入", "replaced": "已替换", "unchanged": "未改动", "needs_confirm": "待确认",
                 "refused": "已拒绝"}


@dataclass
class ImportSummary:
    results: list[PackageResult]
    backup: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def lines(self) -> list[str]:
        return [f"{r.path.name}：{STATUS_LABELS[r.status]}。{r.message}" for r in self.results]


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders give their ``*.erp`` files (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(q for q in p.iterdir() if q.suffix.lower() == EXTENSION) if p.is_dir() else [p]
    return out


def _destination(session: Session, school_year: int | None) -> tuple[Destination, int, int]:
    home = session.scalars(select(Unit).where(Unit.is_home.is_(True))).first()
    if home is None:
        raise ServiceError("数据库还没有所属单位，不能接收数据包。请先完成初始设置。")
    period = period_for(session, school_year)
    dest = Destination(home.code, home.name, frozenset(unit_tree_codes(session, home.id)), period.school_year)
    return dest, home.id, period.id


def _previous(session: Session, unit_code: str, period_id: int) -> Submission | None:
    return session.scalars(
        select(Submission).join(Unit, Unit.id == Submission.unit_id)
        .where(Unit.code == unit_code, Submission.period_id == period_id,
               Submission.kind == SubmissionKind.RECEIVED.value, Submission.superseded_by_id.is_(None))
        .order_by(Submission.id.desc())).first()


def _duplicate(session: Session, digest: str, period_id: int) -> Submission | None:
    return session.scalars(select(Submission).where(
        Submission.package_hash == digest, Submission.period_id == period_id,
        Submission.kind == SubmissionKind.RECEIVED.value)).first()


def _result_of(reader: PackageReader, path: Path, status: str, message: str) -> PackageResult:
    m = reader.manifest
    return PackageResult(path, status, message, unit_code=m.unit_code, unit_name=m.unit_name, counts=dict(m.counts))


def _one(db: Database, path: Path, school_year: int | None, *, confirm: bool, apply: bool,
         actor: str, before_write: Callable[[], None]) -> PackageResult:
    with db.session() as session:
        dest, home_id, period_id = _destination(session, school_year)
    try:
        reader = open_package(path)
    except PackageError as exc:
        return PackageResult(path, "refused", exc.message, reason=exc.reason)
    with reader:
        try:
            check_destination(reader.manifest, dest)
        except PackageError as exc:
            r = _result_of(reader, path, "refused", exc.message)
            r.reason = exc.reason
            return r
        digest = file_sha256(path)
        m = reader.manifest
        with db.session() as session:
            dup = _duplicate(session, digest, period_id)
            if dup is not None:
                when = dup.recorded_at.strftime("%Y-%m-%d %H:%M")
                return _result_of(reader, path, "unchanged", f"这个数据包已在 {when} 导入过，内容相同，本次没有任何改动。")
            previous = _previous(session, m.unit_code, period_id)
            diff = compute_diff(session, reader, period_id) if previous is not None else None
        if previous is not None and not (confirm and apply):
            r = _result_of(reader, path, "needs_confirm",
                           f"{m.unit_name} 已经报送过本学年的数据包，这是重新报送的版本。确认后将替换上次的数据："
                           + "；".join(diff.lines() if diff else []) + "。")
            r.diff = diff
            return r
        if not apply:
            reader.count_rows()  # verify every count without writing
            return _result_of(reader, path, "imported", "校验通过，可以导入。")
        before_write()
        try:
            with db.session(write=True) as session:
                applied = apply_package(session, reader, home_id=home_id, period_id=period_id)
                top_id = applied.unit_ids[m.unit_code]
                conflicts = conflict_findings(session, applied, period_id, known=dest.known_codes)
                sub = Submission(unit_id=top_id, period_id=period_id, kind=SubmissionKind.RECEIVED.value,
                                 file_name=path.name, package_hash=digest, format_version=m.format_version,
                                 app_version=m.app_version, created_at=_parse_time(m.created_at),
                                 counts=m.counts, fingerprints=m.fingerprints,
                                 errors=m.errors + sum(1 for c in conflicts if c.severity == "error"),
                                 warnings=m.warnings + sum(1 for c in conflicts if c.severity == "warning"))
                session.add(sub)
                session.flush()
                if previous is not None:
                    prev = session.get(Submission, previous.id)
                    assert prev is not None
                    prev.superseded_by_id = sub.id
                audit.log(session, actor=actor, action="import", table="submissions", record_id=sub.id,
                          changes={"file_name": (None, path.name)}, unit_id=top_id, period_id=period_id)
        except PackageError as exc:
            r = _result_of(reader, path, "refused", exc.message)
            r.reason = exc.reason
            return r
        except IntegrityError:
            r = _result_of(reader, path, "refused", "数据包中的记录与本库中其他单位的记录重复（同一记录标识出现在两个单位），"
                           "可能是复制了别的单位的数据库后导出的。未导入任何数据，请联系报送单位核实。")
            r.reason = "duplicate_records"
            return r
    status = "replaced" if previous is not None else "imported"
    text = f"已导入 {m.unit_name}：教职工 {applied.counts.get('staff', 0)} 人，培训记录 {applied.counts.get('training', 0)} 条"
    if conflicts:
        text += f"；发现 {len(conflicts)} 个跨单位问题，已记入检查结果"
    r = _result_of(reader, path, status, text + "。")
    r.diff, r.findings = diff, len(conflicts)
    return r


def _parse_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
    except ValueError:
        return utcnow()


def preview_import(db: Database, paths: Sequence[Path | str], *, school_year: int | None = None) -> list[PackageResult]:
    """Verify every file and show what a resubmission would change; writes nothing."""
    return [_one(db, p, school_year, confirm=False, apply=False, actor="", before_write=lambda: None)
            for p in expand_paths(paths)]


def import_packages(db: Database, paths: Sequence[Path | str], *, school_year: int | None = None,
                    confirm: bool = False, actor: str = "system", backup: bool = True,
                    progress: Progress | None = None) -> ImportSummary:
    """Import every package (files or folders); each is all-or-nothing, none stops the others."""
    files = expand_paths(paths)
    summary = ImportSummary([])
    report = progress or (lambda _m, _f: None)

    def before_write() -> None:
        if backup and summary.backup is None and db.path is not None:
            summary.backup = backup_file(db.path, backups_dir_for(db.path), "before-import", key=db.key)

    for i, path in enumerate(files):
        report(f"正在导入 {path.name}（{i + 1}/{len(files)}）…", i / max(len(files), 1))
        try:
            summary.results.append(_one(db, path, school_year, confirm=confirm, apply=True, actor=actor,
                                        before_write=before_write))
        except ServiceError:
            raise
        except Exception as exc:  # one broken file must not stop the other 299
            summary.results.append(PackageResult(path, "refused", f"导入时出错，未写入任何数据：{exc}", reason="error"))
    report("完成", 1.0)
    return summary
