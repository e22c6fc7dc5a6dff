"""Return definitions load from templates/returns/, carry the form's header block, and refuse bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.reports.definition import (
    DefinitionError,
    load_definition,
    load_definitions,
    parse_definition,
)
from desktop.reports.layout import column_codes, header_boxes

EXPECTED = ["profile", "roster", "structure", "credentials", "training", "indicators", "submissions",
            "seat_progress"]


def test_every_return_of_domain_section_4_is_defined_in_print_order() -> None:
    defs = load_definitions()
    assert [d.code for d in defs] == EXPECTED
    assert [d.table_no for d in defs] == [f"教填-0{i}表" for i in range(1, 9)]


def test_school_and_office_layouts_and_office_only_returns() -> None:
    scopes = {d.code: d.scopes for d in load_definitions()}
    for code in EXPECTED[:6]:
        assert scopes[code] == ("school", "office")
    assert scopes["submissions"] == ("office",)
    assert scopes["seat_progress"] == ("office",)


def test_no_approval_number_is_invented() -> None:
    for d in load_definitions():
        assert d.approval_no == ""
        assert d.issuer and d.title and d.measure


def test_multi_level_header_merges_groups_and_stretches_short_leaves() -> None:
    from desktop.reports.definition import get_definition

    variant = get_definition("structure").variant("school")
    boxes = {b.text: b for b in header_boxes(variant)}
    assert variant.header_depth == 3
    # 最高学历 spans its seven leaves, 未填 included (data columns 3..9 → grid columns 4..10).
    assert (boxes["最高学历"].row0, boxes["最高学历"].col0, boxes["最高学历"].col1) == (0, 4, 10)
    assert (boxes["研究生"].row0, boxes["研究生"].col0, boxes["研究生"].col1) == (1, 4, 5)
    # 本科 has a two-level path, so it is stretched down to the last header row.
    assert (boxes["本科"].row0, boxes["本科"].row1) == (1, 2)
    assert (boxes["学段"].row0, boxes["学段"].row1) == (0, 2)
    assert column_codes(variant)[:4] == ["甲", "乙", "1", "2"]


def _minimal(**school: object) -> dict[str, object]:
    base: dict[str, object] = {"code": "x", "table_no": "教填-99表", "title": "测试表", "issuer": "某局",
                               "builder": "profile"}
    base["school"] = {"columns": [{"key": "a", "header": ["甲组", "A"]}, {"key": "b", "header": ["B"]}]} | school
    return base


def test_a_minimal_definition_parses() -> None:
    d = parse_definition(_minimal())
    assert d.variant("school").header_depth == 2
    with pytest.raises(DefinitionError, match="教育局"):
        d.variant("office")


@pytest.mark.parametrize(
    ("school", "message"),
    [
        ({"columns": [{"key": "a", "header": ["G", "A"]}, {"key": "b", "header": ["B"]},
                      {"key": "c", "header": ["G", "C"]}]}, "不相邻"),
        ({"columns": [{"key": "a", "header": ["A"]}, {"key": "a", "header": ["B"]}]}, "重复"),
        ({"columns": [{"key": "a", "header": ["A"], "type": "money"}]}, "类型"),
        ({"columns": [{"key": "a", "header": []}]}, "header"),
        ({"column_relations": [{"target": "a", "parts": ["zz"]}]}, "不存在"),
    ],
)
def test_malformed_definitions_are_refused_with_a_reason(school: dict[str, object], message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        parse_definition(_minimal(**school))


def test_a_broken_toml_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("code = \n", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"bad\.toml"):
        load_definition(bad)
