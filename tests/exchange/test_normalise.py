"""Cell normalising: dates in every style clerks use, IDs Excel has damaged, labels to codes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop.domain.codes import EducationLevel, Ethnicity, Title, TrainingLevel
from desktop.exchange.normalise import (
    CellError,
    cell_text,
    parse_bool,
    parse_code,
    parse_date,
    parse_id,
    parse_name,
    parse_number,
)


@pytest.mark.parametrize("value", [
    "1985-03-01", "1985/3/1", "1985.3.1", "1985.03.01", "1985年3月1日", "1985年3月", "1985年03月", "1985.03",
    "1985-3", "198503", "19850301", 198503, 19850301, 31107, 31107.0, 1985.03, date(1985, 3, 1),
    datetime(1985, 3, 1, 0, 0), "１９８５年３月１日", " 1985 - 03 - 01 ", "1985-03-01 00:00:00",
])
def test_dates_in_every_common_style_mean_the_same_day(value: object) -> None:
    assert parse_date(value) == date(1985, 3, 1)


def test_1904_serials_are_four_years_and_a_day_later_than_1900_serials() -> None:
    assert parse_date(31107, date1904=False) == date(1985, 3, 1)
    assert parse_date(31107, date1904=True) == date(1989, 3, 2)


@pytest.mark.parametrize(("value", "phrase"), [
    (1985.1, "无法判断是 1 月还是 10 月"),
    (1985, "只有年份"),
    ("1985-02-30", "不存在"),
    ("1850-01-01", "年份 1850 不合理"),
    ("去年九月", "不是可识别的日期"),
    (True, "不是日期"),
    (99999999, "不是可识别的日期"),
])
def test_ambiguous_or_impossible_dates_are_errors_with_reasons(value: object, phrase: str) -> None:
    with pytest.raises(CellError) as info:
        parse_date(value)
    assert phrase in info.value.message


def test_ids_are_folded_to_half_width_upper_case_without_spaces() -> None:
    assert parse_id(" ４４１６２２ １９８５０３０１１２３ｘ ") == "44162219850301123X"
    assert parse_id("'441622198503011239") == "441622198503011239"


@pytest.mark.parametrize("value", [4.41622198503011e17, 441622198503011239, "4.41622E+17", "4.41622e17"])
def test_ids_stored_as_numbers_that_lost_digits_are_errors_that_say_so(value: object) -> None:
    with pytest.raises(CellError) as info:
        parse_id(value)
    assert "丢失" in info.value.message and "文本" in info.value.message


def test_labels_and_aliases_map_to_codes_and_unknown_labels_list_the_choices() -> None:
    assert parse_code("大本", EducationLevel, "最高学历") == "21"
    assert parse_code("大学本科", EducationLevel, "最高学历") == "21"
    assert parse_code(" 本 科 ", EducationLevel, "最高学历") == "21"
    assert parse_code("中学高级", Title, "职称") == "2"
    assert parse_code("21-本科", EducationLevel, "最高学历") == "21"
    assert parse_code("01 汉族", Ethnicity, "民族") == "01"
    assert parse_code("崩龙族", Ethnicity, "民族") == "46"
    assert parse_code("县（区）级", TrainingLevel, "培训层级") == "4"
    with pytest.raises(CellError) as info:
        parse_code("大学", EducationLevel, "最高学历")
    assert "“大学”不在代码表中" in info.value.message and "本科" in info.value.message
    with pytest.raises(CellError):
        parse_code("14 本科", EducationLevel, "最高学历")  # code and label disagree: not guessed


def test_names_lose_alignment_padding_but_keep_foreign_spacing() -> None:
    assert parse_name("张  三") == "张三"
    assert parse_name("　王　五　") == "王五"
    assert parse_name("阿依古丽·买买提") == "阿依古丽·买买提"
    assert parse_name("John   Smith") == "John Smith"


def test_numbers_and_yes_no() -> None:
    assert parse_number("8学时", "学时") == 8.0
    assert parse_number("３.５", "学时") == 3.5
    assert parse_number(45.0, "学生数", integer=True) == 45
    with pytest.raises(CellError, match="整数"):
        parse_number(45.5, "学生数", integer=True)
    with pytest.raises(CellError, match="应为数字"):
        parse_number("四十", "学生数")
    assert parse_bool("是", "师范类") is True and parse_bool("√", "师范类") is True
    assert parse_bool("否", "师范类") is False and parse_bool(0.0, "师范类") is False
    with pytest.raises(CellError, match="是”或“否"):
        parse_bool("也许", "师范类")
    assert cell_text(3.0) == "3" and cell_text(datetime(2024, 3, 1)) == "2024-03-01"


cells = st.one_of(st.text(max_size=30), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                  st.booleans(), st.dates(), st.none())


@given(cells)
@example(float("nan"))
@example(float("inf"))
@example(1e300)
def test_random_cells_never_raise_anything_but_a_cell_error(value: object) -> None:
    for fn in (lambda v: parse_date(v), lambda v: parse_id(v), lambda v: parse_code(v, Title, "职称"),
               lambda v: parse_number(v, "学时"), lambda v: parse_bool(v, "是否"), parse_name, cell_text):
        try:
            fn(value)
        except CellError as exc:
            assert exc.message
