"""Exporting over a file another program has open (Windows: last time's return still open in
Excel) is refused with the file to close, and leaves no half-written file behind."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.core.errors import ServiceError
from desktop.services.packages.export import export_package
from desktop.services.returns.build import export_returns
from tests.explained import explain_warnings
from tests.reports.conftest import Built

Hold = Callable[[Path], contextlib.AbstractContextManager[None]]


def test_exporting_over_an_open_workbook_says_which_file_to_close(
    school_data: Built, tmp_path: Path, hold_open: Hold
) -> None:
    out = tmp_path / "报表 输出"
    db, unit, period = school_data.db, school_data.unit_id, school_data.period_id
    (xlsx,) = export_returns(db, unit, period, "all", ["xlsx"], out)
    before = xlsx.read_bytes()
    with hold_open(xlsx):
        with pytest.raises(ServiceError, match="正在被其他程序打开") as excinfo:
            export_returns(db, unit, period, "all", ["xlsx"], out)
        assert xlsx.name in str(excinfo.value) and "请先关闭这个文件" in str(excinfo.value)
        assert xlsx.read_bytes() == before
    assert [p.name for p in out.iterdir()] == [xlsx.name]  # no .part- file left behind
    assert export_returns(db, unit, period, "all", ["xlsx"], out) == [xlsx]  # closed: it works again


def test_the_cli_reports_an_open_pdf_with_exit_code_2(
    school_data: Built, tmp_path: Path, hold_open: Hold, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    db_path = school_data.db.path
    assert db_path is not None
    assert main(["export", "--db", str(db_path), "--returns", "all", "--formats", "pdf", "--out", str(out)]) == 0
    (pdf,) = out.glob("*.pdf")
    capsys.readouterr()
    with hold_open(pdf):
        assert main(["export", "--db", str(db_path), "--returns", "all", "--formats", "pdf", "--out", str(out)]) == 2
    assert "正在被其他程序打开" in capsys.readouterr().err


def test_a_package_over_an_open_one_is_refused(school_data: Built, tmp_path: Path, hold_open: Hold) -> None:
    out = tmp_path / "U盘"
    explain_warnings(school_data.db)
    first = export_package(school_data.db, out, with_returns=False)
    with hold_open(first.path), pytest.raises(ServiceError, match="正在被其他程序打开"):
        export_package(school_data.db, out, with_returns=False)
    assert [p.name for p in out.iterdir()] == [first.path.name]
