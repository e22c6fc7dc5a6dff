"""Turning what clerks type into Excel into clean values, or a Chinese reason why not.

Each ``parse_*`` function takes one cell value as calamine or the CSV reader
gives it (str, float, int, bool, date, datetime) and returns the clean value;
on failure it raises ``CellError`` with a sentence saying what is wrong and
how to fix it. Nothing is guessed silently: a label that matches no code, a
date that could mean two things, an ID that Excel has rounded are errors.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

from desktop.domain.birth import YearMonth
from desktop.domain.codes import CodeEnum

EPOCH_1900 = date(1899, 12, 30)  # Excel's 1900 system, counting its fictitious 1900-02-29
EPOCH_1904 = date(1904, 1, 1)
MIN_YEAR, MAX_YEAR = 1900, 2100
_MAX_SERIAL = (date(MAX_YEAR, 12, 31) - EPOCH_1900).days

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?\s*(?:0?0:00(?::00)?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
# "85年3月", "85年3月1日": a two-digit year is only taken with 年 after it.
_SHORT_YEAR = re.compile(r"(\d{2})年(\d{1,2})月(?:(\d{1,2})日?)?")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)
_CJK_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f·•\s]+")


class CellError(ValueError):
    """A cell that cannot be used; ``message`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
    """Full-width digits, letters and spaces to half-width; trimmed; runs of space to one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def cell_text(value: object) -> str:
    """A cell as clean text: 3.0 → '3', dates as ISO, full-width folded."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return fold(str(value))


def typed_text(value: object) -> str:
    """Free text (备注, 所学专业 …) as the clerk typed it: only the ends are trimmed.
    A full-width colon or bracket in a note is the clerk's writing, not noise."""
    if isinstance(value, str):
        return value.strip()
    return cell_text(value)


def parse_name(value: object) -> str:
    """A person's name: spaces padded in for alignment (张  三) are dropped for Chinese names."""
    text = cell_text(value)
    if text and _CJK_NAME.fullmatch(text):
        return "".join(text.split())
    return text


def parse_id(value: object) -> str:
    """An ID number as text; a number Excel has rounded is an error that says so."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise CellError("证件号码不是有效的数字或文本，请按证件重新输入。")
        if abs(value) >= 1e15:
            raise CellError(
                f"证件号码被 Excel 存成了数字（显示为 {value:.5E}），后几位已经丢失，无法恢复。"
                "请把这一列设为“文本”格式，按证件重新输入号码后再导入。"
            )
        return str(int(value))
    text = "".join(cell_text(value).split()).upper()
    if _SCIENTIFIC.fullmatch(text):
        raise CellError(
            f"证件号码写成了科学计数法“{text}”，说明 Excel 已把它当作数字并丢失了后几位。"
            "请把这一列设为“文本”格式，按证件重新输入号码后再导入。"
        )
    return text.lstrip("'")


def id_precision_lost(number: str) -> bool:
    """An 18-digit number ending in 000: what Excel's 15 significant digits leave of an ID."""
    return len(number) == 18 and number.isdigit() and number.endswith("000")


def _checked(year: int, month: int, day: int, original: object) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(f"日期“{original}”的年份 {year} 不合理，请核对。")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"日期“{original}”不存在（{year} 年 {month} 月没有 {day} 日），请核对。") from None


def parse_date(value: object, *, date1904: bool = False) -> date:
    """Dates as clerks write them: 1985-03-01, 1985.3.1, 1985/3/1, 1985年3月, 85年3月, 1985.03,
    198503, 19850301, Excel serial numbers (1900 or 1904 system) and real date cells.
    A year and month without a day means the 1st of that month."""
    found, _day = parse_date_parts(value, date1904=date1904)
    return found


def parse_year_month(value: object, *, date1904: bool = False) -> date | YearMonth:
    """Like ``parse_date``, but a year and month without a day stays a ``YearMonth``."""
    found, day_given = parse_date_parts(value, date1904=date1904)
    return found if day_given else YearMonth(found.year, found.month)


def parse_date_parts(value: object, *, date1904: bool = False) -> tuple[date, bool]:
    """(the date, whether the cell gave a day)."""
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    if isinstance(value, bool):
        raise CellError(f"“{cell_text(value)}”不是日期，请填写如 1985-03-01 的日期。")
    if isinstance(value, float | int):
        return _parse_number_date(value, date1904)
    return _parse_text_date(cell_text(value))


def _parse_number_date(value: float, date1904: bool) -> tuple[date, bool]:
    if not math.isfinite(value):
        raise CellError("这个单元格不是有效的日期，请写成如 1985-03-01 的形式。")
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        # 1985.03 typed into a number cell: year and month, unambiguous with two decimals.
        if re.fullmatch(r"(19|20)\d\d\.\d\d", text):
            return _checked(int(text[:4]), int(text[5:7]), 1, text), False
        if re.fullmatch(r"(19|20)\d\d\.\d", text):
            raise CellError(
                f"日期写成了数字 {text}，无法判断是 {text[5]} 月还是 {text[5]}0 月。"
                f"请把单元格设为文本，写成 {text[:4]}-{int(text[5]):02d} 或 {text[:4]}-{text[5]}0。"
            )
        value = int(value)  # a serial with a time of day
    n = int(value)
    if 190001 <= n <= 210012 and 1 <= n % 100 <= 12:
        return _checked(n // 100, n % 100, 1, n), False
    if 19000101 <= n <= 21001231:
        return _checked(n // 10000, n // 100 % 100, n % 100, n), True
    if MIN_YEAR <= n <= MAX_YEAR:
        raise CellError(f"日期“{n}”只有年份，请补上月份，如 {n}-09。")
    if 1 <= n <= _MAX_SERIAL:
        return (EPOCH_1904 if date1904 else EPOCH_1900) + timedelta(days=n), True
    raise CellError(f"“{n}”不是可识别的日期，请写成如 1985-03-01 的形式。")


def _short_year(yy: int) -> int:
    """85 → 1985, 05 → 2005: a two-digit year not after this year's is this century's."""
    this = date.today().year
    year = this // 100 * 100 + yy
    return year if year <= this else year - 100


@lru_cache(maxsize=8192)
def _parse_text_date(text: str) -> tuple[date, bool]:
    t = text.replace(" ", "")
    if not t:
        raise CellError("日期为空。")
    m = _YMD.fullmatch(t) or _COMPACT.fullmatch(t)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1), text), m.group(3) is not None
    m = _SHORT_YEAR.fullmatch(t)
    if m:
        year = _short_year(int(m.group(1)))
        return _checked(year, int(m.group(2)), int(m.group(3) or 1), text), m.group(3) is not None
    if re.fullmatch(r"\d+(\.0+)?", t):
        return _parse_number_date(int(float(t)), False)
    if re.fullmatch(r"\d{4}\.\d", t):
        return _parse_number_date(float(t), False)
    raise CellError(f"“{text}”不是可识别的日期，请写成如 1985-03-01、1985.3.1 或 1985年3月 的形式。")


def parse_number(value: object, what: str, *, integer: bool = False) -> float:
    """A count or an amount of hours; '3.5学时' and full-width digits are accepted."""
    if isinstance(value, bool):
        raise CellError(f"{what}应为数字，现在是“{cell_text(value)}”。")
    if isinstance(value, float | int):
        number = float(value)
    else:
        text = cell_text(value)
        for unit in ("学时", "课时", "小时", "人", "个", "h", "H"):
            text = text.removesuffix(unit)
        try:
            number = float(text.replace(",", "").strip())
        except ValueError:
            raise CellError(f"{what}应为数字，现在是“{cell_text(value)}”。") from None
    if not math.isfinite(number):
        raise CellError(f"{what}应为数字，现在是“{cell_text(value)}”。")
    if integer and not number.is_integer():
        raise CellError(f"{what}应为整数，现在是 {number:g}。")
    return number


_YES = frozenset({"是", "有", "√", "✓", "Y", "YES", "TRUE", "1", "专职"})
_NO = frozenset({"否", "无", "×", "N", "NO", "FALSE", "0", "兼职"})


def parse_bool(value: object, what: str) -> bool:
    text = cell_text(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"{what}应填“是”或“否”，现在是“{cell_text(value)}”。")


@lru_cache(maxsize=64)
def _label_index(table: type[CodeEnum]) -> dict[str, tuple[str, str | None]]:
    """Compare form of every accepted spelling → (code, what to show when it was not the label).

    The label and the code itself show nothing; an alias shows the label; a row of the
    table's synonym file (``templates/synonyms/``) shows its 标准值 as written there."""
    from desktop.exchange.synonyms import synonyms_for

    index: dict[str, tuple[str, str | None]] = {}
    for member in table:
        index.setdefault(_label_key(member.value), (member.value, None))
        index.setdefault(_label_key(member.label), (member.value, None))
    for member in table:
        for alias in member.aliases:
            index.setdefault(_label_key(alias), (member.value, member.label))
    for row in synonyms_for(table):
        if not row.target:
            index.setdefault(_label_key(row.spelling), ("", "（不填）"))
            continue
        target = index.get(_label_key(row.target))
        if target is None:
            raise ValueError(f"synonym {row.spelling!r} of {table.__name__} names an unknown value {row.target!r}")
        index.setdefault(_label_key(row.spelling), (target[0], row.target))
    return index


def _label_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("（", "(").replace("）", ")")


def parse_code(value: object, table: type[CodeEnum], what: str) -> str:
    """The code for a label, alias or code (本科 / 大学本科 / 大本 → '21'); unknown labels are errors.
    A spelling that means "no value" (骨干级别 “无”) gives ''."""
    return parse_code_noted(value, table, what)[0]


def parse_code_noted(value: object, table: type[CodeEnum], what: str) -> tuple[str, str | None]:
    """(code, the standard value it was read as when the cell used another spelling, else None)."""
    text = cell_text(value)
    index = _label_index(table)
    found = index.get(_label_key(text))
    if found is None:
        # "01 汉族" / "21-本科": a code typed together with its label.
        m = re.fullmatch(r"([0-9A-Za-z]+)[\s\-_.、:：]*(\S+)", text)
        if m:
            by_code = index.get(_label_key(m.group(1)))
            by_label = index.get(_label_key(m.group(2)))
            if by_code is not None and by_label is not None and by_code[0] == by_label[0]:
                return by_code[0], None
        options = "、".join(label for _, label in table.choices()[:10])
        more = "…" if len(table.choices()) > 10 else ""
        raise CellError(f"{what}“{text}”不在代码表中，请改为以下之一：{options}{more}。")
    return found
