"""`demo` + `check`: the planted findings are reported by count, at school and county scale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.services.demo import count_rows


def _counts(text: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+([a-z_.]+)\t(\d+)$", text, re.M)}


def _planted(text: str) -> dict[str, int]:
    line = next(x for x in text.splitlines() if x.startswith("预置问题："))
    return {k: int(v) for k, v in (part.split(" ") for part in line.removeprefix("预置问题：").split("，"))}


def _demo_and_check(tmp_path: Path, scale: str, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, int], dict[str, int]]:
    db = tmp_path / f"{scale}.db"
    assert main(["demo", "--scale", scale, "--db", str(db)]) == 0
    planted = _planted(capsys.readouterr().out)
    rc = main(["check", "--db", str(db)])
    out = capsys.readouterr().out
    assert rc == 0, out  # warnings only: the demo has no hard errors
    assert "完整性检查：通过" in out and "操作日志：完整" in out
    return planted, _counts(out)


def _assert_planted_found(planted: dict[str, int], found: dict[str, int]) -> None:
    for rule in ("registration.overdue", "class.large", "class.oversized"):
        assert found.get(rule, 0) == planted.get(rule, 0), rule
    # Teachers planted as behind are all found; a few others fall behind by chance.
    assert found["training.behind"] >= planted["training.behind"] > 0


def test_school_demo_check_reports_the_planted_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planted, found = _demo_and_check(tmp_path, "school", capsys)
    _assert_planted_found(planted, found)


@pytest.mark.slow
def test_county_demo_has_the_specified_size_and_check_finds_the_planted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    planted, found = _demo_and_check(tmp_path, "county", capsys)
    _assert_planted_found(planted, found)
    database = Database.for_path(tmp_path / "county.db")
    assert count_rows(database) == {"units": 301, "staff": 8000, "training": 800_000, "classes": 2400}
    database.dispose()
