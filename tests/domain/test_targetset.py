"""Target-set documents: the presets parse, and bad files are refused with Chinese reasons."""

from __future__ import annotations

import json

from desktop.domain.targetset import INDICATORS, parse_target_set
from desktop.paths import templates_dir


def _preset(code: str) -> dict:
    return json.loads((templates_dir() / "targets" / f"{code}.json").read_text(encoding="utf-8"))


def test_every_preset_parses_and_cites_a_policy_file():
    codes = sorted(p.stem for p in (templates_dir() / "targets").glob("*.json"))
    assert codes == ["heyuan-2025", "heyuan-support-2025", "jieyang-2025", "qingyuan-2021"]
    for code in codes:
        spec, reasons = parse_target_set(_preset(code))
        assert spec is not None, reasons
        assert spec.code == code and spec.issuer and spec.targets
        for t in spec.targets:
            assert t.issuer and t.document and t.paragraph
            assert t.indicator in INDICATORS


def test_locality_settings_differ_between_presets():
    heyuan, _ = parse_target_set(_preset("heyuan-2025"))
    qingyuan, _ = parse_target_set(_preset("qingyuan-2021"))
    support, _ = parse_target_set(_preset("heyuan-support-2025"))
    assert heyuan and qingyuan and support
    assert heyuan.setting("cycle_hours_teacher") == 450 and qingyuan.setting("cycle_hours_teacher") == 360
    assert heyuan.setting("degree_thresholds")["primary"] == "21"
    assert support.setting("annual_increase")["enabled"] is True
    assert support.setting("annual_increase")["points_per_year"] == 2.0
    # A setting the document leaves out falls back to the default.
    assert qingyuan.setting("it_hours") == 50


def test_targets_carry_the_paragraph_they_come_from():
    heyuan, _ = parse_target_set(_preset("heyuan-2025"))
    assert heyuan
    primary = heyuan.target_for("edu.higher", "primary")
    assert primary and primary.value == 70 and primary.file == "000_907bcc617a669620.txt"
    assert "附件1" in primary.source and "一、（一）" in primary.source
    temp = heyuan.target_for("staff.temporary_ratio")
    assert temp and (temp.comparison, temp.value) == ("<=", 5.0) and "二、（五）6" in temp.paragraph


def test_refuses_unknown_format_and_newer_version():
    assert parse_target_set({"code": "x"})[1][0].startswith("这不是 EduReturns 指标方案文件")
    doc = _preset("jieyang-2025") | {"format_version": 99}
    spec, reasons = parse_target_set(doc)
    assert spec is None and "请先升级软件" in reasons[0]


def test_refuses_bad_targets_with_every_reason():
    doc = _preset("jieyang-2025")
    doc["code"] = "Bad Code"
    doc["targets"] = [
        {"indicator": "no.such", "stage": None, "comparison": ">=", "value": 1, "unit": "%"},
        {"indicator": "edu.higher", "stage": "大学", "comparison": ">=", "value": 1, "unit": "%"},
        {"indicator": "edu.higher", "stage": "primary", "comparison": "=", "value": 1, "unit": "%"},
        {"indicator": "edu.higher", "stage": "primary", "comparison": ">=", "value": 120, "unit": "%"},
        {"indicator": "class.large", "stage": None, "comparison": "<=", "value": "零", "unit": "个"},
        {"indicator": "kg.public_share", "stage": None, "comparison": ">=", "value": 50, "unit": "%"},
        {"indicator": "kg.public_share", "stage": None, "comparison": ">=", "value": 60, "unit": "%"},
        {"indicator": "training.on_track", "stage": None, "comparison": ">=", "value": 450, "unit": "学时"},
    ]
    doc["settings"] = {"cycle_hours_teacher": -1, "colour": "red"}
    spec, reasons = parse_target_set(doc)
    assert spec is None
    text = "\n".join(reasons)
    for expected in ("方案代码", "no.such", "学段“大学”", "比较方式", "0–100", "目标值应为数字", "重复出现",
                     "cycle_hours_teacher", "colour", "计量单位应为“%”"):
        assert expected in text
