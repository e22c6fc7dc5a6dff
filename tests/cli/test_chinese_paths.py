"""A clerk's data folder with Chinese characters and spaces, as on Windows
(``C:\\Users\\张老师\\Documents\\教育数据 2026\\``): every file job works there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from desktop.appdirs import backups_dir_for
from desktop.cli import main
from desktop.domain.idcard import id_check_char

ZS = "44162219850301123" + id_check_char("44162219850301123")
LS = "44162219900101456" + id_check_char("44162219900101456")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "张老师" / "Documents" / "教育数据 2026"
    path.mkdir(parents=True)
    return path


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_init_import_backup_restore_and_export_in_a_chinese_folder_with_spaces(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = folder / "龙川 第一小学.db"
    assert main(["init", "--db", str(db), "--code", "2144012345", "--name", "龙川县第一小学",
                 "--parent", "441622", "--category", "211", "--year", "2025"]) == 0
    assert main(["template", "roster", "--out", str(folder / "名册 模板.xlsx")]) == 0
    assert openpyxl.load_workbook(folder / "名册 模板.xlsx").sheetnames[0] == "教职工名册"

    # A CSV saved by Excel on Windows: UTF-8 with BOM, CRLF line ends, a quoted cell with a comma.
    csv_path = folder / "名单 (Excel 导出).csv"
    csv_path.write_bytes("\ufeff姓名,身份证号,最高学历,备注\r\n"
                         f"张三,{ZS},本科,\"调入，2024年\"\r\n"
                         f"李四,{LS},硕士研究生,\r\n".encode())
    assert main(["import", "roster", str(csv_path), "--db", str(db), "--set", "category=专任教师",
                 "--set", "employment_form=在编", "--commit"]) == 0
    assert _count(db, "staff") == 2
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name FROM staff ORDER BY name").fetchall() == [("张三",), ("李四",)]
    conn.close()

    assert main(["backup", "--db", str(db)]) == 0
    backup = next(backups_dir_for(db).glob("*manual*.db"))
    assert "教育数据 2026" in str(backup)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM staff WHERE name = '李四'")
    conn.commit()
    conn.close()
    assert main(["restore", "--db", str(db), str(backup)]) == 0
    assert _count(db, "staff") == 2

    returns = folder / "报表 输出"
    assert main(["export", "--db", str(db), "--returns", "all", "--formats", "xlsx,pdf", "--out", str(returns)]) == 0
    made = sorted(p.suffix for p in returns.iterdir())
    assert ".pdf" in made and ".xlsx" in made
    assert main(["check", "--db", str(db)]) in (0, 1)  # ran: 1 means findings, not a failure


def test_packages_go_through_a_chinese_folder_with_spaces(folder: Path) -> None:
    school = folder / "学校 数据.db"
    assert main(["demo", "--scale", "school", "--db", str(school)]) == 0
    usb = folder / "U盘 (E)" / "上报 2025"
    assert main(["explain", "--db", str(school), "--rule", "all", "--text", "已核实，情况属实。"]) == 0  # the rule for sending
    assert main(["package", "export", "--db", str(school), "--out", str(usb)]) == 0
    (package,) = usb.glob("*.erp")
    assert package.stat().st_size > 1000
    county = folder / "县局 汇总" / "龙川县 教育局.db"
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--parent", "441600",
                 "--db", str(county), "--year", "2025"]) == 0
    assert main(["package", "import", str(usb), "--db", str(county)]) == 0
    assert _count(county, "staff") == 80
    assert main(["consolidate", "--db", str(county), "--out", str(folder / "县局 汇总" / "汇总 报表")]) == 0
