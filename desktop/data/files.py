"""Putting a finished file in place, on Windows as on Linux.

Exports are written to a temporary name beside the target and then renamed over it,
so a half-written return or package never carries the real name. On Windows the
rename fails while another program has the target open (a clerk re-exporting while
last time's return is still open in Excel, WPS or a PDF reader: a sharing violation,
PermissionError). That is not a fault of the program: the clerk is told which file to
close, in Chinese, and the temporary file is removed.
"""

from __future__ import annotations

import os
from pathlib import Path


class FileInUseError(PermissionError):
    """The target could not be replaced because another program has it open; the message is Chinese."""


def replace_file(tmp: str | Path, target: Path) -> None:
    """Rename ``tmp`` over ``target``; ``FileInUseError`` when another program holds ``target``."""
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        raise FileInUseError(
            exc.errno,
            f"文件“{target.name}”正在被其他程序打开（例如 Excel、WPS 或 PDF 阅读器），不能替换。"
            f"请先关闭这个文件，再重新导出。位置：{target.parent}",
        ) from exc
