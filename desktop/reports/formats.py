"""Registry of return file formats (Orange-style): a save dialog only picks a name.

``FORMATS["xlsx"]`` and ``FORMATS["pdf"]`` are classes with ``name``, ``label``,
``suffix`` and ``write(returns, path)``; a renderer registers itself with
``@register``. Writing goes to a temporary file beside the target and is renamed
into place, so a failed export never leaves half a file under the real name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from desktop.data.files import replace_file
from desktop.reports.model import ReturnData


class ReturnFormat:
    name: ClassVar[str]
    label: ClassVar[str]  # shown in the file dialog
    suffix: ClassVar[str]

    def render(self, returns: Sequence[ReturnData], path: Path) -> None:
        raise NotImplementedError

    def write(self, returns: Sequence[ReturnData], path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=self.suffix, dir=path.parent)
        os.close(fd)
        try:
            self.render(returns, Path(tmp))
            os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is an ordinary file
            replace_file(tmp, path)  # a file open in Excel or a reader: FileInUseError
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path


FORMATS: dict[str, type[ReturnFormat]] = {}

F = Callable[[type[ReturnFormat]], type[ReturnFormat]]


def register(cls: type[ReturnFormat]) -> type[ReturnFormat]:
    FORMATS[cls.name] = cls
    return cls


def get_format(name: str) -> ReturnFormat:
    _load_builtin()
    try:
        return FORMATS[name.strip().lower()]()
    except KeyError:
        raise ValueError(f"不支持的导出格式“{name}”，可用：{'、'.join(sorted(FORMATS))}。") from None


def _load_builtin() -> None:
    # Imported on first use, not at import time: reportlab and openpyxl are heavy.
    from desktop.reports import pdf, xlsx  # noqa: F401


def available_formats() -> dict[str, type[ReturnFormat]]:
    _load_builtin()
    return dict(FORMATS)
