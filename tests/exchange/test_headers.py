"""Header detection and column mapping: synonyms, national-template decorations, candidates."""

from __future__ import annotations

from desktop.exchange.fields import ROSTER, SPECS, TRAINING
from desktop.exchange.headers import header_key, map_columns, shape_key
from desktop.exchange.sheets import Grid


def test_header_keys_ignore_required_marks_format_hints_and_width() -> None:
    assert header_key("*身份证件号") == header_key("身份证件号")
    assert header_key("出生日期(yyyy-MM-dd)") == header_key("出生日期")
    assert header_key("　姓 名（必填）") == "姓名"
    assert header_key("学时：") == "学时"


def test_national_template_headers_map_to_fields() -> None:
    grid = Grid("s", [["*姓名", "曾用名", "*性别", "*身份证件类型", "*身份证件号", "*出生日期(yyyy-MM-dd)",
                       "*民族", "*政治面貌", "*参加工作年月", "*进本校年月"], ["张三"] + [""] * 9])
    m = map_columns(grid, ROSTER)
    assert m.header_rows == (0,) and m.data_start == 1
    assert m.field_columns == {"name": 0, "gender": 2, "id_type": 3, "id_number": 4, "birth_date": 5,
                               "ethnicity": 6, "political_status": 7, "first_work_date": 8, "join_date": 9}
    assert m.columns[1].field is None  # 曾用名 is not ours


def test_each_synonym_of_the_id_column_is_recognised() -> None:
    for header in ("身份证号", "证件号码", "公民身份号码", "身份证号码", "身份证件号"):
        m = map_columns(Grid("s", [["教师姓名", header]]), ROSTER)
        assert m.field_columns == {"name": 0, "id_number": 1}, header


def test_a_column_named_twice_maps_once_and_offers_the_field_as_candidate() -> None:
    m = map_columns(Grid("s", [["姓名", "手机", "联系电话", "身份证"]]), ROSTER)
    assert m.columns[1].field == "phone" and m.columns[2].field is None
    assert "phone" in m.columns[2].candidates


def test_unrecognised_columns_get_partial_matches_as_candidates() -> None:
    m = map_columns(Grid("s", [["姓名", "身份证号", "本人最高学历情况"]]), ROSTER)
    assert m.columns[2].field is None and m.columns[2].candidates[0] == "education"


def test_overrides_win_and_required_fields_left_out_are_listed() -> None:
    grid = Grid("s", [["姓名", "号码", "学时"]])
    m = map_columns(grid, TRAINING, overrides={1: "id_number", 2: None})
    assert m.field_columns == {"name": 0, "id_number": 1}
    assert m.missing_required == ["title", "hours", "level", "mode", "category"]


def test_shape_key_is_stable_under_decoration_and_differs_between_layouts() -> None:
    assert shape_key(["*姓名", "身份证号"]) == shape_key(["姓名 ", "身份证号(必填)"])
    assert shape_key(["姓名", "身份证号"]) != shape_key(["身份证号", "姓名"])


def test_every_kind_has_unique_labels_and_a_required_field() -> None:
    for kind, spec in SPECS.items():
        labels = [f.label for f in spec]
        assert len(labels) == len(set(labels)), kind
        assert any(f.required for f in spec), kind
