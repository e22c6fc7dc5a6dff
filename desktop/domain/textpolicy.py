"""One rule for every free-text field (姓名, 备注, 专业, 培训名称, 主办单位 …), typed, imported or received.

Text is refused, never silently changed, when it holds characters that make
what a reader sees differ from what is stored, or that a spreadsheet would run:

* control characters (C0 including NUL, DEL, C1) — invisible, break exports;
* zero-width characters, joiners and the byte-order mark (U+200B–U+200F,
  U+2060–U+2064, U+FEFF) — two names that look the same would differ;
* bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) — a
  right-to-left override shows the name reversed in Excel;
* a first character that starts a spreadsheet formula (= + - @), also after
  leading blanks — exported text is neutralised anyway, but such text in a
  name or a note comes from a hostile file, not from a person typing.

Multi-line fields (备注, ``MULTILINE``) accept line breaks — ``\n`` and ``\r\n``, what
Excel's Alt+Enter and a CSV line end put in a cell — and keep them as they are; a
lone ``\r`` and every other character above are still refused there.
"""

from __future__ import annotations

import re

FORMULA_START = frozenset("=+-@")
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MULTILINE = frozenset({"note"})  # the fields (column names) a person may write on several lines
_LINE_BREAK = re.compile("\r\n|\n")


def text_problem(value: str, what: str, *, multiline: bool = False) -> str | None:
    """A Chinese sentence saying what is wrong with the text of field ``what``, or None when it is acceptable.

    ``multiline``: line breaks (``\n``, ``\r\n``) are part of the text (备注).
    """
    hidden = HIDDEN.search(_LINE_BREAK.sub("", value) if multiline else value)
    if hidden is not None:
        char = hidden.group()
        kind = "控制字符" if ord(char) < 0xA0 else "不可见的格式字符（如零宽字符、文字方向控制符或字节顺序标记）"
        return (f"{what}中含有{kind}（U+{ord(char):04X}），显示出来的内容和保存的内容会不一致。"
                "请删除该字符后重新输入，或在原表格中重新输入这一格。")
    stripped = value.lstrip()
    if stripped and stripped[0] in FORMULA_START:
        return (f"{what}不能以 = + - @ 开头（这是表格公式的写法），请填写真实的{what}；"
                "如确需以这些符号开头，请在前面加上文字说明。")
    return None
