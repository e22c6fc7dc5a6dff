"""`edureturns-cli export` writes the files and exits 0; bad choices exit 2 with a Chinese message."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.reports.conftest import Built


def test_export_all_returns_to_both_formats(county_data: Built, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(county_data.path), "--returns", "all", "--formats", "xlsx,pdf",
                 "--out", str(tmp_path), "--year", "2025", "--unit", "441622"])
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["441622_2025学年_报表.pdf", "441622_2025学年_报表.xlsx"]
    assert "已导出" in capsys.readouterr().err


def test_export_one_return_for_one_school(county_data: Built, tmp_path: Path) -> None:
    code = main(["export", "--db", str(county_data.path), "--returns", "roster,training", "--formats", "pdf",
                 "--out", str(tmp_path), "--unit", "2144012345"])
    assert code == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".pdf"]


@pytest.mark.parametrize(("args", "message"), [
    (["--returns", "nosuch"], "没有代码为"),
    (["--formats", "docx"], "不支持的导出格式"),
    (["--year", "1999"], "1999学年"),
])
def test_bad_choices_fail_with_a_reason(county_data: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        args: list[str], message: str) -> None:
    code = main(["export", "--db", str(county_data.path), "--out", str(tmp_path), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
