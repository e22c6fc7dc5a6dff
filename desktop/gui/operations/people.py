"""Operations of the 人员核查 page: the principal's 核查单, 定期注册 readiness, 调动 (调入, 调出, 撤销调出, 不予确认), 年度考核 and 师德."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.records import UnitRecord
from desktop.services.admin.database import Database
from desktop.services.indicators.registration import RegistrationDue, registrations_due
from desktop.services.packages.transfer_undo import (
    outgoing_transfers,
    refuse_transfer_in,
    reopen_transfer_in,
    withdraw_transfer_out,
)
from desktop.services.packages.transfers import (
    TransferInfo,
    active_staff_id,
    confirm_transfer_in,
    pending_transfers,
    record_transfer_out,
)
from desktop.services.records.conduct import (
    AppraisalRecord,
    EthicsEntry,
    add_ethics_record,
    list_appraisals,
    list_ethics_records,
    remove_ethics_record,
    set_appraisal,
)
from desktop.services.records.units import home_unit, list_units

__all__ = ["AppraisalRecord", "EthicsEntry", "RegistrationDue", "TransferInfo", "confirm_transfer_in",
           "import_transfer_file", "outgoing_transfers", "pending_transfers", "refuse_transfer_in",
           "registrations_due", "reopen_transfer_in", "withdraw_transfer_out"]

# The 核查单 (reportlab) and the signed transfer file (cryptography, the package format) are
# imported when first used, not when the main window starts (its 代报 menu imports this module):
# together they were a quarter of the start-up imports (benchmarks/RESULTS.md, "Cold start").


def save_appraisal(db: Database, id_number: str, year: int, result: str, actor: str) -> AppraisalRecord:
    return set_appraisal(db, active_staff_id(db, id_number), year, result, actor=actor)


def save_ethics(db: Database, id_number: str, day: date, kind: str, text: str, actor: str) -> EthicsEntry:
    return add_ethics_record(db, active_staff_id(db, id_number), day, kind, text, actor=actor)


def transfer_out(db: Database, id_number: str, to_code: str, to_name: str, day: date, kind: str, folder: Path,
                 actor: str) -> tuple[TransferInfo, Path]:
    """The sending school's 调出 and its signed transfer file in ``folder``."""
    from desktop.services.packages.transfer_file import export_transfer_file

    info = record_transfer_out(db, active_staff_id(db, id_number), to_code, to_name, day, kind=kind, actor=actor)
    return info, export_transfer_file(db, info.id, folder)


def import_transfer_file(db: Database, path: Path, *, actor: str = "system") -> TransferInfo:
    from desktop.services.packages import transfer_file

    return transfer_file.import_transfer_file(db, path, actor=actor)


def checklist_to(db: Database, unit_id: int, period_id: int, path: Path) -> Path:
    from desktop.services.returns.checklist import export_checklist

    return export_checklist(db, unit_id, period_id, path)


def proxy_choices(db: Database) -> tuple[UnitRecord | None, list[UnitRecord]]:
    """The home unit and the schools an office can enter data for (代报)."""
    return home_unit(db), [u for u in list_units(db, kind="school") if not u.is_home]


def person_conduct_rows(db: Database, staff_id: int) -> list[tuple[str, str, str, str, int]]:
    """(类别, 年度或日期, 结果, 事由, id) lines of a person's 年度考核 and 师德 records, for the person page."""
    lines = [("年度考核", str(a.year), a.result_label, a.note or "", a.id) for a in list_appraisals(db, staff_id)]
    lines += [("师德记录", e.record_date.isoformat(), e.kind_label, e.description, e.id)
              for e in list_ethics_records(db, staff_id)]
    return lines


def remove_ethics(db: Database, record_id: int, actor: str) -> None:
    remove_ethics_record(db, record_id, actor=actor)
