"""Target-set service: presets are read-only; copies are edited, exported and imported; a unit chooses one."""

from __future__ import annotations

import json

import pytest

from desktop.services.core.errors import NotFoundError, ServiceError
from desktop.services.indicators import targets


def test_lists_presets_then_copies(db):
    codes = [i.code for i in targets.list_target_sets(db)]
    assert codes == ["heyuan-2025", "heyuan-support-2025", "jieyang-2025", "qingyuan-2021"]
    info = targets.copy_target_set(db, "heyuan-2025", "longchuan-2025", "龙川县指标方案（2025）")
    assert (info.preset, info.based_on, info.targets) == (False, "heyuan-2025", 30)
    assert [i.code for i in targets.list_target_sets(db)][-1] == "longchuan-2025"


def test_presets_cannot_be_edited(db):
    with pytest.raises(ServiceError, match="预置方案，不能直接修改"):
        targets.edit_target_set(db, "heyuan-2025", name="改名")


def test_copy_refuses_a_used_code(db):
    with pytest.raises(ServiceError, match="已被使用"):
        targets.copy_target_set(db, "heyuan-2025", "jieyang-2025", "重名")


def test_edit_one_target_and_settings(db):
    targets.copy_target_set(db, "heyuan-2025", "lc", "龙川")
    targets.set_target(db, "lc", "edu.higher", "primary", 75)
    targets.set_target(db, "lc", "school.oversize", None, 0, comparison="<=")  # a new target: unit 个
    targets.edit_target_set(db, "lc", settings={"cycle_hours_teacher": 360})
    spec = targets.get_target_set(db, "lc")
    primary = spec.target_for("edu.higher", "primary")
    assert primary and primary.value == 75.0
    assert spec.setting("cycle_hours_teacher") == 360
    added = spec.target_for("school.oversize")
    assert added and (added.unit, added.comparison, added.paragraph) == ("个", "<=", "本单位设定")
    # Anything invalid is refused and nothing is saved.
    with pytest.raises(ServiceError, match="目标值应为数字"):
        targets.edit_target_set(db, "lc", targets=[{"indicator": "edu.higher", "stage": "primary",
                                                    "comparison": ">=", "value": "七十", "unit": "%"}])
    assert targets.get_target_set(db, "lc").target_for("edu.higher", "primary").value == 75.0  # type: ignore[union-attr]


def test_export_then_import_into_another_database(db, tmp_path, make_db):
    targets.copy_target_set(db, "jieyang-2025", "jy-county", "揭阳某县方案")
    targets.set_target(db, "jy-county", "kg.public_share", None, 55)
    path = targets.export_target_set(db, "jy-county", tmp_path / "set.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert (raw["format"], raw["format_version"], raw["based_on"]) == ("edureturns.target-set", 1, "jieyang-2025")

    other = make_db("school")
    info = targets.import_target_set(other, path)
    assert info.code == "jy-county"
    assert targets.get_target_set(other, "jy-county").target_for("kg.public_share").value == 55.0  # type: ignore[union-attr]
    with pytest.raises(ServiceError, match="已有代码为“jy-county”的方案"):
        targets.import_target_set(other, path)
    targets.import_target_set(other, path, replace=True)


def test_import_refuses_bad_files_in_chinese(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(ServiceError, match="无法按 JSON 读取"):
        targets.import_target_set(db, bad)
    preset = tmp_path / "preset.json"
    targets.export_target_set(db, "heyuan-2025", preset)
    with pytest.raises(ServiceError, match="与预置方案相同"):
        targets.import_target_set(db, preset)
    broken = json.loads(preset.read_text(encoding="utf-8")) | {"code": "x-1"}
    broken["targets"][0]["comparison"] = "=="
    preset.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ServiceError, match=r"指标方案未导入：.*比较方式"):
        targets.import_target_set(db, preset)
    with pytest.raises(ServiceError, match="找不到文件"):
        targets.import_target_set(db, tmp_path / "missing.json")


def test_choose_set_for_unit_and_period(db, school, period):
    assert targets.target_set_for(db, school.id, period.id).code == "heyuan-2025"  # default
    targets.choose_target_set(db, school.id, period.id, "jieyang-2025")
    assert targets.target_set_for(db, school.id, period.id).code == "jieyang-2025"
    targets.copy_target_set(db, "jieyang-2025", "mine", "本校方案")
    targets.choose_target_set(db, school.id, period.id, "mine")
    assert targets.target_set_for(db, school.id, period.id).name == "本校方案"
    with pytest.raises(NotFoundError):
        targets.choose_target_set(db, school.id, period.id, "nope")
