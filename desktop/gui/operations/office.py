"""Operations of the 上报 page: the office dashboard, packages up and down, 退回, consolidation,
completeness, bulk review and receipts (回执)."""

from __future__ import annotations

from desktop.services.admin.database import Database
from desktop.services.indicators.compute import compute_indicators
from desktop.services.office.bulk_review import (
    approve_units,
    comment_templates,
    compose_comment,
    resubmission,
    return_units,
    save_comment_templates,
)
from desktop.services.office.completeness import completeness, record_absence
from desktop.services.office.consolidation import consolidate
from desktop.services.office.dashboard import approve_unit, dashboard
from desktop.services.office.send_back import (
    import_from_office,
    import_reply,
    reporting_state,
    return_unit,
)
from desktop.services.packages.export import SEND_RULE, export_package, import_packages
from desktop.services.packages.receipts import (
    export_receipts,
    import_receipt,
    receipt_pdf,
    receipt_state,
)
from desktop.services.packages.review import extract_return_pdfs, unit_review

__all__ = [
    "SEND_RULE", "approve_unit", "approve_units", "comment_templates", "completeness", "compose_comment", "consolidate",
    "dashboard", "export_package", "export_receipts", "extract_return_pdfs", "import_from_office", "import_packages", "import_receipt",
    "import_reply", "receipt_pdf", "receipt_state", "record_absence", "reporting_state", "resubmission",
    "return_unit", "return_units", "save_comment_templates", "unit_review", "warm_indicators",
]


def warm_indicators(db: Database, unit_id: int, period_id: int) -> None:
    """The office's indicators once, right after an import (background lane): the people the packages
    brought are summed now and kept (``training_sums``, with the report under the data stamp), so
    the 报表 page and 指标 open on them without the wait."""
    compute_indicators(db, unit_id, period_id)
