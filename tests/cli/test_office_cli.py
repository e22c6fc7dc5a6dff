"""Issue 23 on the command line: receipts written on import and taken by the school, completeness,
bulk 退回 with a template, the resubmission's changes, bulk approval, a recorded absence."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.cli.test_packages_cli import add_reviewer

SCHOOL = "2144162201"


def test_receipts_completeness_and_bulk_review_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    school, county = str(tmp_path / "school.db"), str(tmp_path / "county.db")
    assert main(["demo", "--scale", "school", "--db", school]) == 0
    assert main(["explain", "--db", school, "--rule", "all", "--text", "已核实，情况属实。"]) == 0  # the rule for sending
    assert main(["package", "export", "--db", school, "--out", str(tmp_path / "out"), "--no-returns"]) == 0
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--parent", "441600",
                 "--db", county, "--year", "2025"]) == 0
    add_reviewer(county, monkeypatch)
    capsys.readouterr()
    rc = tmp_path / "receipts"
    assert main(["package", "import", str(tmp_path / "out"), "--db", county, "--user", "reviewer",
                 "--receipts", str(rc)]) == 0
    assert f"回执：{rc / (SCHOOL + '_2025学年_回执.erp')}" in capsys.readouterr().out
    receipt = rc / f"{SCHOOL}_2025学年_回执.erp"
    first = receipt.read_bytes()
    assert main(["package", "receipt", "export", "--db", county, "--out", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / receipt.name).read_bytes() == first
    capsys.readouterr()

    # The school: no receipt yet, then the office's, verified and shown with its PDF.
    assert main(["package", "receipt", "show", "--db", school]) == 1
    assert main(["package", "receipt", "import", str(receipt), "--db", school]) == 0
    assert "已收到（龙川县教育局，" in capsys.readouterr().out
    assert main(["package", "receipt", "show", "--db", school, "--pdf", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已收到（龙川县教育局，") and out.strip().endswith("_回执.pdf")
    assert Path(out.strip().splitlines()[-1]).is_file()

    assert main(["office", "completeness", "--db", county, "--today", "2025-09-30"]) == 0
    out = capsys.readouterr()
    assert f"{SCHOOL}\t" in out.out and "应报 1，已报 1" in out.err

    assert main(["office", "templates", "--db", county]) == 0
    assert capsys.readouterr().out.startswith("1\t")
    assert main(["office", "return", SCHOOL, "--db", county, "--user", "reviewer", "--out", str(tmp_path / "r"),
                 "--template", "2", "--comment", "请补录王老师的培训。"]) == 0
    assert "成功\t" + SCHOOL in capsys.readouterr().out
    assert main(["package", "reply-import", str(next((tmp_path / "r").glob("*.erp"))), "--db", school]) == 0
    assert main(["package", "export", "--db", school, "--out", str(tmp_path / "out2"), "--no-returns"]) == 0
    assert main(["package", "import", str(tmp_path / "out2"), "--db", county, "--user", "reviewer", "--yes"]) == 0
    capsys.readouterr()
    assert main(["office", "changes", SCHOOL, "--db", county]) == 0
    out = capsys.readouterr().out
    assert "被退回的" in out and "请补录王老师的培训。" in out

    assert main(["office", "approve", SCHOOL, "9999999999", "--db", county, "--user", "reviewer"]) == 1
    out = capsys.readouterr().out
    assert f"成功\t{SCHOOL}" in out and "未成功\t9999999999" in out
    assert main(["office", "absence", SCHOOL, "--reason", "无", "--db", county, "--user", "reviewer"]) == 2
    assert "不需要记录" in capsys.readouterr().err
