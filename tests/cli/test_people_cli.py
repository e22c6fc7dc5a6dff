"""`edureturns-cli checklist | registration-due | transfer | appraisal | ethics` on two small demo schools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.data.models import Staff, TrainingRecord
from desktop.services.year.periods import ensure_period
from tests.pdfread import pdf_pages
from tests.services.package_world import make_school, school_code


def _busiest(db: object) -> tuple[str, str, float]:
    with db.session() as s:  # type: ignore[attr-defined]
        row = s.execute(select(Staff.id_number, Staff.name, func.sum(TrainingRecord.hours))
                        .join(TrainingRecord, TrainingRecord.staff_id == Staff.id)
                        .where(Staff.status == "active", TrainingRecord.end_date >= "2021-01-01",
                               TrainingRecord.end_date <= "2025-08-20")
                        .group_by(Staff.id_number, Staff.name).order_by(func.sum(TrainingRecord.hours).desc())).first()
        return str(row[0]), str(row[1]), float(row[2])


def _moved_out(tmp_path: Path, seed: int) -> tuple[str, str, str, str, float]:
    """Two demo schools (files); school 1's busiest teacher moved out to school 2 by the command line:
    (school 1's file, school 2's, ID number, name, hours in the cycle). The transfer file is in tmp_path/t."""
    a, b = make_school(tmp_path, 1, seed=seed), make_school(tmp_path, 2, seed=seed + 1)
    for db in (a, b):
        ensure_period(db, 2025)
    number, name, hours = _busiest(a)
    pa, pb = str(a.path), str(b.path)
    a.dispose()
    b.dispose()
    assert main(["transfer", "--db", pa, "out", "--id-number", number, "--to", school_code(2), "--to-name",
                 "测试第2学校", "--date", "2025-08-20", "--out", str(tmp_path / "t")]) == 0
    return pa, pb, number, name, hours


def test_a_move_between_two_schools_by_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa, pb, number, name, hours = _moved_out(tmp_path, 81)
    out = capsys.readouterr().out
    assert f"本周期已有 {hours:g} 学时" in out
    file = next((tmp_path / "t").glob("调动-*.json"))
    assert main(["transfer", "--db", pb, "import", str(file)]) == 0
    assert main(["transfer", "--db", pb, "pending"]) == 0
    out = capsys.readouterr().out
    assert name in out and "待确认调入 1 人" in out
    tid = out.split("\n")[1].split("\t")[0]
    assert main(["transfer", "--db", pb, "confirm", tid, "--date", "2025-08-25"]) == 0
    assert "已确认调入" in capsys.readouterr().out
    assert main(["transfer", "--db", pb, "pending"]) == 0
    assert "待确认调入 0 人" in capsys.readouterr().out
    # A second 调出 of the ended record is refused with a sentence, exit code 2.
    assert main(["transfer", "--db", pa, "out", "--id-number", number, "--to", school_code(2), "--to-name", "x",
                 "--date", "2025-08-21", "--out", str(tmp_path / "t")]) == 2
    assert "没有证件号码为" in capsys.readouterr().err

    assert main(["appraisal", "--db", pb, "--id-number", number, "--year", "2024", "--result", "不合格"]) == 0
    assert main(["ethics", "--db", pb, "--id-number", number, "--date", "2024-03-01", "--kind", "表彰",
                 "--text", "县级师德标兵"]) == 0
    capsys.readouterr()
    main(["registration-due", "--db", pb, "--json", "--months", "600", "--today", "2026-06-01"])
    rows = json.loads(capsys.readouterr().out)
    mine = [r for r in rows if r["name"] == name]
    assert len(mine) == 1  # her certificate travelled with her; the 2024 不合格 decides
    assert mine[0]["result"] == "不合格" and any("2024 年度考核不合格" in x for x in mine[0]["reasons"])
    assert rows and {r["result"] for r in rows} <= {"合格", "暂缓", "不合格"}

    assert main(["checklist", "--db", pb, "--out", str(tmp_path / "ck.pdf")]) == 0
    text = "\n".join(pdf_pages(tmp_path / "ck.pdf"))
    assert name in text and "校长（签字）" in text


def test_a_mistaken_move_is_withdrawn_refused_and_reopened_by_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa, pb, _, name, _ = _moved_out(tmp_path, 83)
    capsys.readouterr()
    file = next((tmp_path / "t").glob("调动-*.json"))
    assert main(["transfer", "--db", pb, "import", str(file)]) == 0
    assert main(["transfer", "--db", pb, "pending"]) == 0
    tid = capsys.readouterr().out.split("\n")[-3].split("\t")[0]
    assert main(["transfer", "--db", pb, "refuse", tid, "--reason", "以为是别人"]) == 0
    assert f"已退回 {name} 的调入" in capsys.readouterr().out
    # The same file again says it was refused and how to put it back; reopen puts it back, confirm takes it.
    assert main(["transfer", "--db", pb, "import", str(file)]) == 0
    assert f"transfer reopen {tid}" in capsys.readouterr().out
    assert main(["transfer", "--db", pb, "reopen", tid, "--reason", "点错了"]) == 0
    assert main(["transfer", "--db", pb, "pending"]) == 0
    assert "待确认调入 1 人" in capsys.readouterr().out
    assert main(["transfer", "--db", pb, "reopen", tid, "--reason", "再来"]) == 2
    assert "无需恢复" in capsys.readouterr().err
    # The sending school: its 调出 listed, withdrawn with a reason, the person active there again.
    assert main(["transfer", "--db", pa, "outgoing"]) == 0
    out = capsys.readouterr().out
    assert name in out and "可撤销的调出 1 人" in out
    oid = out.split("\n")[0].split("\t")[0]
    assert main(["transfer", "--db", pa, "withdraw", oid, "--reason", "录错了学校"]) == 0
    assert f"已撤销 {name} 的调出" in capsys.readouterr().out
    assert main(["transfer", "--db", pa, "outgoing"]) == 0
    assert "可撤销的调出 0 人" in capsys.readouterr().out
