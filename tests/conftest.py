"""Shared fixtures: real temporary SQLite databases built with ``alembic upgrade head``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import PeriodRecord, UnitData, UnitRecord

SCHOOL_CODE = "2144012345"  # 小学, Guangdong
COUNTY_CODE = "441622"  # 龙川县


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's data folder (settings, logs, demo databases) out of the real one."""
    monkeypatch.setenv("EDURETURNS_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An empty database at the newest schema revision."""
    database = Database.for_path(db_path)
    upgrade(database, backup_dir=db_path.parent / "backups")
    yield database
    database.dispose()


@pytest.fixture
def school(db: Database) -> UnitRecord:
    """A primary school as the home unit of ``db``."""
    from desktop.services.units import create_home_unit

    return create_home_unit(
        db,
        UnitData(code=SCHOOL_CODE, name="龙川县第一小学", kind="school", parent_code=COUNTY_CODE,
                 category="211", ownership="1", urban_rural="2"),
    )


@pytest.fixture
def period(db: Database) -> PeriodRecord:
    from desktop.services.periods import ensure_period

    return ensure_period(db, 2025)
