"""The user's data folder is where the installer and the README say: %LOCALAPPDATA%\\EduReturns on Windows."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop.appdirs import backups_dir_for, data_dir_path, default_database


@pytest.mark.skipif(sys.platform != "win32", reason="asks Windows for the Local AppData known folder")
def test_windows_data_folder_is_local_appdata_not_roaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not %APPDATA% (Roaming): a school domain would copy a county's database at every log-on."""
    monkeypatch.delenv("EDURETURNS_HOME")
    local = Path(os.environ["LOCALAPPDATA"])
    assert data_dir_path() == local / "EduReturns"
    assert "Roaming" not in data_dir_path().parts


@pytest.mark.skipif(sys.platform != "linux", reason="XDG base directories are the Linux desktop's convention")
def test_linux_data_folder_follows_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EDURETURNS_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "数据 家"))
    assert data_dir_path() == tmp_path / "数据 家" / "EduReturns"


def test_the_override_and_the_backups_beside_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "张老师" / "教育数据 2026"
    monkeypatch.setenv("EDURETURNS_HOME", str(home))
    assert default_database() == home / "edureturns.db" and home.is_dir()
    assert backups_dir_for(default_database()) == home.resolve() / "backups"


def test_the_cache_folder_follows_its_override_then_the_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    from desktop.appdirs import cache_dir

    monkeypatch.setenv("EDURETURNS_HOME", str(tmp_path / "家"))
    monkeypatch.delenv("EDURETURNS_CACHE", raising=False)
    assert cache_dir() == tmp_path / "家" / "cache"
    monkeypatch.setenv("EDURETURNS_CACHE", str(tmp_path / "缓存"))
    assert cache_dir() == tmp_path / "缓存"
    monkeypatch.delenv("EDURETURNS_CACHE")
    monkeypatch.delenv("EDURETURNS_HOME")
    assert cache_dir() != data_dir_path()  # the platform's cache folder, not the data folder
