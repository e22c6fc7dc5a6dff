"""Operations of the 上报 page: the office dashboard, packages up and down, 退回, consolidation."""

from __future__ import annotations

from desktop.services.office.consolidation import consolidate
from desktop.services.office.dashboard import approve_unit, dashboard
from desktop.services.office.send_back import import_reply, reporting_state, return_unit
from desktop.services.packages.export import SEND_RULE, export_package, import_packages
from desktop.services.packages.review import extract_return_pdfs, unit_review

__all__ = [
    "SEND_RULE", "approve_unit", "consolidate", "dashboard", "export_package", "extract_return_pdfs", "import_packages",
    "import_reply", "reporting_state", "return_unit", "unit_review",
]
