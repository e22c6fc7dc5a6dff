"""`edureturns-cli package …` and `consolidate`: a school reports, the county imports, returns, consolidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main


def add_reviewer(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Users for an office database: an admin and a reviewer (password from the environment, as scripts do)."""
    from desktop.data.engine import Database
    from desktop.services.core.users import create_user

    db = Database.for_path(Path(db_path))
    admin = create_user(db, None, "admin", "王管理", "admin", "correct horse 42")
    create_user(db, admin, "reviewer", "张审核", "reviewer", "correct horse 42")
    db.dispose()
    monkeypatch.setenv("EDURETURNS_PASSWORD", "correct horse 42")


def test_package_round_trip_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    school, county = str(tmp_path / "school.db"), str(tmp_path / "county.db")
    assert main(["demo", "--scale", "school", "--db", school]) == 0
    assert main(["explain", "--db", school, "--rule", "all", "--text", "已核实，情况属实。"]) == 0  # the rule for sending
    assert main(["package", "export", "--db", school, "--out", str(tmp_path / "out"), "--no-returns"]) == 0
    package = capsys.readouterr().out.strip().splitlines()[-1]
    assert package.endswith("2144162201_2025学年_school.erp")
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--parent", "441600",
                 "--db", county, "--year", "2025"]) == 0
    capsys.readouterr()

    assert main(["package", "import", str(tmp_path / "out"), "--db", county]) == 0
    out = capsys.readouterr()
    assert "已导入\t2144162201" in out.out and "导入前已备份" in out.err
    assert main(["package", "import", package, "--db", county]) == 0
    assert "未改动" in capsys.readouterr().out

    junk = tmp_path / "junk.erp"
    junk.write_text("x")
    assert main(["package", "import", str(junk), "--db", county]) == 1
    assert "已拒绝" in capsys.readouterr().out

    assert main(["package", "status", "--db", county]) == 0
    assert "2144162201\t龙川县实验学校\t已接收" in capsys.readouterr().out

    assert main(["package", "return", "--db", county, "--unit", "2144162201", "--comment", "请核对班额",
                 "--out", str(tmp_path / "reply")]) == 2
    assert "审核人" in capsys.readouterr().err  # 退回 is the reviewer's, on the command line as in the GUI
    add_reviewer(county, monkeypatch)
    assert main(["package", "return", "--db", county, "--unit", "2144162201", "--comment", "请核对班额",
                 "--out", str(tmp_path / "reply"), "--user", "reviewer"]) == 0
    reply = capsys.readouterr().out.strip()
    assert main(["package", "reply-import", reply, "--db", school]) == 0
    assert "请核对班额" in capsys.readouterr().out

    assert main(["consolidate", "--db", county]) == 0
    out = capsys.readouterr().out
    assert "学校 1 所" in out and "学位建设 小学：任务 9920" in out


def test_importing_an_empty_folder_says_no_package_was_found(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    county = str(tmp_path / "county.db")
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--db", county]) == 0
    assert main(["package", "import", str(tmp_path), "--db", county]) == 1
    assert "没有找到数据包" in capsys.readouterr().err
