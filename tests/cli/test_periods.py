"""`edureturns-cli period …`: preview before writing, one rollover only, closing, refusals with exit code 2."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "school.db"
    assert main(["demo", "--db", str(path), "--scale", "school"]) == 0
    return path


def _years(path: Path) -> list[tuple[int, int | None, int]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT school_year, rolled_from_id, closed FROM periods ORDER BY school_year").fetchall()
    finally:
        conn.close()


def test_rollover_previews_then_applies_once(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["period", "rollover", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "升级  五年级(1)班（五年级）→ 六年级(1)班（六年级）" in out
    assert "毕业  六年级(1)班" in out and "新建  七年级(1)班" in out
    assert "加 --yes" in out
    assert [y for y, _, _ in _years(demo_db)] == [2025]  # the preview wrote nothing

    assert main(["period", "rollover", "--db", str(demo_db), "--yes"]) == 0
    assert "已开始 2026学年" in capsys.readouterr().out
    assert _years(demo_db) == [(2025, None, 0), (2026, 1, 0)]

    assert main(["period", "rollover", "--db", str(demo_db), "--year", "2025", "--yes"]) == 0
    assert "再次结转不会重复生成任何数据" in capsys.readouterr().out
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT count(*) FROM classes WHERE period_id = 2").fetchone() == (31,)
    conn.close()

    assert main(["period", "list", "--db", str(demo_db)]) == 0
    listing = capsys.readouterr().out
    assert "2026学年\t2026-09-01\t2026-09-20\t进行中\t由2025学年结转" in listing


def test_new_and_close(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "new", "--db", str(demo_db), "--year", "2026", "--due", "2026-10-08"]) == 0
    assert main(["period", "new", "--db", str(demo_db), "--year", "2026"]) == 2
    assert "已经存在" in capsys.readouterr().err
    assert main(["period", "close", "--db", str(demo_db), "--year", "2025"]) == 0
    assert _years(demo_db) == [(2025, None, 1), (2026, None, 0)]
    assert main(["period", "close", "--db", str(demo_db), "--year", "2024"]) == 2
    assert "没有 2024学年" in capsys.readouterr().err


def test_due_dates_for_the_period_and_for_one_unit(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "due", "--db", str(demo_db), "--year", "2025", "--date", "2025-09-30"]) == 0
    assert main(["period", "due", "--db", str(demo_db), "--year", "2025", "--unit", "2144162201",
                 "--date", "2025-10-08"]) == 0
    assert "2025-10-08（单位自己的日期）" in capsys.readouterr().out
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT due_date FROM periods").fetchall() == [("2025-09-30",)]
    assert conn.execute("SELECT due_date FROM unit_periods").fetchall() == [("2025-10-08",)]
    conn.close()
    assert main(["period", "due", "--db", str(demo_db), "--year", "2025", "--unit", "2144162201", "--clear"]) == 0
    assert "2025-09-30（沿用统计期的日期）" in capsys.readouterr().out
    assert main(["period", "due", "--db", str(demo_db), "--year", "2025", "--date", "2025-08-01"]) == 2
    assert "早于统计时点" in capsys.readouterr().err
