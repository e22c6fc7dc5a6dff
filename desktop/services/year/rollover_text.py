"""The rollover preview as lines of Chinese text, for the CLI and the GUI's 开始新学年 dialog."""

from __future__ import annotations

from collections import Counter

from desktop.domain.codes import Grade, Stage
from desktop.services.year.rollover import TODO, RolloverPlan

DETAIL_LIMIT = 60  # class lines printed before the preview switches to per-unit counts


def plan_lines(plan: RolloverPlan) -> list[str]:
    """The preview as text: every class for a school, counts per unit for an office."""
    lines = [f"{plan.unit_name}：{plan.from_year}学年 → {plan.to_year}学年"
             + ("（新学年统计期已存在）" if plan.to_period_id is not None else "（将新建统计期）")]
    detailed = len(plan.moves) + len(plan.leaving) + len(plan.new_classes) <= DETAIL_LIMIT
    for u in plan.units:
        if u.status != TODO:
            lines.append(f"  {u.name}：{u.note}")
            continue
        if not detailed:
            if u.moves or u.leaving or u.new_classes or u.capacities:
                lines.append(f"  {u.name}：升级 {len(u.moves)}，毕业/离园 {len(u.leaving)}，"
                             f"新建空白班 {len(u.new_classes)}，学位 {len(u.capacities)} 条")
            continue
        lines.append(f"  {u.name}：")
        order = {g.value: i for i, g in enumerate(Grade)}
        for m in sorted(u.moves, key=lambda m: (order.get(m.old_grade, 99), m.old_name)):
            what = "保留" if m.new_grade == m.old_grade else "升级"
            lines.append(f"    {what}  {m.old_name}（{Grade.label_of(m.old_grade)}）→ {m.new_name}"
                         f"（{Grade.label_of(m.new_grade)}），{m.enrolled} 人")
        for c in u.leaving:
            lines.append(f"    毕业  {c.name}（{Grade.label_of(c.grade)}），{c.enrolled} 人离校")
        for n in u.new_classes:
            lines.append(f"    新建  {n.name}（{Grade.label_of(n.grade)}），空白，请填写新生人数")
        for cap in u.capacities:
            lines.append(f"    学位  {Stage.label_of(cap.stage)} 核定 {cap.approved_seats}，寄宿 {cap.boarding_seats}（复制，可修改）")
        if u.seat_additions_left:
            lines.append(f"    注意  {plan.from_year}学年 的 {u.seat_additions_left} 条新增学位记录不复制（避免重复计入建设进度）")
        if u.target_set_code:
            lines.append(f"    指标方案  沿用 {u.target_set_code}")
    statuses = Counter(u.status for u in plan.units)
    if not detailed and len(plan.units) > 1:
        lines.append(f"  共 {len(plan.units)} 个单位，其中待结转 {statuses[TODO]} 个。")
    lines.append(plan.message)
    return lines
