"""Office import of packages (接收数据包): verify, show what a resubmission changes, apply.

Each file is verified before anything is written (``exchange.verify``: a zip,
safe, manifest of a known version, every member hash, this office, this
period). Applying a package happens inside a SAVEPOINT, so each package is
all-or-nothing: a refused or broken one rolls back to its savepoint and the
others go on. Packages are committed in batches of ``BATCH_PACKAGES``: the
random ``uid`` indexes make every commit rewrite the index pages it touched,
and one commit per 27-person school would write the same pages 300 times
(measured: 225 s for the county instead of a few seconds). A crash loses at
most the uncommitted batch, never half a package. The same file twice is a
no-op (its sha256 is in ``Submission.package_hash``); a newer package of a unit
and period already received is applied only with ``confirm=True``.
A verified backup is taken before the first write. Every package must be
signed, and with the key pinned for its unit (``package_keys``): the first
signed package of a unit pins its key, inside that package's savepoint.
A unit this office has approved is locked: its new package is refused
("locked") until a reviewer unlocks it. That check is made once per package in
the write transaction, which therefore runs with the per-row lock triggers off
(``guards.replacing``); the sender's own approvals of its units below, carried in
a county package, are data the resubmission replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.appdirs import backups_dir_for
from desktop.data import guards, kept_sums, queries
from desktop.data.backup import backup_file
from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.locks import advisory_lock, unit_period_lock
from desktop.data.models import Submission, Unit
from desktop.data.queries import unit_tree
from desktop.domain.codes import SubmissionKind
from desktop.exchange.package import EXTENSION, file_sha256
from desktop.exchange.scope import ScopeError, UnitRow, check_scope
from desktop.exchange.verify import (
    Destination,
    PackageError,
    PackageReader,
    check_destination,
    open_package,
)
from desktop.services.core import audit
from desktop.services.core.errors import ServiceError
from desktop.services.packages.apply import apply_package
from desktop.services.packages.diff import PackageDiff, compute_diff, submission_extra
from desktop.services.packages.fingerprints import check_fingerprints
from desktop.services.packages.receipts import issue_receipt, write_issued
from desktop.services.packages.results import (
    STATUS_LABELS as STATUS_LABELS,  # re-exported: callers import it here
)
from desktop.services.packages.results import ImportSummary as ImportSummary
from desktop.services.packages.results import PackageResult as PackageResult
from desktop.services.packages.review import keep_received
from desktop.services.packages.stage import (
    IMPORT_CACHE_KIB as IMPORT_CACHE_KIB,  # the benchmark's cache too
)
from desktop.services.packages.stage import Stager, bulk_cache, stager_for
from desktop.services.packages.support import conflict_findings, period_for
from desktop.services.packages.zero import zero_statement
from desktop.services.signing.package_keys import (
    NO_IMPORT_RIGHT,
    check_signer,
    ensure_may_sign,
    pin_on_first_use,
)

Progress = Callable[[str, float], None]
BATCH_PACKAGES = 100

def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders give their ``*.erp`` files (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(q for q in p.iterdir() if q.suffix.lower() == EXTENSION) if p.is_dir() else [p]
    return out


@dataclass(frozen=True, slots=True)
class _Target:
    dest: Destination
    home_id: int
    period_id: int
    received_at: datetime | None = None  # the time of receipt to record (None: now)


def _target(db: Database, school_year: int | None, received_at: datetime | None = None) -> _Target:
    with db.session() as session:
        home = queries.home_unit(session)
        if home is None:
            raise ServiceError("数据库还没有所属单位，不能接收数据包。请先完成初始设置。")
        period = period_for(session, school_year)
        dest = Destination(home.code, home.name, frozenset(u.code for u in unit_tree(session, home.id, include_closed=True, include_root=False)), period.school_year)
        return _Target(dest, home.id, period.id, received_at)


def _result(reader: PackageReader, path: Path, status: str, message: str, reason: str = "") -> PackageResult:
    m = reader.manifest
    return PackageResult(path, status, message, reason=reason, unit_code=m.unit_code, unit_name=m.unit_name,
                         counts=dict(m.counts))


def _open(path: Path, target: _Target) -> PackageReader | PackageResult:
    """The verified package, or the refusal."""
    try:
        reader = open_package(path)
    except PackageError as exc:
        return PackageResult(path, "refused", exc.message, reason=exc.reason)
    except Exception as exc:  # one hostile file must never stop the others of the batch
        return PackageResult(path, "refused", f"数据包无法读取（{type(exc).__name__}），文件已损坏或不是本程序导出的数据包，"
                             "已拒绝，其他文件照常导入。请让报送单位重新导出。", reason="error")
    try:
        check_destination(reader.manifest, target.dest)
    except PackageError as exc:
        reader.close()
        return _result(reader, path, "refused", exc.message, exc.reason)
    return reader


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


def _units_in(session: Session, reader: PackageReader, target: _Target) -> dict[str, int] | PackageResult:
    """code → id of the units this office knows that the package would replace, or the refusal.

    Only the sender's own unit and units below it (as this office knows them)
    may be in a package (``exchange.scope``); anything else refuses the whole
    package, naming the unit.
    """
    m = reader.manifest
    try:
        rows = [UnitRow(str(r[0]), str(r[1]), str(r[2]), r[3]) for r in reader.rows("units")]
    except PackageError as exc:
        return _result(reader, reader.path, "refused", exc.message, exc.reason)
    codes = [r.code for r in rows]
    known = {u.code: u for u in session.scalars(select(Unit).where(Unit.code.in_(codes)))}
    top = known.get(m.unit_code)
    below = frozenset(u.code for u in unit_tree(session, top.id, include_closed=True, include_root=False)) if top is not None else frozenset[str]()
    try:
        # A unit this office knows keeps the kind it has here: a school cannot pose as an office.
        check_scope(m.unit_code, m.unit_name, top.kind if top is not None else m.unit_kind, rows,
                    known_names={c: u.name for c, u in known.items()}, below_top=below)
    except ScopeError as exc:
        return _result(reader, reader.path, "refused", exc.message, exc.reason)
    return {c: u.id for c, u in known.items()}


def _locked(session: Session, reader: PackageReader, target: _Target) -> PackageResult | None:
    """Refused when this office has approved a unit whose data the package would replace, or it may not carry.

    Every known unit of the package is asked. The approvals of units below the
    sender are the sender's own decisions, carried as data in its package (a
    county approving its schools), and are replaced with it; every other unit —
    the sender itself — is locked here when this office approved it.
    """
    m = reader.manifest
    units = _units_in(session, reader, target)
    if isinstance(units, PackageResult):
        return units
    top_id = units.get(m.unit_code)
    carried = {u.code for u in unit_tree(session, top_id, include_closed=True, include_root=False)} if top_id is not None else set()
    ids = [i for code, i in units.items() if code not in carried]
    locked = set(guards.locked_units(session.connection(), ids, target.period_id))
    if not locked:
        return None
    names = {i: code for code, i in units.items()}
    code = m.unit_code if top_id in locked else names[min(locked)]
    name = m.unit_name if code == m.unit_code else code
    return _result(reader, reader.path, "refused",
                   f"本单位已审核通过 {name}（{code}）{m.school_year}学年的数据，数据已锁定，不能用新数据包替换。"
                   "如确需接收重新报送的数据，请审核人先在“上报”页解锁该单位（填写原因），再导入。", "locked")


def _parse_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
    except ValueError:
        return utcnow()


def _check(session: Session, reader: PackageReader, path: Path, digest: str, target: _Target, *,
           confirm: bool) -> tuple[PackageResult | None, Submission | None, PackageDiff | None]:
    """(early result, previous submission, diff): unchanged, or a resubmission waiting for confirmation."""
    m = reader.manifest
    dup = _duplicate(session, digest, target.period_id)
    if dup is not None:
        when = dup.recorded_at.strftime("%Y-%m-%d %H:%M")
        return _result(reader, path, "unchanged", f"这个数据包已在 {when} 导入过，内容相同，本次没有任何改动。"), None, None
    locked = _locked(session, reader, target)
    if locked is not None:
        return locked, None, None
    previous = _previous(session, m.unit_code, target.period_id)
    diff = compute_diff(session, reader, target.period_id) if previous is not None else None
    if previous is not None and not confirm:
        r = _result(reader, path, "needs_confirm",
                    f"{m.unit_name} 已经报送过本学年的数据包，这是重新报送的版本。确认后将替换上次的数据："
                    + "；".join(diff.lines() if diff else []) + "。")
        r.diff = diff
        return r, previous, diff
    return None, previous, diff


def _apply(session: Session, reader: PackageReader, path: Path, digest: str, target: _Target,
           previous: Submission | None, actor: str, stager: Stager | None, diff: PackageDiff | None) -> PackageResult:
    m = reader.manifest
    zero = zero_statement(m)
    pinned = pin_on_first_use(session, reader, actor)
    staged = stager.staged(session.connection(), path) if stager is not None else None
    applied = apply_package(session, reader, home_id=target.home_id, period_id=target.period_id, staged=staged)
    top_id = applied.unit_ids[m.unit_code]
    skipped = check_fingerprints(session, reader, top_id, target.period_id)
    conflicts = conflict_findings(session, applied, target.period_id, known=target.dest.known_codes)
    sub = Submission(unit_id=top_id, period_id=target.period_id, kind=SubmissionKind.RECEIVED.value,
                     file_name=path.name, package_hash=digest, format_version=m.format_version,
                     app_version=m.app_version, created_at=_parse_time(m.created_at), counts=m.counts,
                     fingerprints=m.fingerprints,
                     errors=m.errors + sum(1 for c in conflicts if c.severity == "error"),
                     warnings=m.warnings + sum(1 for c in conflicts if c.severity == "warning"),
                     recorded_at=target.received_at or utcnow(),
                     extra=submission_extra(session, zero, previous, diff))
    session.add(sub)
    session.flush()
    if previous is not None:
        previous.superseded_by_id = sub.id
    units = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_((top_id, target.home_id))))}
    issue_receipt(session, sub, office=units[target.home_id], unit=units[top_id], school_year=m.school_year,
                  census_date=m.census_date, zero_report=zero)
    audit.log(session, actor=actor, action="import", table="submissions", record_id=sub.id,
              changes={"file_name": (None, path.name),
                       **({"package_key": (None, reader.signature.fingerprint)} if pinned and reader.signature else {})},
              unit_id=top_id, period_id=target.period_id)
    text = f"已导入 {m.unit_name}：教职工 {applied.counts.get('staff', 0)} 人，培训记录 {applied.counts.get('training', 0)} 条"
    if conflicts:
        text += f"；发现 {len(conflicts)} 个跨单位问题，已记入检查结果"
    text += "。" + skipped
    r = _result(reader, path, "replaced" if previous is not None else "imported", text)
    r.findings = len(conflicts)
    return r


def _one_in(session: Session, path: Path, target: _Target, *, confirm: bool, actor: str,
            stager: Stager | None = None) -> PackageResult:
    opened = _open(path, target)
    if isinstance(opened, PackageResult):
        return opened
    with opened as reader:
        digest = file_sha256(path)
        # Two offices (or two PCs of one office) importing the same school's package at once:
        # the second waits here, then sees the first one's submission ("unchanged" / resubmission).
        advisory_lock(session, unit_period_lock(reader.manifest.unit_code, reader.manifest.school_year))
        try:
            check_signer(session, reader)
        except PackageError as exc:
            return _result(reader, path, "refused", exc.message, exc.reason)
        early, previous, diff = _check(session, reader, path, digest, target, confirm=confirm)
        if early is not None:
            early.digest = digest
            return early
        savepoint = session.begin_nested()
        try:
            result = _apply(session, reader, path, digest, target, previous, actor, stager, diff)
            savepoint.commit()
        except PackageError as exc:
            savepoint.rollback()
            return _result(reader, path, "refused", exc.message, exc.reason)
        except IntegrityError as exc:
            savepoint.rollback()
            detail = str(exc.orig).lower()
            if "unique" not in detail and "duplicate" not in detail:  # a NOT NULL or CHECK, not a duplicate
                return _result(reader, path, "refused", "数据包中有不符合数据库规则的数据（如必填项为空或数值无效），"
                               "未导入任何数据。请让报送单位在程序中运行“数据检查”后重新导出。", "bad_row")
            return _result(reader, path, "refused", "数据包中的记录与本库中其他单位的记录重复（同一记录标识出现在两个单位），"
                           "可能是复制了别的单位的数据库后导出的。未导入任何数据，请联系报送单位核实。", "duplicate_records")
        except Exception as exc:  # one broken file must not stop the other 299
            savepoint.rollback()
            return _result(reader, path, "refused", f"导入时出错，未写入任何数据：{exc}", "error")
        result.diff, result.digest = diff, digest
        return result


def import_packages(db: Database, paths: Sequence[Path | str], *, school_year: int | None = None,
                    confirm: bool = False, actor: str = "system", backup: bool = True,
                    progress: Progress | None = None, stage: bool | None = None,
                    received_at: datetime | None = None, receipts_dir: Path | None = None) -> ImportSummary:
    """Import every package (files or folders); each is all-or-nothing, none stops the others.

    ``stage``: decode the training records in a second process (``package_stage``);
    None decides by size (large imports into plain SQLite files or PostgreSQL). ``received_at``: the time
    of receipt recorded (None: now). Every package taken (or taken before) has a signed
    receipt; ``receipts_dir`` writes them there (``PackageResult.receipt``).
    """
    files = expand_paths(paths)
    with db.session() as session:  # a clerk's server login cannot sign the receipts: say so before any work
        ensure_may_sign(session, NO_IMPORT_RIGHT)
    target = _target(db, school_year, received_at)
    summary = ImportSummary([])
    report = progress or (lambda _m, _f: None)
    if files and backup and db.path is not None:
        summary.backup = backup_file(db.path, backups_dir_for(db.path), "before-import", key=db.key)
    batches = [files[start:start + BATCH_PACKAGES] for start in range(0, len(files), BATCH_PACKAGES)]
    stager = stager_for(db, batches, stage)
    try:
        for number, batch in enumerate(batches):
            start = number * BATCH_PACKAGES
            results: list[PackageResult] = []
            try:
                # The lock is checked per package (``_check``) inside this write transaction, so the
                # per-row lock triggers can be off for it (guards.replacing; 6 s of a county's 34 s).
                with db.session(write=True) as session, bulk_cache(session), \
                        guards.replacing(session.connection()), kept_sums.bulk(session.connection()):
                    for i, path in enumerate(batch):
                        report(f"正在导入 {path.name}（{start + i + 1}/{len(files)}）…", (start + i) / len(files))
                        results.append(_one_in(session, path, target, confirm=confirm, actor=actor, stager=stager))
            except ServiceError:
                raise
            except Exception as exc:  # the batch could not be committed (disk full …): none of it is in
                results = [PackageResult(p, "refused", f"写入数据库失败，本批数据包均未导入：{exc}", reason="error")
                           for p in batch]
            finally:
                if stager is not None:
                    stager.batch_done(batch)
            summary.results += results
            for r in results:  # committed: keep a copy for the dashboard's drill-down (PDF returns)
                if r.status in ("imported", "replaced"):
                    keep_received(db, r.path, r.unit_code, target.dest.school_year)
            if receipts_dir is not None:
                written = write_issued(db, [r.digest for r in results if r.ok], receipts_dir)
                for r in results:
                    r.receipt = written.get(r.digest) if r.ok else None
    finally:
        if stager is not None:
            stager.close()
            summary.staged = stager.used
    report("完成", 1.0)
    return summary
