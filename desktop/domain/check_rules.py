"""Names of the check rules (检查规则): which indicator failures become warnings, and the
Chinese label each rule prints under on the 填写说明 page.

Both the checks (``services.returns.checks``) and the returns (``services.returns.build``)
read them; keeping them here, below both, is what lets the returns not import the checks.
"""

from __future__ import annotations

# Warnings taken from an indicator's drill-down: indicator code → (rule, what the message says).
FROM_INDICATORS: dict[str, tuple[str, str]] = {
    "class.large": ("class.large", "大班额（56–65人），请说明原因及化解计划"),
    "class.oversized": ("class.oversized", "超大班额（66人及以上），请说明原因及化解计划"),
    "class.over_standard": ("class.over_standard", "超过幼儿园标准班额"),
    "cert.registration_overdue": ("registration.overdue", "教师资格定期注册已逾期"),
    "cert.registration_due_soon": ("registration.due_soon", "教师资格定期注册将在6个月内到期"),
    "training.on_track": ("training.behind", "培训学时落后于周期进度"),
    "training.principal_on_track": ("training.behind", "培训学时落后于周期进度"),
    "seats.balance": ("seats.deficit", "在校生超过核定学位"),
    "school.psych_teacher": ("school.psych_missing", "未按规定配备专职心理教师"),
    "school.resource_room": ("school.resource_room_missing", "未按规定建设资源教室"),
}

_EXTRA_RULE_LABELS = {
    "cert.above_stage": "教师资格证不符合任教学段",
    "cert.missing": "未持教师资格证",
    "staff.temporary_over": "临聘教师占比超标",
}

RULE_LABELS: dict[str, str] = {r: text.split("，")[0] for r, text in FROM_INDICATORS.values()} | _EXTRA_RULE_LABELS


def rule_label(rule: str) -> str:
    """The Chinese name of a check rule for the 填写说明 page (the code when unknown)."""
    return RULE_LABELS.get(rule, rule)
