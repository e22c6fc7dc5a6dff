"""Restore is the admin's and leaves a trace; the audit chain is anchored outside the file (items 7 and 8).

A school approves its period after a backup was taken. Restoring that backup
would silently turn 已审核 back and shorten the audit log: it now needs the
admin role and an explicit ``undo_approvals``, and it is recorded both in the
restored file (after the restore) and in the journal beside the database.
Deleting the newest audit entries with sqlite3 — triggers dropped, chain
still internally consistent — is reported by ``check`` because a backup and
an export anchored the longer chain in the journal and in the package.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from package_world import make_school
from sqlalchemy import select

from desktop.cli import main
from desktop.data import journal
from desktop.data.engine import Database
from desktop.data.models import AuditEntry, UnitPeriod
from desktop.services.admin import backups
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.packages.export import export_package
from desktop.services.year import workflow
from tests.explained import explain_warnings

ADMIN = Actor("admin", "王管理", "admin")
CLERK = Actor("clerk", "李填报", "clerk")
REVIEWER = Actor("reviewer", "张审核", "reviewer")


def _state(db: Database) -> str:
    with db.session() as s:
        return s.scalars(select(UnitPeriod.state)).one()


def _approve(db: Database) -> None:
    with db.session() as s:
        up = s.scalars(select(UnitPeriod)).one()
        unit_id, period_id = up.unit_id, up.period_id
    workflow.submit(db, REVIEWER, unit_id, period_id)
    workflow.approve(db, REVIEWER, unit_id, period_id)


def test_restoring_a_pre_approval_backup_needs_the_admin_and_a_yes_and_is_recorded(tmp_path: Path) -> None:
    db = make_school(tmp_path, 1)
    assert db.path is not None
    early = backups.backup_now(db)
    assert early is not None
    _approve(db)
    assert _state(db) == "approved"
    with pytest.raises(PermissionDenied):
        backups.restore_backup(db, early, actor=CLERK)
    with pytest.raises(ServiceError) as info:
        backups.restore_backup(db, early, actor=ADMIN)
    assert "已审核" in info.value.message and "撤销" in info.value.message
    assert _state(db) == "approved"  # nothing happened
    backups.restore_backup(db, early, actor=ADMIN, undo_approvals=True)
    restored = Database.for_path(db.path)
    assert _state(restored) != "approved"
    with restored.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).one()
    assert entry.username == "admin" and early.name in (entry.reason or "")
    [line] = [e for e in journal.read(db.path) if e["event"] == "restore"]
    assert line["actor"] == "admin" and line["backup"] == early.name and line["undone"]
    restored.dispose()


def _drop_newest_audit_entries(path: Path, n: int) -> None:
    """What a person with the file and sqlite3 can do: drop the append-only triggers, delete the newest rows."""
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT ?)", (n,))
    conn.commit()
    conn.close()


def test_deleting_the_newest_audit_entries_fails_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_school(tmp_path, 1)
    assert db.path is not None
    explain_warnings(db)  # before the approval locks the period
    _approve(db)
    pkg = export_package(db, tmp_path / "out", with_returns=False).path
    with zipfile.ZipFile(pkg) as zf:
        head = json.loads(zf.read("manifest.json"))["extra"]["audit_head"]
    assert head["last_id"] > 0 and len(head["hash"]) == 64
    backups.backup_now(db)
    db.dispose()
    assert main(["check", "--db", str(db.path)]) in (0, 1)
    assert "操作日志：完整" in capsys.readouterr().out
    _drop_newest_audit_entries(db.path, 3)
    assert main(["check", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert "最新的记录被删除" in out


def test_check_reports_a_change_made_outside_the_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from desktop.domain.idcard import id_check_char
    from desktop.domain.records import StaffData
    from desktop.services.records.staff import create_staff

    db = make_school(tmp_path, 1)
    assert db.path is not None
    with db.session() as s:
        unit_id = s.scalars(select(UnitPeriod.unit_id)).one()
    number = "44162219850301123" + id_check_char("44162219850301123")
    person = create_staff(db, unit_id, StaffData(name="张三", id_number=number, gender="1",
                                                 birth_date=date(1985, 3, 1)), actor="clerk")
    db.dispose()
    assert main(["check", "--db", str(db.path)]) in (0, 1)
    assert "未记入操作日志" not in capsys.readouterr().out
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE staff SET name = '李四', updated_at = datetime('now', '+1 hour') WHERE id = ?", (person.id,))
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db.path)]) == 1
    assert "未记入操作日志的改动：教职工" in capsys.readouterr().out


def test_a_restore_at_start_up_is_journaled_and_not_taken_for_tampering(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = make_school(tmp_path, 1)
    assert db.path is not None
    early = backups.backup_now(db)
    assert early is not None
    _approve(db)
    backups.backup_now(db)  # anchors the longer log
    db.dispose()
    db.path.rename(db.path.with_suffix(".corrupt"))  # the damaged file set aside at start
    backups.restore_into(db.path, early)
    assert journal.last_restore(db.path) is not None
    assert main(["check", "--db", str(db.path)]) in (0, 1)
    assert "操作日志：完整" in capsys.readouterr().out
