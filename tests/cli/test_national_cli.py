"""`edureturns-cli national` on the school demo: export, drill-down, 逻辑校验 and reconciliation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.reports.national import FIRST_BODY_ROW

SHEET = "教基4149_九年一贯制学校"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national_cli") / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    return path


def test_export_writes_the_workbook_and_pdf(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["national", "--db", str(demo_db), "--year", "2025", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    xlsx = next(tmp_path.glob("*.xlsx"))
    pdf = next(tmp_path.glob("*.pdf"))
    assert SHEET in out and str(xlsx) in out and pdf.read_bytes().startswith(b"%PDF")
    assert load_workbook(xlsx).sheetnames[0] == SHEET


def test_cell_lists_the_people_behind_it(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["national", "cell", SHEET, "01", "7", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    conn = sqlite3.connect(demo_db)
    expected = conn.execute("SELECT id, name FROM staff WHERE external_teacher ORDER BY id").fetchall()
    conn.close()
    assert lines[0].endswith(f"{len(expected)} 人") and [ln.split() for ln in lines[1:]] == [
        [str(i), n] for i, n in expected]
    assert main(["national", "cell", SHEET, "09", "1", "--db", str(demo_db)]) == 2


def test_reconcile_names_the_altered_cell_and_check_finds_a_record_gap(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["national", "--db", str(demo_db), "--out", str(tmp_path)]) == 0
    xlsx = next(tmp_path.glob("*.xlsx"))
    wb = load_workbook(xlsx)
    cell = wb[SHEET].cell(FIRST_BODY_ROW + 1, 4)  # 02 #女, column 2 专任教师
    cell.value += 3
    wb.save(xlsx)
    capsys.readouterr()
    assert main(["national", "reconcile", str(xlsx), "--db", str(demo_db)]) == 1
    out = capsys.readouterr().out
    assert "1 格不一致" in out and "第02行（#女）第2栏（专任教师）" in out
    copy = tmp_path / "gap.db"
    copy.write_bytes(demo_db.read_bytes())
    conn = sqlite3.connect(copy)
    sid, name = conn.execute("SELECT id, name FROM staff WHERE category='11' AND teaching_stage='primary' "
                             "AND NOT external_teacher AND employment_form <> '6' ORDER BY id LIMIT 1").fetchone()
    conn.execute("UPDATE staff SET teaching_stage = NULL WHERE id = ?", (sid,))
    conn.commit()
    conn.close()
    assert main(["national", "check", "--db", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "教基4149 专任教师 = 教基4153 各学段合计 不相等" in out and f"{name}（{sid}）" in out
