"""The remembered-value fast paths of the row checks never let a bad value through, however late it comes.

``row_prechecks`` remembers each distinct text, date and course description it
has found harmless, so a county's 800,000 training rows cost set look-ups.
A bad value is never remembered as harmless: the same bad value in row 1 and in
row 70,000 is refused both times, with its own row number, after tens of
thousands of good rows with the same titles and other dates have filled the memory.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from desktop.exchange.row_checks import RowProblem, check_row
from desktop.exchange.tables import TRAINING

COLUMN = {c: i for i, c in enumerate(TRAINING.columns)}
GOOD = ["t1", "s1", "班主任培训", "县教师发展中心", "2024-05-15", "2024-05-16", "4", "02", "2", "", 8.0, None, None, None,
        "package"]
BAD: dict[str, tuple[str, Any, str]] = {
    "no such date": ("start_date", "2024-13-01", "格式不对"),
    "end before start": ("end_date", "2024-05-14", "结束日期"),
    "formula title": ("title", "=HYPERLINK(1)", "培训名称"),
    "hidden character in the organiser": ("organiser", "县教师\u200b发展中心", "主办单位"),
    "unknown topic": ("topics", "it;nonsense", "专题"),
    "third of an hour": ("hours", 1.3, "半学时"),
    "not a time": ("verified_at", "yesterday", "格式不对"),
    "certificate as a number": ("certificate_no", 123, "格式不对"),
    "infinite hours": ("hours", float("inf"), "不是有效的数字"),
}


def _good_rows(n: int) -> list[list[Any]]:
    """Rows a county sends: a few courses, every teacher with other dates, hours and certificate numbers."""
    rnd = random.Random(20)
    titles, organisers = ["班主任培训", "新课程标准解读", "心理健康教育专题培训"], ["本校", "县教师发展中心", None]
    rows = []
    for i in range(n):
        start = date(2022, 1, 1) + timedelta(days=rnd.randrange(1000))
        end = start + timedelta(days=rnd.randrange(3))
        rows.append([f"t{i}", f"s{i % 300}", rnd.choice(titles), rnd.choice(organisers), start.isoformat(),
                     end.isoformat(), "4", "02", "2", rnd.choice(["", "psychology"]), rnd.randrange(1, 40) / 2,
                     f"ZS{i}", rnd.choice([None, "王老师"]), rnd.choice([None, f"{start.isoformat()} 10:00:00"]),
                     "package"])
    return rows


@pytest.mark.parametrize("case", list(BAD))
def test_the_same_bad_value_in_row_1_and_row_70000_is_refused_both_times(case: str) -> None:
    column, value, words = BAD[case]
    bad = list(GOOD)
    bad[COLUMN[column]] = value
    with pytest.raises(RowProblem) as first:
        check_row("training", bad, 1)
    for index, row in enumerate(_good_rows(69_998), start=2):
        check_row("training", row, index)
    with pytest.raises(RowProblem) as last:
        check_row("training", bad, 70_000)
    assert "培训记录第 1 行" in str(first.value) and words in str(first.value), str(first.value)
    assert "培训记录第 70000 行" in str(last.value) and words in str(last.value), str(last.value)


def test_a_harmless_text_in_one_table_does_not_let_a_bad_value_of_another_table_through() -> None:
    """The memory of harmless texts is shared by all tables; a class with a negative size is still refused."""
    from desktop.exchange.tables import BY_NAME

    check_row("training", GOOD, 1)  # "班主任培训" and "县教师发展中心" remembered as harmless
    classes = BY_NAME["classes"].columns
    row: dict[str, Any] = {c: None for c in classes}
    row |= {"uid": "c1", "unit_code": "1144622001", "grade": "七年级", "name": "班主任培训",
            "enrolled": -1, "boarders": 0, "disabled": 0}
    with pytest.raises(RowProblem) as info:
        check_row("classes", [row[c] for c in classes], 3)
    assert "第 3 行" in str(info.value), str(info.value)


def test_a_row_mixing_remembered_values_is_refused_exactly_when_one_of_them_is_bad() -> None:
    """Good and bad values drawn at random into 3,000 rows: each row is refused if and only if it has a bad value."""
    rnd = random.Random(24)
    goods = _good_rows(3_000)
    for index, row in enumerate(goods, start=1):
        spoiled = rnd.random() < 0.2
        if spoiled:
            column, value, words = BAD[rnd.choice(list(BAD))]
            row = list(row)
            row[COLUMN[column]] = value
            if column == "end_date":  # only wrong against this row's own start
                row[COLUMN["start_date"]] = "2024-05-15"
            with pytest.raises(RowProblem) as info:
                check_row("training", row, index)
            assert f"第 {index} 行" in str(info.value) and words in str(info.value), str(info.value)
        else:
            check_row("training", row, index)


@pytest.mark.parametrize("value, words", [(["t1"], "不是单个值"), ({"uid": "t1"}, "不是单个值"),
                                          (float("nan"), "不是有效的数字"), (float("inf"), "不是有效的数字")])
@pytest.mark.parametrize("column", ["uid", "staff_uid"])
def test_an_identifier_that_is_not_a_plain_value_is_refused_when_every_other_value_was_seen(
        column: str, value: Any, words: str) -> None:
    """The identifiers are never remembered (each is new), so they are looked at on every row, after thousands of
    rows have made every other value of the row a remembered one."""
    rows = _good_rows(5_000)
    for index, row in enumerate(rows, start=1):
        check_row("training", row, index)
    bad = list(rows[-1])
    bad[COLUMN[column]] = value
    with pytest.raises(RowProblem) as info:
        check_row("training", bad, 5_001)
    assert "第 5001 行" in str(info.value) and words in str(info.value), str(info.value)


@pytest.mark.parametrize("value", [["2024-05-15"], {"hours": 8.0}])
def test_a_list_or_a_dict_among_remembered_values_is_refused(value: Any) -> None:
    rows = _good_rows(2_000)
    for index, row in enumerate(rows, start=1):
        check_row("training", row, index)
    bad = list(rows[-1])
    bad[COLUMN["start_date"]] = value
    with pytest.raises(RowProblem) as info:
        check_row("training", bad, 2_001)
    assert "不是单个值" in str(info.value), str(info.value)


def test_a_value_equal_to_a_remembered_one_but_of_another_kind_is_still_judged_by_its_kind() -> None:
    """Hours 8 (a whole number) after 8.0 were seen are harmless, a text "8.0" in the hours column is refused
    (a number equals only numbers, a text only texts)."""
    check_row("training", GOOD, 1)  # 8.0 remembered
    whole = list(GOOD)
    whole[COLUMN["hours"]] = 8
    check_row("training", whole, 2)
    text = list(GOOD)
    text[COLUMN["hours"]] = "8.0"
    with pytest.raises(RowProblem):
        check_row("training", text, 3)
