"""EduReturns（教育数据填报）: offline teacher, training and seat returns."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def _version() -> str:
    try:
        return version("edureturns")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.1.0"


__version__ = _version()
