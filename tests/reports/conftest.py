"""Databases with the hand-made school and county data (tests/reports/dataset.py), built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from tests.reports.dataset import county_db, school_db


@dataclass
class Built:
    db: Database
    unit_id: int
    period_id: int
    path: Path
    ids: tuple[int, ...]


def _make(tmp: Path, kind: str) -> Built:
    path = tmp / f"{kind}.db"
    db = Database.for_path(path)
    upgrade(db, backup_dir=tmp / "backups")
    ids = school_db(db) if kind == "school" else county_db(db)
    return Built(db, ids[0], ids[-1], path, ids)


@pytest.fixture(scope="module")
def school_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    built = _make(tmp_path_factory.mktemp("school"), "school")
    yield built
    built.db.dispose()


@pytest.fixture(scope="module")
def county_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    built = _make(tmp_path_factory.mktemp("county"), "county")
    yield built
    built.db.dispose()
