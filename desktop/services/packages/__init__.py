"""Packages (数据包): export, receive (verify, diff, apply, stage) and review of a received package.

Start with ``export`` (export_package) and ``receive`` (import_packages → ``apply``).

Imports only the service packages below it (core, records, year, imports, indicators, returns, signing); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "export": ("EXTENSION", "ExportResult", "SEND_RULE", "STATUS_LABELS", "expand_paths", "export_package", "import_packages",),
    "receipts": ("ReceiptResult", "ReceiptState", "export_receipts", "import_receipt", "receipt_pdf", "receipt_state",),
    "receive": ("ImportSummary", "PackageResult",),
    "review": ("UnitReview", "extract_return_pdfs", "unit_review",),
    "transfer_undo": ("outgoing_transfers", "refuse_transfer_in", "reopen_transfer_in", "withdraw_transfer_out",),
    "transfer_file": ("export_transfer_file", "import_transfer_file",),
    "transfers": ("TransferInfo", "active_staff_id", "confirm_transfer_in", "list_transfers", "pending_for_id", "pending_transfers", "record_transfer_out",),
}
