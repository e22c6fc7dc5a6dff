"""The package row checks: a fast path for valid training records never lets an invalid one through.

``row_checks`` proves the common training row valid without the validators (a
county receives 800,000 of them); every row that a clerk could not have saved
must still be refused, with the domain validator's own sentence.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop.exchange.row_checks import RowProblem, check_row
from desktop.exchange.tables import TRAINING

GOOD = ["t1", "s1", "班主任培训", "县教师发展中心", "2024-05-15", "2024-05-16", "4", "02", "2", "", 8.0, None, None, None,
        "package"]
COLUMN = {c: i for i, c in enumerate(TRAINING.columns)}
BAD: dict[str, tuple[str, Any, str]] = {
    "empty title": ("title", "", "培训名称"),
    "long title": ("title", "培" * 201, "培训名称"),
    "long organiser": ("organiser", "县" * 101, "主办单位"),
    "unknown level": ("level", "X", "培训层级"),
    "unknown mode": ("mode", "X", "培训形式"),
    "unknown category": ("category", "X", "科目类别"),
    "unknown topic": ("topics", "it;nonsense", "专题"),
    "zero hours": ("hours", 0, "学时"),
    "negative hours": ("hours", -3, "学时"),
    "too many hours": ("hours", 2000.5, "学时"),
    "third of an hour": ("hours", 1.3, "半学时"),
    "hours as text": ("hours", "8", "格式不对"),
    "end before start": ("end_date", "2024-05-14", "结束日期"),
    "no such date": ("start_date", "2024-13-01", "格式不对"),
    "formula organiser": ("organiser", "@SUM(1)", "主办单位"),
    "zero-width title": ("title", "班主任\u200b培训", "培训名称"),
}


def test_a_good_training_row_passes() -> None:
    check_row("training", GOOD, 1)


@pytest.mark.parametrize("case", list(BAD))
def test_every_invalid_training_row_is_refused_with_the_validators_sentence(case: str) -> None:
    column, value, words = BAD[case]
    row = list(GOOD)
    row[COLUMN[column]] = value
    for attempt in (1, 2):  # the second time from the remembered verdict
        with pytest.raises(RowProblem) as info:
            check_row("training", row, 7 + attempt)
        assert f"培训记录第 {7 + attempt} 行" in str(info.value) and words in str(info.value), str(info.value)


def test_a_multi_line_return_comment_passes_but_hidden_characters_in_it_do_not() -> None:
    """A 退回意见 of several lines (the GUI's box and bulk 退回 with templates write them) came back
    in the school's resubmitted package and refused it (U+000A): the resubmission could never arrive."""
    from desktop.exchange.tables import UNIT_PERIODS

    row: list[Any] = [None] * len(UNIT_PERIODS.columns)
    col = {c: i for i, c in enumerate(UNIT_PERIODS.columns)}
    row[col["unit_code"]], row[col["state"]], row[col["ready"]] = "2144162201", "returned", False
    row[col["return_comment"]] = "1. 学历信息不完整。\n2. 职称请核对。\r\n\t张老师的职称请按聘任文件填写。"
    check_row("unit_periods", row, 1)
    row[col["return_comment"]] = "请核对\u202e职称"
    with pytest.raises(RowProblem):
        check_row("unit_periods", row, 1)
    row[col["return_comment"]] = "请核对\x00职称"
    with pytest.raises(RowProblem):
        check_row("unit_periods", row, 1)
