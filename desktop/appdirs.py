"""Where user data lives: the data folder, the default database, backups and logs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "EduReturns"


def data_dir_path() -> Path:
    """Where the user's data folder is (not created); ``EDURETURNS_HOME`` overrides it."""
    override = os.environ.get("EDURETURNS_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The user's data folder, created when missing."""
    path = data_dir_path()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "edureturns.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups live beside the database they protect, in ``backups/``."""
    return db_path.resolve().parent / "backups"


def received_dir_for(db_path: Path) -> Path:
    """Copies of the packages an office received, beside its database in ``received/``
    (the USB stick goes away; the dashboard still opens a unit's PDF returns from it)."""
    return db_path.resolve().parent / "received"


def cache_dir() -> Path:
    """Where results that can be recomputed are kept (the indicators under their data stamp).

    ``EDURETURNS_CACHE`` overrides it; with ``EDURETURNS_HOME`` set, ``cache/`` inside it;
    else the platform's user cache folder. Not created here; deleting it loses nothing.
    """
    override = os.environ.get("EDURETURNS_CACHE")
    if override:
        return Path(override)
    home = os.environ.get("EDURETURNS_HOME")
    return Path(home) / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def writable_problem(folder: Path) -> str | None:
    """None when the app can create and delete a file in ``folder``; else a Chinese sentence why not."""
    probe = folder / ".edureturns-write-test"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return (f"无法在数据文件夹 {folder} 中保存文件（{exc.strerror or exc}）。"
                "请检查磁盘空间和文件夹权限，或在“设置 → 数据位置”中查看；不要把数据放在只读的 U 盘或网络共享上。")
    return None
