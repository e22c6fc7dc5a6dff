"""Indicators (指标): computed against a target set; the 概览 numbers and reminders built on them.

Start with ``compute`` (load the detail with SQL, compute in ``domain.indicators``) and ``targets``.

Imports only the service packages below it (core, records, year, imports); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "compute": ("compute_indicators",),
    "early": ("EarlyStart", "read_early",),
    "overview": ("HUGE_CLASS", "LARGE_CLASS", "Overview", "PersonTotals", "overview", "person_totals",),
    "registration": ("RegistrationDue", "registrations_due",),
    "reminders": ("Reminder", "Reminders", "UNIT_LATE", "reminders",),
    "startpage": ("keep_start", "overview_kept", "reminders_kept",),
    "targets": ("TargetSetInfo", "choose_target_set", "copy_target_set", "export_target_set", "get_target_set", "import_target_set", "list_target_sets", "target_set_for",),
}
