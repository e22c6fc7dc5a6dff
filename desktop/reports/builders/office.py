"""Office-only returns: 教填-07 报送情况 and 教填-08 学位建设进度."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select

from desktop.data.models import Period, SeatAddition, SeatTask, Submission, UnitPeriod
from desktop.data.queries import unit_tree
from desktop.domain.codes import SeatMethod, SubmissionKind, UnitKind, WorkflowState
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


def _ts(d: datetime | None) -> str | None:
    return d.strftime("%Y-%m-%d %H:%M") if d else None


def build_submissions(ctx: BuildContext) -> Built:
    up_by_unit = {
        up.unit_id: up
        for up in ctx.session.scalars(
            select(UnitPeriod).where(UnitPeriod.period_id == ctx.period.id, UnitPeriod.unit_id.in_(ctx.school_ids))
        )
    }
    latest: dict[int, Submission] = {}
    for sub in ctx.session.scalars(
        select(Submission)
        .where(Submission.period_id == ctx.period.id, Submission.unit_id.in_(ctx.school_ids),
               Submission.kind == SubmissionKind.RECEIVED.value, Submission.superseded_by_id.is_(None))
        .order_by(Submission.recorded_at)
    ):
        latest[sub.unit_id] = sub
    rows, parts = [], []
    counts: dict[str, int] = defaultdict(int)
    for u in schools(ctx):
        up, received = up_by_unit.get(u.id), latest.get(u.id)
        if received is None and (up is None or up.state == WorkflowState.DRAFT.value):
            state = "未报送"
        else:
            state = WorkflowState.label_of(up.state if up else WorkflowState.SUBMITTED.value)
        counts[state] += 1
        vals: dict[str, Value] = {
            "state": state,
            "received": _ts(received.recorded_at if received else (up.submitted_at if up else None)),
            "errors": received.errors if received else 0,
            "warnings": received.warnings if received else 0,
            "approved": _ts(up.approved_at if up else None),
            "comment": (up.return_comment if up and up.state == WorkflowState.RETURNED.value else None),
        }
        parts.append(vals)
        rows.append(Row(u.code, u.name, row_values(ctx.variant, vals), group="school"))
    total = total_row(ctx.variant, parts, code="")
    info = [("应报学校", str(len(rows)))] + [(k, str(v)) for k, v in sorted(counts.items())]
    return Built((total, *rows), tuple(info))


_METHOD_KEY = {SeatMethod.NEW_BUILD.value: "new", SeatMethod.EXPANSION.value: "expand",
               SeatMethod.PRIVATE_TO_PUBLIC.value: "p2p", SeatMethod.PURCHASE.value: "buy"}


def _offices_at_or_below(ctx: BuildContext) -> list[int]:
    # Seat tasks belong to the plan, not the period: a county office closed since keeps its task.
    return [u.id for u in unit_tree(ctx.session, ctx.unit.id, include_closed=True)
            if u.kind != UnitKind.SCHOOL.value]


def build_seat_progress(ctx: BuildContext) -> Built:
    year = ctx.period.school_year
    tasks = list(ctx.session.scalars(
        select(SeatTask).where(SeatTask.unit_id.in_(_offices_at_or_below(ctx)))
    ))
    # The plan covering this school year; otherwise the most recent one.
    current = [t for t in tasks if t.start_year <= year <= t.end_year] or sorted(
        tasks, key=lambda t: t.end_year, reverse=True)
    plan: str = current[0].plan_name if current else ""
    plan_tasks = [t for t in tasks if t.plan_name == plan]
    start = min((t.start_year for t in plan_tasks), default=year)
    end = min(max((t.end_year for t in plan_tasks), default=year), year)
    task_by_stage: dict[str, int] = defaultdict(int)
    for t in plan_tasks:
        task_by_stage[t.stage] += t.seats
    added: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_METHOD_KEY.values(), 0))
    a = SeatAddition
    for stage, method, seats in ctx.session.execute(
        select(a.stage, a.method, func.sum(a.seats))
        .join(Period, Period.id == a.period_id)
        .where(a.unit_id.in_(ctx.school_ids), Period.school_year.between(start, end))
        .group_by(a.stage, a.method)
    ):
        if method in _METHOD_KEY:
            added[stage][_METHOD_KEY[method]] += int(seats or 0)
    rows, parts = [], []
    stages: set[str | None] = {*task_by_stage, *added}
    for i, st in enumerate(ordered_stages(stages), start=2):
        counts = added.get(st or "", dict.fromkeys(_METHOD_KEY.values(), 0))
        done = sum(counts.values())
        vals: dict[str, Value] = dict(counts)
        task = task_by_stage.get(st or "", 0)
        vals |= {"task": task, "done": done, "rate": pct(done, task), "remaining": task - done}
        parts.append(vals)
        rows.append(Row(f"{i:02d}", stage_label(st), row_values(ctx.variant, vals), group="stage", indent=1))
    total = total_row(ctx.variant, parts, code="01", label="合计")
    tv = dict(zip((c.key for c in ctx.variant.columns), total.values, strict=True))
    tv["rate"] = pct(float(tv["done"] or 0), float(tv["task"] or 0))
    total = Row(total.code, total.label, row_values(ctx.variant, tv), group="total")
    info = (("规划", f"{plan}（{start}—{max((t.end_year for t in plan_tasks), default=year)}年）" if plan else "未录入学位建设任务"),)
    return Built((total, *rows), info)
