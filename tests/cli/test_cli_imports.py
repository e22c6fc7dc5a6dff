"""`edureturns-cli template` and `import`: dry run by default, --commit writes, exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.services.records.staff import list_staff

ZS = "44162219850301123" + id_check_char("44162219850301123")


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    path = tmp_path / "school.db"
    assert main(["init", "--db", str(path), "--code", "2144012345", "--name", "龙川县第一小学",
                 "--parent", "441622", "--category", "211", "--year", "2025"]) == 0
    return path


# A roster with no 教职工类别/用人形式 column must say what they are for the batch.
ANSWER = ["--set", "category=专任教师", "--set", "employment_form=在编"]


def _roster(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "最高学历"])
    for r in rows:
        wb.active.append(r)
    p = tmp_path / "名单.xlsx"
    wb.save(p)
    return p


def test_template_command_writes_each_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("roster", "credentials", "training", "classes"):
        out = tmp_path / f"{kind}.xlsx"
        assert main(["template", kind, "--out", str(out)]) == 0
        assert openpyxl.load_workbook(out).sheetnames[0] in ("教职工名册", "资格证书", "培训记录", "班级")
    assert "导入模板" in capsys.readouterr().out


def test_import_is_a_dry_run_unless_commit_is_given(cli_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _roster(tmp_path, [["张三", ZS, "本科"]])
    assert main(["import", "roster", str(path), "--db", str(cli_db), *ANSWER]) == 0
    out = capsys.readouterr().out
    assert "新增 1 行" in out and "没有写入任何数据" in out
    db = Database.for_path(cli_db)
    assert list_staff(db) == []
    assert main(["import", "roster", str(path), "--db", str(cli_db), "--commit", *ANSWER]) == 0
    assert "已写入：新增 1 条" in capsys.readouterr().out
    assert [s.name for s in list_staff(db)] == ["张三"]
    assert list((cli_db.parent / "backups").glob("*.db")), "a backup is taken before the import writes"
    db.dispose()


def test_rows_with_errors_give_exit_1_with_row_and_reason_and_an_error_workbook(
        cli_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _roster(tmp_path, [["张三", ZS, "本科"], ["李四", "123", "大学"]])
    errors = tmp_path / "错误.xlsx"
    assert main(["import", "roster", str(path), "--db", str(cli_db), "--errors", str(errors), "--commit",
                 *ANSWER]) == 1
    captured = capsys.readouterr()
    assert "错误 Sheet 第 3 行" in captured.err and "“大学”不在代码表中" in captured.err
    assert "已写入：新增 1 条" in captured.out
    reason = openpyxl.load_workbook(errors).active["E2"].value
    assert "B列“身份证号”：身份证号应为18位" in reason and "C列“最高学历”" in reason


def test_unreadable_file_and_bad_arguments_give_exit_2(cli_db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "x.xlsx"
    bogus.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    assert main(["import", "roster", str(bogus), "--db", str(cli_db)]) == 2
    assert "不是电子表格" in capsys.readouterr().err
    assert main(["import", "roster", str(tmp_path / "none.xlsx"), "--db", str(cli_db)]) == 2
    path = _roster(tmp_path, [["张三", ZS, "本科"]])
    assert main(["import", "training", str(path), "--db", str(cli_db), "--set", "level"]) == 2
    assert "字段=值" in capsys.readouterr().err
