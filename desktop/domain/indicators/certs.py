"""Certificate indicators: 持证上岗 (a certificate valid for the stage taught) and 定期注册."""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import RegistrationResult, Stage, TeacherCertType
from desktop.domain.indicators.common import STAGE_ORDER, Context, add_months, add_years
from desktop.domain.indicators.inputs import CertRow, StaffRow
from desktop.domain.indicators.results import DrillItem

# Which certificate types allow teaching at a stage: a higher-stage certificate
# covers the lower stages, except that 幼儿园 needs a 幼儿园 certificate; 高级中学
# and 中职 are interchangeable (《教师资格条例》第五条, domain-notes §1.1).
COVERS: dict[str, frozenset[str]] = {
    "preschool": frozenset({"1"}),
    "primary": frozenset({"2", "3", "4", "5", "7"}),
    "junior": frozenset({"3", "4", "5", "7"}),
    "senior": frozenset({"4", "5", "7"}),
    "vocational": frozenset({"4", "5", "6", "7"}),
    "special": frozenset({"2", "3", "4", "5", "7"}),
}


_FAILED = RegistrationResult.FAILED.value
_DEFERRED = RegistrationResult.DEFERRED.value


def is_valid(c: CertRow) -> bool:
    return not c.revoked and c.last_result != _FAILED


_NONE: frozenset[str] = frozenset()


def covers(c: CertRow, stage: str | None) -> bool:
    if c.revoked or c.last_result == _FAILED:  # is_valid, inline: called for every teacher's every certificate
        return False
    if stage is None:
        return True
    return (c.cert_type or "") in COVERS.get(stage, _NONE)


def certificate_issue(certs: list[CertRow], stage: str | None) -> tuple[str, str] | None:
    """(check rule, Chinese reason) when a teacher is not 持证上岗 for ``stage``, else None.

    The rule is ``cert.missing`` (no certificate, or none still valid) or
    ``cert.above_stage`` (valid certificates, none of them for this stage).
    """
    if any(covers(c, stage) for c in certs):
        return None
    if not certs:
        return "cert.missing", "无教师资格证"
    valid = [c for c in certs if is_valid(c)]
    if not valid:
        return "cert.missing", "教师资格证已注销或定期注册不合格"
    kinds = "、".join(sorted({TeacherCertType.label_of(c.cert_type) or "种类未填" for c in valid}))
    return "cert.above_stage", f"持{kinds}教师资格证，不能任教{Stage.label_of(stage)}"


def certificate_problem(certs: list[CertRow], stage: str | None) -> str | None:
    """Why a teacher is not 持证上岗 for ``stage``, or None when they are."""
    issue = certificate_issue(certs, stage)
    return issue[1] if issue else None


def next_due(c: CertRow) -> date | None:
    """When the next 定期注册 is due: the latest registration's due date, else 5 years on."""
    if c.next_due:
        return c.next_due
    if c.last_reg_date:
        return add_years(c.last_reg_date, 5)
    if c.issue_date:
        return add_years(c.issue_date, 5)
    return None


def registration_state(c: CertRow, as_of: date, months: int) -> tuple[str, str] | None:
    """('overdue' | 'due_soon', Chinese detail) for a certificate that needs registering."""
    if not is_valid(c):
        return None
    if c.last_result == _DEFERRED:
        return "overdue", f"{c.last_reg_date or ''} 暂缓注册，尚未重新注册".strip()
    due = next_due(c)
    if due is None:
        return None
    if due < as_of:
        return "overdue", f"应于 {due.isoformat()} 前注册，已逾期"
    if due < add_months(as_of, months):
        return "due_soon", f"应于 {due.isoformat()} 前注册"
    return None


def valid_for_stage(ctx: Context) -> None:
    by_stage: dict[str | None, list[tuple[StaffRow, str | None]]] = {}
    for s in ctx.teachers:
        stage = ctx.stage_of(s)
        by_stage.setdefault(stage, []).append((s, certificate_problem(ctx.certs_by_staff.get(s.id, []), stage)))
    everyone = [pair for pairs in by_stage.values() for pair in pairs]
    if not everyone:
        return

    def emit(pairs: list[tuple[StaffRow, str | None]], stage: str | None) -> None:
        fails = [ctx.person(s, why) for s, why in pairs if why]
        ctx.add_share("cert.valid", len(pairs) - len(fails), len(pairs), fails, stage=stage)

    emit(everyone, None)
    for stage in STAGE_ORDER:
        if by_stage.get(stage):
            emit(by_stage[stage], stage)


def registration(ctx: Context) -> None:
    months = int(ctx.setting("registration_due_months"))
    teacher_ids = {s.id: s for s in ctx.teachers}
    overdue: list[DrillItem] = []
    soon: list[DrillItem] = []
    for c in ctx.inp.certs:
        s = teacher_ids.get(c.staff_id)
        if s is None:
            continue
        state = registration_state(c, ctx.inp.as_of, months)
        if state is None:
            continue
        item = DrillItem("credential", c.id, s.unit_id, ctx.person(s, "").label, state[1])
        (overdue if state[0] == "overdue" else soon).append(item)
    if not teacher_ids:
        return
    ctx.add("cert.registration_overdue", unit="个", value=len(overdue), failures=overdue)
    ctx.add("cert.registration_due_soon", unit="个", value=len(soon), failures=soon)
