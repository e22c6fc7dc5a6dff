"""What pyproject.toml promises every installation, whatever platform resolves it."""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project: dict[str, object] = tomllib.load(f)["project"]
    return project


def _named(requirements: object, name: str) -> list[str]:
    assert isinstance(requirements, list)
    return [r for r in requirements if re.match(rf"{re.escape(name)}\b", r, re.IGNORECASE)]


def test_tzdata_is_required_on_every_platform_without_a_marker() -> None:
    """A marker would be evaluated by a resolver on Linux, leaving tzdata out of the Windows bundle."""
    tz = _named(_project()["dependencies"], "tzdata")
    assert len(tz) == 1
    assert ";" not in tz[0], tz[0]


@pytest.fixture
def no_system_time_zones() -> Iterator[None]:
    """zoneinfo as on Windows: no system time-zone database on the search path."""
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    yield
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache()


def test_time_zones_resolve_without_a_system_database(no_system_time_zones: None) -> None:
    from datetime import datetime

    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")  # from the tzdata package
    assert datetime(2025, 9, 1, tzinfo=shanghai).utcoffset().total_seconds() == 8 * 3600
