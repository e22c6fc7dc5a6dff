"""教填-04 教师资格证持有与定期注册, by stage (school) or by school (office).

The rules are the indicator engine's (``desktop.domain.indicators.certs``): which
certificate covers which stage, which certificates are void, when registration is
overdue or due soon. The rows come from the engine's input, loaded once by the
service, so this return and the 持证上岗率 indicator can never disagree.
"""

from __future__ import annotations

from collections import defaultdict

from desktop.domain.indicators.certs import certificate_problem, registration_state
from desktop.domain.indicators.common import Context
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
from desktop.reports.definition import Variant
from desktop.reports.model import Row, Value

KEYS = ("teachers", "holders", "matching", "none", "reg_over", "reg_soon")


def _empty() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


def _collect(ctx: BuildContext) -> dict[tuple[int, str | None], dict[str, int]]:
    engine = Context(ctx.extra["indicator_input"], ctx.extra["target_spec"])
    months = int(engine.setting("registration_due_months"))
    as_of = engine.inp.as_of
    acc: dict[tuple[int, str | None], dict[str, int]] = defaultdict(_empty)
    for s in engine.teachers:
        a = acc[(s.unit_id, engine.stage_of(s))]
        a["teachers"] += 1
        certs = engine.certs_by_staff.get(s.id, [])
        if not certs:
            a["none"] += 1
        else:
            a["holders"] += 1
        if certificate_problem(certs, engine.stage_of(s)) is None:
            a["matching"] += 1
        for c in certs:
            state = registration_state(c, as_of, months)
            if state is not None:
                a["reg_over" if state[0] == "overdue" else "reg_soon"] += 1
    return acc


def _values(counts: dict[str, int]) -> dict[str, Value]:
    v: dict[str, Value] = dict(counts)
    v["rate"] = pct(counts["matching"], counts["teachers"])
    return v


def _with_rate(variant: Variant, row: Row) -> Row:
    vals = list(row.values)
    t, m = vals[variant.index("teachers")], vals[variant.index("matching")]
    vals[variant.index("rate")] = pct(float(m or 0), float(t or 0))
    return Row(row.code, row.label, tuple(vals), row.group, row.indent)


def build(ctx: BuildContext) -> Built:
    acc = _collect(ctx)
    variant = ctx.variant
    if ctx.scope == "school":
        by_stage: dict[str | None, dict[str, int]] = defaultdict(_empty)
        for (_, stage), counts in acc.items():
            for k, n in counts.items():
                by_stage[stage][k] += n
        parts: list[dict[str, Value]] = []
        rows: list[Row] = []
        for i, stage in enumerate(ordered_stages(by_stage), start=2):
            vals = _values(by_stage[stage])
            parts.append(vals)
            rows.append(Row(f"{i:02d}", stage_label(stage), row_values(variant, vals), group="stage", indent=1))
        return Built((_with_rate(variant, total_row(variant, parts, code="01")), *rows))
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
