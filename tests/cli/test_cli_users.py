"""The command line applies the same users and roles as the GUI (issue: trust holes, item 4).

With users defined and login required, a command that needs a role asks for
``--user`` and a password (prompted, or EDURETURNS_PASSWORD for scripts) and
then acts as that user: full-ID exports and re-pinning are the admin's,
restoring a backup is the admin's, 退回 is the reviewer's — and the audit log
names the person, never "system".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Staff
from desktop.services.core.users import create_user
from desktop.services.packages.export import export_package
from tests.explained import explain_warnings
from tests.services.package_world import make_school

PASSWORD = "correct horse 42"


@pytest.fixture
def school(tmp_path: Path) -> tuple[Path, Database]:
    db = make_school(tmp_path, 1)
    admin = create_user(db, None, "admin", "王管理", "admin", PASSWORD)
    create_user(db, admin, "clerk", "李填报", "clerk", PASSWORD)
    assert db.path is not None
    return db.path, db


def _first_note(db: Database) -> str | None:
    with db.session() as s:
        note = s.scalars(select(Staff.note).order_by(Staff.id)).first()
    db.dispose()
    return note


def test_full_id_export_needs_a_user_and_the_admin_role(school: tuple[Path, Database], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path, db = school
    args = ["export", "--db", str(path), "--returns", "roster", "--formats", "xlsx", "--full-ids"]
    assert main([*args, "--out", str(tmp_path / "none")]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("EDURETURNS_PASSWORD", "wrong password")
    assert main([*args, "--out", str(tmp_path / "none"), "--user", "admin"]) == 2
    assert "用户名或密码不正确" in capsys.readouterr().err
    monkeypatch.setenv("EDURETURNS_PASSWORD", PASSWORD)
    assert main([*args, "--out", str(tmp_path / "none"), "--user", "clerk"]) == 2
    assert "管理员" in capsys.readouterr().err
    assert not (tmp_path / "none").exists() or not list((tmp_path / "none").iterdir())
    assert main([*args, "--out", str(tmp_path / "full"), "--user", "admin"]) == 0
    with db.session() as s:
        who = list(s.scalars(select(AuditEntry.username).where(AuditEntry.action == "export_full_ids")))
    assert who == ["admin"]


def test_restore_is_the_admins(school: tuple[Path, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    path, db = school
    assert main(["backup", "--db", str(path), "--out", str(tmp_path / "b")]) == 0
    backup = next((tmp_path / "b").glob("*.db"))
    original = _first_note(db)
    with db.session(write=True) as s:
        first = s.scalars(select(Staff).order_by(Staff.id)).first()
        assert first is not None
        first.note = "备份之后的修改"
    db.dispose()
    monkeypatch.setenv("EDURETURNS_PASSWORD", PASSWORD)
    assert main(["restore", str(backup), "--db", str(path), "--user", "clerk"]) == 2
    assert "管理员" in capsys.readouterr().err
    assert _first_note(Database.for_path(path)) == "备份之后的修改"
    assert main(["restore", str(backup), "--db", str(path), "--user", "admin"]) == 0
    assert _first_note(Database.for_path(path)) == original


def test_repin_is_the_admins_on_the_command_line_too(school: tuple[Path, Database], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path, db = school
    explain_warnings(db)
    pkg = export_package(db, tmp_path / "out", with_returns=False).path
    monkeypatch.setenv("EDURETURNS_PASSWORD", PASSWORD)
    rc = main(["package", "import", str(pkg), "--db", str(path), "--repin", "--reason", "已电话核对", "--user", "clerk"])
    assert rc == 2
    assert "管理员" in capsys.readouterr().err
    with db.session() as s:
        assert not list(s.scalars(select(AuditEntry).where(AuditEntry.action == "repin")))


def test_a_committed_spreadsheet_import_names_the_signed_in_user(school: tuple[Path, Database], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    from desktop.domain.idcard import id_check_char

    path, db = school
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "参加工作年月", "学历", "教职工类别", "用人形式"])
    ws.append(["周新", "44162219880808123" + id_check_char("44162219880808123"), "2010年9月", "本科", "专任教师", "在编"])
    wb.save(tmp_path / "roster.xlsx")
    args = ["import", "roster", str(tmp_path / "roster.xlsx"), "--db", str(path), "--commit"]
    assert main(args) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("EDURETURNS_PASSWORD", PASSWORD)
    assert main([*args, "--user", "clerk"]) == 0
    with db.session() as s:
        who = set(s.scalars(select(AuditEntry.username).where(AuditEntry.table_name == "staff")))
    assert who == {"clerk"}


def test_package_export_names_the_signed_in_user(school: tuple[Path, Database], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path, db = school
    explain_warnings(db)
    args = ["package", "export", "--db", str(path), "--out", str(tmp_path / "out")]
    assert main(args) == 2  # login required: who is sending must be known
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("EDURETURNS_PASSWORD", PASSWORD)
    assert main([*args, "--user", "clerk"]) == 0
    with db.session() as s:
        who = list(s.scalars(select(AuditEntry.username).where(AuditEntry.action == "submit")))
    db.dispose()
    assert who == ["clerk"]  # was "system"
