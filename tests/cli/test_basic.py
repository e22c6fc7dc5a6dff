"""The foundation CLI: exit codes and messages a script can rely on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["--version"])
    assert excinfo.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_init_creates_a_database_for_the_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "school.db"
    rc = main(["init", "--db", str(db), "--code", "2144012345", "--name", "测试小学", "--category", "211",
               "--parent", "441622", "--year", "2025"])
    assert rc == 0
    assert "测试小学" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT code, kind, is_home FROM units").fetchall() == [("2144012345", "school", 1)]
    assert conn.execute("SELECT school_year FROM periods").fetchall() == [(2025,)]
    conn.close()


def test_init_with_a_bad_code_fails_with_a_reason_and_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bad.db"
    assert main(["init", "--db", str(db), "--code", "123", "--name", "x", "--category", "211"]) == 2
    assert "学校标识码" in capsys.readouterr().err
    assert not db.exists()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    args = ["init", "--db", str(db), "--code", "2144012345", "--name", "测试小学", "--category", "211"]
    assert main(args) == 0
    assert main(args) == 2
    assert "已存在" in capsys.readouterr().err


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(tmp_path / "nope.db")]) == 2
    assert "找不到数据库文件" in capsys.readouterr().err


def test_demo_backup_and_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--scale", "school"]) == 0
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "bk")]) == 0
    backup = next((tmp_path / "bk").glob("demo-manual-*.db"))
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM training_records")
    conn.commit()
    conn.close()
    assert main(["restore", "--db", str(db), str(backup)]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM training_records").fetchone()[0] == 8000
    conn.close()


def test_console_script_runs_as_a_module(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "--version"], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(repo)})
    assert out.stdout.startswith("EduReturns")
