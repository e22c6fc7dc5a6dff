"""Spreadsheet import (导入): preview, the per-row plan, the write, and the files for the clerk.

Start with ``spreadsheet`` (preview_import, commit_import); ``plan`` decides each row, ``write`` writes them.

Imports only the service packages below it (core, records, year); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "files": ("save_error_workbook", "write_template",),
    "plan": ("join_reasons",),
    "spreadsheet": ("ADD", "ERROR", "FieldChoice", "ImportPreview", "ImportResult", "KIND_LABELS", "RowResult", "SheetSummary", "UPDATE", "commit_import", "list_sheets", "preview_import", "remember_mapping",),
}
