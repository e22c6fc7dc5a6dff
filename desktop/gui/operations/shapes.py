"""The plain records, constants and errors the GUI shows, named once for the whole GUI.

Controllers, views and item models import these from here, never from ``desktop.services``
or ``desktop.data``: the GUI reaches the layers below only through ``gui/operations``
(``tests/test_layering.py``). Everything here is a value (a frozen record, a label table,
an exception class) or the database handle the GUI passes back to the operations; none of
it runs a query.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy sees them (explicit re-exports)
    from desktop.services.admin.backups import BackupError as BackupError
    from desktop.services.admin.backups import BackupInfo as BackupInfo
    from desktop.services.admin.database import Database as Database
    from desktop.services.admin.server import UrlError as UrlError
    from desktop.services.admin.server import server_label as server_label
    from desktop.services.admin.server import server_parts as server_parts
    from desktop.services.admin.server import server_url_from_parts as server_url_from_parts
    from desktop.services.admin.server import split_password as split_password
    from desktop.services.core.auditlog import ACTION_LABELS as ACTION_LABELS
    from desktop.services.core.auditlog import TABLE_LABELS as TABLE_LABELS
    from desktop.services.core.auditlog import AuditFilter as AuditFilter
    from desktop.services.core.auditlog import AuditRow as AuditRow
    from desktop.services.core.conflicts import FIELD_LABELS as FIELD_LABELS
    from desktop.services.core.errors import ServiceError as ServiceError
    from desktop.services.core.users import PERMISSIONS as PERMISSIONS
    from desktop.services.core.users import SYSTEM as SYSTEM
    from desktop.services.core.users import Actor as Actor
    from desktop.services.imports.spreadsheet import ADD as ADD
    from desktop.services.imports.spreadsheet import ERROR as ERROR
    from desktop.services.imports.spreadsheet import KIND_LABELS as KIND_LABELS
    from desktop.services.imports.spreadsheet import UPDATE as UPDATE
    from desktop.services.imports.spreadsheet import FieldChoice as FieldChoice
    from desktop.services.imports.spreadsheet import ImportPreview as ImportPreview
    from desktop.services.imports.spreadsheet import ImportResult as ImportResult
    from desktop.services.imports.spreadsheet import RowResult as RowResult
    from desktop.services.imports.spreadsheet import SheetSummary as SheetSummary
    from desktop.services.indicators.overview import HUGE_CLASS as HUGE_CLASS
    from desktop.services.indicators.overview import LARGE_CLASS as LARGE_CLASS
    from desktop.services.indicators.overview import Overview as Overview
    from desktop.services.indicators.reminders import UNIT_LATE as UNIT_LATE
    from desktop.services.indicators.reminders import Reminder as Reminder
    from desktop.services.indicators.reminders import Reminders as Reminders
    from desktop.services.office.bulk_review import BulkOutcome as BulkOutcome
    from desktop.services.office.bulk_review import Resubmission as Resubmission
    from desktop.services.office.completeness import ArrivalSeries as ArrivalSeries
    from desktop.services.office.completeness import Completeness as Completeness
    from desktop.services.office.completeness import CompletenessRow as CompletenessRow
    from desktop.services.office.dashboard import Dashboard as Dashboard
    from desktop.services.office.dashboard import DashboardRow as DashboardRow
    from desktop.services.packages.export import EXTENSION as EXTENSION
    from desktop.services.packages.export import ExportResult as ExportResult
    from desktop.services.packages.receipts import ReceiptState as ReceiptState
    from desktop.services.packages.receive import ImportSummary as ImportSummary
    from desktop.services.packages.receive import PackageResult as PackageResult
    from desktop.services.packages.review import UnitReview as UnitReview
    from desktop.services.records.tables import ClassRow as ClassRow
    from desktop.services.records.tables import CredentialRow as CredentialRow
    from desktop.services.records.tables import StaffChoice as StaffChoice
    from desktop.services.records.tables import StaffRow as StaffRow
    from desktop.services.records.tables import TrainingQuery as TrainingQuery
    from desktop.services.records.tables import TrainingRow as TrainingRow
    from desktop.services.returns.build import Exported as Exported
    from desktop.services.returns.checks import CheckedFinding as CheckedFinding
    from desktop.services.returns.drafts import DraftExplanation as DraftExplanation
    from desktop.services.year.rollover import RolloverPlan as RolloverPlan
    from desktop.services.year.rollover import RolloverResult as RolloverResult
    from desktop.services.year.workflow import APPROVED as APPROVED
    from desktop.services.year.workflow import DRAFT as DRAFT
    from desktop.services.year.workflow import RETURNED as RETURNED
    from desktop.services.year.workflow import SUBMITTED as SUBMITTED
    from desktop.services.year.workflow import WorkflowStatus as WorkflowStatus

# name → (module, name there), imported on first use: the window's first screen must not
# load every service module (start-up path, docs/architecture.md).
_WHERE: dict[str, tuple[str, str]] = {
    "ACTION_LABELS": ("desktop.services.core.auditlog", "ACTION_LABELS"),
    "ADD": ("desktop.services.imports.spreadsheet", "ADD"),
    "APPROVED": ("desktop.services.year.workflow", "APPROVED"),
    "Actor": ("desktop.services.core.users", "Actor"),
    "AuditFilter": ("desktop.services.core.auditlog", "AuditFilter"),
    "AuditRow": ("desktop.services.core.auditlog", "AuditRow"),
    "BackupError": ("desktop.services.admin.backups", "BackupError"),
    "BackupInfo": ("desktop.services.admin.backups", "BackupInfo"),
    "CheckedFinding": ("desktop.services.returns.checks", "CheckedFinding"),
    "DraftExplanation": ("desktop.services.returns.drafts", "DraftExplanation"),
    "Exported": ("desktop.services.returns.build", "Exported"),
    "ClassRow": ("desktop.services.records.tables", "ClassRow"),
    "CredentialRow": ("desktop.services.records.tables", "CredentialRow"),
    "DRAFT": ("desktop.services.year.workflow", "DRAFT"),
    "ArrivalSeries": ("desktop.services.office.completeness", "ArrivalSeries"),
    "BulkOutcome": ("desktop.services.office.bulk_review", "BulkOutcome"),
    "Completeness": ("desktop.services.office.completeness", "Completeness"),
    "CompletenessRow": ("desktop.services.office.completeness", "CompletenessRow"),
    "ReceiptState": ("desktop.services.packages.receipts", "ReceiptState"),
    "Resubmission": ("desktop.services.office.bulk_review", "Resubmission"),
    "Dashboard": ("desktop.services.office.dashboard", "Dashboard"),
    "DashboardRow": ("desktop.services.office.dashboard", "DashboardRow"),
    "Database": ("desktop.services.admin.database", "Database"),
    "ERROR": ("desktop.services.imports.spreadsheet", "ERROR"),
    "EXTENSION": ("desktop.services.packages.export", "EXTENSION"),
    "ExportResult": ("desktop.services.packages.export", "ExportResult"),
    "FIELD_LABELS": ("desktop.services.core.conflicts", "FIELD_LABELS"),
    "FieldChoice": ("desktop.services.imports.spreadsheet", "FieldChoice"),
    "HUGE_CLASS": ("desktop.services.indicators.overview", "HUGE_CLASS"),
    "ImportPreview": ("desktop.services.imports.spreadsheet", "ImportPreview"),
    "ImportResult": ("desktop.services.imports.spreadsheet", "ImportResult"),
    "ImportSummary": ("desktop.services.packages.receive", "ImportSummary"),
    "KIND_LABELS": ("desktop.services.imports.spreadsheet", "KIND_LABELS"),
    "LARGE_CLASS": ("desktop.services.indicators.overview", "LARGE_CLASS"),
    "Overview": ("desktop.services.indicators.overview", "Overview"),
    "PERMISSIONS": ("desktop.services.core.users", "PERMISSIONS"),
    "PackageResult": ("desktop.services.packages.receive", "PackageResult"),
    "REMINDER_LABELS": ("desktop.services.indicators.reminders", "KIND_LABELS"),
    "RETURNED": ("desktop.services.year.workflow", "RETURNED"),
    "Reminder": ("desktop.services.indicators.reminders", "Reminder"),
    "Reminders": ("desktop.services.indicators.reminders", "Reminders"),
    "RolloverPlan": ("desktop.services.year.rollover", "RolloverPlan"),
    "RolloverResult": ("desktop.services.year.rollover", "RolloverResult"),
    "RowResult": ("desktop.services.imports.spreadsheet", "RowResult"),
    "SUBMITTED": ("desktop.services.year.workflow", "SUBMITTED"),
    "SYSTEM": ("desktop.services.core.users", "SYSTEM"),
    "ServiceError": ("desktop.services.core.errors", "ServiceError"),
    "SheetSummary": ("desktop.services.imports.spreadsheet", "SheetSummary"),
    "StaffChoice": ("desktop.services.records.tables", "StaffChoice"),
    "StaffRow": ("desktop.services.records.tables", "StaffRow"),
    "TABLE_LABELS": ("desktop.services.core.auditlog", "TABLE_LABELS"),
    "TrainingQuery": ("desktop.services.records.tables", "TrainingQuery"),
    "TrainingRow": ("desktop.services.records.tables", "TrainingRow"),
    "UNIT_LATE": ("desktop.services.indicators.reminders", "UNIT_LATE"),
    "UPDATE": ("desktop.services.imports.spreadsheet", "UPDATE"),
    "UnitReview": ("desktop.services.packages.review", "UnitReview"),
    "UrlError": ("desktop.services.admin.server", "UrlError"),
    "WorkflowStatus": ("desktop.services.year.workflow", "WorkflowStatus"),
    "server_label": ("desktop.services.admin.server", "server_label"),
    "server_parts": ("desktop.services.admin.server", "server_parts"),
    "server_url_from_parts": ("desktop.services.admin.server", "server_url_from_parts"),
    "split_password": ("desktop.services.admin.server", "split_password"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    try:
        module, attr = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value
