"""Returns (报表): building and exporting them, the checks before mark-ready, and readiness.

Start with ``build`` (build_returns → ``reports`` renderers); ``checks`` → ``readiness`` (mark_ready).

Imports only the service packages below it (core, records, year, imports, indicators); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "bench": ("BenchLine", "BenchReport", "Flagged", "bench_rule_file",),
    "build": ("Exported", "ReturnInfo", "export_returns", "export_returns_checked", "list_returns",),
    "national": ("NationalReturn", "NationalSheet", "SheetFinding", "build_national", "cell_people",
                 "definitions_folder", "load_national",),
    "national_io": ("Difference", "ExportedNational", "Reconciliation", "export_national", "reconcile",
                    "reconcile_folder", "sheet_data",),
    "checklist": ("checklist_data", "export_checklist",),
    "checks": ("CheckResult", "CheckedFinding", "checks_and_indicators", "explain_rules", "run_checks",
               "set_explanation", "set_explanations",),
    "drafts": ("DraftExplanation", "DraftRecord", "draft_explanations", "draft_for",),
    "rules": ("load_rule_file",),
    "readiness": ("ReadyStatus", "mark_ready", "ready_status",),
    "stamp": ("data_stamp",),
    "preview": ("PreviewPart", "parts_count", "preview_part", "warm_up",),
}
