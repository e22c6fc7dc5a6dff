"""The office (上级单位): the dashboard, 退回, consolidation, the list of expected units.

Start with ``dashboard``, then ``consolidation`` (consolidate) and ``send_back`` (退回).

Imports only the service packages below it (core, records, year, imports, indicators, returns, signing, packages); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "bulk_review": ("BulkOutcome", "Resubmission", "approve_units", "comment_templates", "compose_comment",
                    "resubmission", "return_units", "save_comment_templates",),
    "completeness": ("ArrivalSeries", "Completeness", "CompletenessRow", "completeness", "record_absence",),
    "consolidation": ("consolidate",),
    "dashboard": ("Dashboard", "DashboardRow", "approve_unit", "dashboard",),
    "send_back": ("import_from_office", "import_reply", "reporting_state", "return_unit",),
}
