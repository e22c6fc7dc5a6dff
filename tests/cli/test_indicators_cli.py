"""`edureturns-cli indicators` on the school demo: the table and the JSON agree with the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.cli.indicators import format_value
from desktop.data.engine import Database
from desktop.services.indicators.compute import compute_indicators
from desktop.services.records.units import home_unit
from desktop.services.year.periods import latest_period


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    return path


def test_json_matches_the_engine(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["indicators", "--db", str(demo_db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    db = Database.for_path(demo_db)
    unit, period = home_unit(db), latest_period(db)
    assert unit and period
    report = compute_indicators(db, unit.id, period.id)
    db.dispose()
    assert out["unit"]["code"] == unit.code and out["target_set"] == "heyuan-2025"
    assert [(r["code"], r["stage"], r["value"], r["passed"]) for r in out["results"]] == [
        (r.code, r.stage, r.value, r.passed) for r in report.results]
    large = next(r for r in out["results"] if r["code"] == "class.large")
    assert large["failures"] and large["failures"][0]["record_type"] == "class"


def test_table_shows_value_target_gap_and_mark(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["indicators", "--db", str(demo_db), "--target-set", "qingyuan-2021", "--details", "1"]) == 0
    out = capsys.readouterr().out
    assert "指标方案：清远市（2021–2025）（qingyuan-2021）" in out
    assert "专任教师高一级学历比例" in out and "未达标" in out and ">=75.00%" in out
    assert "      · " in out  # one drill-down line under a failing indicator
    assert out.strip().splitlines()[-1].startswith("共 ")


def test_unknown_set_or_unit_fails_with_a_chinese_message(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", "--db", str(demo_db), "--target-set", "nope"]) == 2
    assert "找不到代码为“nope”的指标方案" in capsys.readouterr().err
    assert main(["indicators", "--db", str(demo_db), "--unit", "441699"]) == 2
    assert "没有代码为 441699 的单位" in capsys.readouterr().err


def test_value_formatting() -> None:
    assert format_value(54.5, "%") == "54.50%"
    assert format_value(3249050.0, "学时") == "3249050学时"
    assert format_value(104.5, "学时") == "104.5学时"
    assert format_value(2, "个") == "2个"
    assert format_value(None, "%") == "—"


def test_targets_commands_hand_a_set_from_county_to_school(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    county, school = tmp_path / "county.db", tmp_path / "school.db"
    assert main(["init", "--db", str(county), "--kind", "county", "--code", "441622", "--name", "龙川县教育局",
                 "--year", "2025"]) == 0
    assert main(["targets", "--db", str(county), "copy", "heyuan-2025", "longchuan-2025", "龙川县方案"]) == 0
    assert main(["targets", "--db", str(county), "export", "longchuan-2025", "--out", str(tmp_path / "set.json")]) == 0
    assert main(["demo", "--scale", "school", "--db", str(school)]) == 0
    assert main(["targets", "--db", str(school), "import", str(tmp_path / "set.json")]) == 0
    assert main(["targets", "--db", str(school), "choose", "longchuan-2025"]) == 0
    capsys.readouterr()
    assert main(["targets", "--db", str(school), "list"]) == 0
    assert "longchuan-2025\t龙川县方案" in capsys.readouterr().out
    assert main(["indicators", "--db", str(school), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["target_set"] == "longchuan-2025"
    assert main(["targets", "--db", str(school), "import", str(tmp_path / "set.json")]) == 2
    assert "已有代码为“longchuan-2025”的方案" in capsys.readouterr().err
