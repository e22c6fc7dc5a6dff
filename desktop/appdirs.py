"""Where user data lives: the data folder, the default database, backups and logs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "EduReturns"


def data_dir() -> Path:
    """The user's data folder; ``EDURETURNS_HOME`` overrides it (tests, portable use)."""
    override = os.environ.get("EDURETURNS_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "edureturns.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups live beside the database they protect, in ``backups/``."""
    return db_path.resolve().parent / "backups"


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
