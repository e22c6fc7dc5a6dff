"""The shipped rule files load; a target set can carry rules (checked on import, with their line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.rules.model import load_toml
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.rulecheck import rule_catalogue
from desktop.services.indicators.targets import (
    copy_target_set,
    export_target_set,
    import_target_set,
)
from desktop.services.returns.rules import rules_dir, shipped_rules


def test_shipped_rule_files_load_and_codes_are_unique() -> None:
    files = sorted(rules_dir().glob("*.toml"))
    assert [f.name for f in files][:2] == ["01_checks.toml", "02_year_over_year.toml"]
    for path in files:
        assert load_toml(path.read_text(encoding="utf-8"), path.name, rule_catalogue()).rules
    codes = [r.code for r in shipped_rules()]
    assert len(codes) == len(set(codes))
    assert {"class.missing", "class.boarders_exceed", "staff.temporary_over"} <= set(codes)


def test_target_set_carries_rules_and_a_bad_rule_is_refused_with_its_line(db, tmp_path: Path) -> None:
    copy_target_set(db, "heyuan-2025", "longchuan-2026", "龙川县2026")
    out = export_target_set(db, "longchuan-2026", tmp_path / "set.json")
    raw = json.loads(out.read_text(encoding="utf-8"))
    raw["code"] = "longchuan-rules"
    raw["rules"] = [{"code": "county.few_teachers", "name": "专任教师过少", "left": "teachers", "op": ">=",
                     "right": "2", "severity": "warning", "message": "{unit}专任教师只有 {left} 人。"},
                    {"code": "county.bad", "left": "teachers", "op": ">=", "right": "nobody",
                     "severity": "warning", "message": "x"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index('      "code": "county.bad",') + 1
    with pytest.raises(ServiceError, match=f"bad.json”第 {line} 行：表达式“nobody”中的名称“nobody”不认识"):
        import_target_set(db, bad)
    raw["rules"].pop()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    import_target_set(db, good)
    again = json.loads(export_target_set(db, "longchuan-rules", tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["rules"] == raw["rules"]


def test_a_target_sets_rules_run_with_the_checks(county, tmp_path: Path) -> None:
    from desktop.services.indicators.targets import choose_target_set
    from desktop.services.returns.checks import run_checks

    copy_target_set(county.db, "heyuan-2025", "longchuan-2026", "龙川县2026")
    raw = json.loads(export_target_set(county.db, "longchuan-2026", tmp_path / "set.json").read_text("utf-8"))
    raw["code"] = "longchuan-rules"
    raw["rules"] = [
        {"code": "county.few_teachers", "name": "专任教师过少", "left": "teachers", "op": ">=", "right": "3",
         "severity": "warning", "message": "{unit}专任教师只有 {left} 人。"},
        # Replaces the shipped rule of the same code: a 10 % ceiling instead of the target.
        {"code": "staff.temporary_over", "name": "临聘占比", "left": 'indicator("staff.temporary_ratio")',
         "op": "<=", "right": "10", "severity": "warning", "scope": {"levels": ["self"]},
         "message": "临聘占比 {left}% 超过 {right}%。"},
    ]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    import_target_set(county.db, path)
    choose_target_set(county.db, county.office, county.period, "longchuan-rules")
    result = run_checks(county.db, county.office, county.period)
    few = [i for i in result.items if i.finding.rule == "county.few_teachers"]
    assert {i.unit_id for i in few} == {county.units["K"], county.units["H"]}  # two each; A has four, B three
    (temp,) = [i for i in result.items if i.finding.rule == "staff.temporary_over"]
    assert temp.finding.message == "临聘占比 11.11% 超过 10%。"
