"""The year (统计期): periods, the workflow of a unit and period, and the rollover to a new year.

Start with ``periods``, then ``workflow`` (草稿 → 已提交 → 已审核 / 已退回).

Imports only the service packages below it (core, records); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "periods": ("close_period", "create_period", "ensure_period", "find_period", "latest_period", "list_periods", "set_period_due_date", "set_unit_due_date",),
    "rollover": ("RolloverPlan", "RolloverResult", "apply_rollover", "preview_rollover",),
    "rollover_text": ("plan_lines",),
    "workflow": ("APPROVED", "DRAFT", "RETURNED", "SUBMITTED", "WorkflowStatus", "approve", "get_status", "return_", "submit", "unlock",),
}
