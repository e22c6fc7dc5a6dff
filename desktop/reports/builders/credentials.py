"""教填-04 教师资格证持有与定期注册: holders, stage match, registration status of 专任教师.

Stage match follows DOMAIN.md §3 持证上岗率: a higher-stage certificate covers
lower stages, except that 幼儿园 needs a 幼儿园 certificate. Registration status is
taken at the period's 统计时点 so the return does not change with the day it is printed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from desktop.data.models import Credential, Registration, Staff
from desktop.domain.codes import CredentialKind, StaffCategory, Stage, TeacherCertType
from desktop.reports.builders.common import (
    BuildContext,
    Built,
    ordered_stages,
    pct,
    row_values,
    schools,
    stage_label,
    total_row,
)
from desktop.reports.model import Row, Value

T = TeacherCertType
# Certificate types valid for teaching in each stage.
VALID_FOR_STAGE: dict[str, frozenset[str]] = {
    Stage.PRESCHOOL.value: frozenset({T.KINDERGARTEN.value}),
    Stage.PRIMARY.value: frozenset({T.PRIMARY.value, T.JUNIOR.value, T.SENIOR.value, T.HIGHER.value}),
    Stage.JUNIOR.value: frozenset({T.JUNIOR.value, T.SENIOR.value, T.HIGHER.value}),
    Stage.SENIOR.value: frozenset({T.SENIOR.value, T.HIGHER.value}),
    Stage.VOCATIONAL.value: frozenset({T.SENIOR.value, T.VOCATIONAL.value, T.VOCATIONAL_PRACTICE.value,
                                       T.HIGHER.value}),
    Stage.SPECIAL.value: frozenset({T.KINDERGARTEN.value, T.PRIMARY.value, T.JUNIOR.value, T.SENIOR.value,
                                    T.HIGHER.value}),
}
KEYS = ("teachers", "holders", "matching", "none", "reg_ok", "reg_soon", "reg_over", "reg_never")
SOON_DAYS = 183  # "due within 6 months"


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _reg_status(next_due: date | None, on: date) -> str:
    if next_due is None:
        return "reg_never"
    if next_due < on:
        return "reg_over"
    if (next_due - on).days <= SOON_DAYS:
        return "reg_soon"
    return "reg_ok"


def _empty() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


def _collect(ctx: BuildContext) -> dict[tuple[int, str | None], dict[str, int]]:
    s, c, r = Staff, Credential, Registration
    teachers = ctx.session.execute(
        select(s.id, s.unit_id, s.teaching_stage)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active", s.category == StaffCategory.TEACHER.value)
    ).all()
    certs: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for staff_id, cred_id, cert_type in ctx.session.execute(
        select(c.staff_id, c.id, c.cert_type)
        .join(s, s.id == c.staff_id)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active", c.kind == CredentialKind.TEACHER.value,
               c.revoked.is_(False))
    ):
        certs[staff_id].append((cred_id, cert_type))
    # Latest registration per certificate decides its next due date.
    latest: dict[int, tuple[date, date | None]] = {}
    for cred_id, reg_date, next_due in ctx.session.execute(
        select(r.credential_id, r.reg_date, r.next_due)
        .join(c, c.id == r.credential_id)
        .join(s, s.id == c.staff_id)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active", c.kind == CredentialKind.TEACHER.value)
    ):
        if cred_id not in latest or reg_date > latest[cred_id][0]:
            latest[cred_id] = (reg_date, next_due or _add_years(reg_date, 5))
    on = ctx.period.census_date
    acc: dict[tuple[int, str | None], dict[str, int]] = defaultdict(_empty)
    for staff_id, unit_id, stage in teachers:
        a = acc[(unit_id, stage)]
        a["teachers"] += 1
        held = certs.get(staff_id, [])
        if not held:
            a["none"] += 1
            continue
        a["holders"] += 1
        valid = VALID_FOR_STAGE.get(stage or "", frozenset())
        matching = [cid for cid, t in held if t in valid]
        if matching:
            a["matching"] += 1
        # The certificate that matters is a matching one if there is one; of those, the best-registered.
        candidates = matching or [cid for cid, _ in held]
        dues = [latest[cid][1] for cid in candidates if cid in latest]
        a[_reg_status(max((d for d in dues if d), default=None), on)] += 1
    return acc


def _values(counts: dict[str, int]) -> dict[str, Value]:
    v: dict[str, Value] = dict(counts)
    v["rate"] = pct(counts["matching"], counts["teachers"])
    return v


def build(ctx: BuildContext) -> Built:
    acc = _collect(ctx)
    variant = ctx.variant
    if ctx.scope == "school":
        by_stage: dict[str | None, dict[str, int]] = defaultdict(_empty)
        for (_, stage), counts in acc.items():
            for k, n in counts.items():
                by_stage[stage][k] += n
        parts, rows = [], []
        for i, stage in enumerate(ordered_stages(by_stage), start=2):
            vals = _values(by_stage[stage])
            parts.append(vals)
            rows.append(Row(f"{i:02d}", stage_label(stage), row_values(variant, vals), group="stage", indent=1))
        total = _with_rate(variant, total_row(variant, parts, code="01"))
        return Built((total, *rows))
    by_school: dict[int, dict[str, int]] = defaultdict(_empty)
    for (unit_id, _), counts in acc.items():
        for k, n in counts.items():
            by_school[unit_id][k] += n
    parts, rows = [], []
    for u in schools(ctx):
        vals = _values(by_school.get(u.id, _empty()))
        parts.append(vals)
        rows.append(Row(u.code, u.name, row_values(variant, vals), group="school"))
    return Built((_with_rate(variant, total_row(variant, parts, code="")), *rows))


def _with_rate(variant: object, row: Row) -> Row:
    from desktop.reports.definition import Variant

    assert isinstance(variant, Variant)
    vals = list(row.values)
    t, m = vals[variant.index("teachers")], vals[variant.index("matching")]
    vals[variant.index("rate")] = pct(float(m or 0), float(t or 0))
    return Row(row.code, row.label, tuple(vals), row.group, row.indent)
