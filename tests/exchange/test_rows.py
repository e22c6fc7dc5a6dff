"""Parsing data rows under a detected header: footers, defaults, and no crash on any content."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.exchange.fields import CLASSES, TRAINING
from desktop.exchange.headers import map_columns
from desktop.exchange.rows import parse_rows
from desktop.exchange.sheets import Grid


def test_footer_rows_are_skipped_with_a_notice_and_defaults_fill_blanks() -> None:
    grid = Grid("班级", [["年级", "班级", "学生数", "寄宿生"], ["一年级", "一(1)班", 45, ""],
                         ["合计", "", 45, 0], ["填表人：陈老师", "", "", ""]])
    mapping = map_columns(grid, CLASSES)
    rows, notices = parse_rows(grid, mapping, CLASSES, defaults={"boarders": 0})
    assert [(r.row, r.values, r.errors) for r in rows] == [
        (2, {"grade": "P1", "name": "一(1)班", "enrolled": 45, "boarders": 0}, [])]
    assert [n.row for n in notices] == [3, 4] and "表尾说明" in notices[0].message


def test_a_column_that_repeats_values_parses_each_distinct_value_once_but_reports_every_row() -> None:
    head = ["姓名", "身份证号", "培训名称", "开始日期", "学时", "培训层级", "培训形式", "科目类别"]
    grid = Grid("s", [head] + [["张三", "X", "t", "2024-13-01", 2, "校级", "面授", "公需"]] * 3)
    rows, _ = parse_rows(grid, map_columns(grid, TRAINING), TRAINING)
    assert all(any("2024-13-01" in e for e in r.errors) for r in rows)
    assert all(r.failed == {"start_date"} for r in rows)


cell = st.one_of(st.text(max_size=12), st.integers(-10**6, 10**20), st.floats(), st.booleans(), st.dates(),
                 st.just(""))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell, min_size=0, max_size=10), max_size=15))
def test_any_grid_under_a_real_header_parses_without_raising(body: list[list[object]]) -> None:
    head = ["姓名", "身份证号", "培训名称", "开始日期", "结束日期", "学时", "培训层级", "培训形式", "科目类别", "专题"]
    grid = Grid("s", [head, *body], merged=[(3, 1, 4, 2)] if len(body) > 3 else [],
                formulas_without_value={(2, 5)})
    rows, notices = parse_rows(grid, map_columns(grid, TRAINING), TRAINING, defaults={"level": "5"})
    for r in rows:
        assert r.row >= 2 and all(isinstance(e, str) and e for e in r.errors)
        start = r.values.get("start_date")
        assert start is None or isinstance(start, date)
    assert all(n.sheet == "s" for n in notices)
