"""R6: a SQLite file on a network share is refused (with a Chinese reason pointing to server mode),
unless EDURETURNS_ALLOW_NETWORK_DB=1 says one PC uses it; then it is only a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.data.engine import Database
from desktop.data.netpath import ALLOW_ENV, NetworkDatabaseError, check_local
from desktop.services.admin import backups
from desktop.services.core.errors import ServiceError

MOUNTS = "\n".join([
    "/dev/sda1 / ext4 rw 0 0",
    "server:/export /mnt/county nfs4 rw 0 0",
    "//nas/edu /media/share\\040drive cifs rw 0 0",
])
SAMPLES = [
    # (path, platform, extra keyword arguments, on a share?)
    (r"\\server\share\edu.db", "win32", {}, True),
    ("//server/share/edu.db", "win32", {}, True),
    (r"Z:\edu\edu.db", "win32", {"drive_type": 4}, True),  # mapped network drive
    (r"C:\Users\clerk\AppData\Local\EduReturns\edu.db", "win32", {"drive_type": 3}, False),
    (r"E:\edu.db", "win32", {"drive_type": 2}, False),  # USB stick: removable, not network
    (r"\\?\C:\long\edu.db", "win32", {"drive_type": 3}, False),
    ("/mnt/county/edu.db", "linux", {"mounts_text": MOUNTS}, True),
    ("/media/share drive/edu.db", "linux", {"mounts_text": MOUNTS}, True),
    ("/home/clerk/edu.db", "linux", {"mounts_text": MOUNTS}, False),
]


@pytest.mark.parametrize(("path", "platform", "kw", "network"), SAMPLES)
def test_classifier_refuses_shares_and_accepts_local_paths(path: str, platform: str, kw: dict[str, object],
                                                           network: bool) -> None:
    if network:
        with pytest.raises(NetworkDatabaseError) as excinfo:
            check_local(path, platform=platform, env={}, **kw)
        message = str(excinfo.value)
        assert "拒绝打开" in message and "PostgreSQL 服务器模式" in message and "本机硬盘" in message
    else:
        assert check_local(path, platform=platform, env={}, **kw) is None


def test_allowed_by_the_environment_it_is_only_a_warning() -> None:
    warning = check_local(r"\\server\share\edu.db", platform="win32", env={ALLOW_ENV: "1"})
    assert warning is not None and "网络共享" in warning and "PostgreSQL" in warning


def test_opening_a_share_is_refused_in_the_data_layer_and_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    with pytest.raises(NetworkDatabaseError):
        Database.for_path("//server/share/edu.db")
    with pytest.raises(ServiceError, match="拒绝打开"):
        backups.start(Path("//server/share/edu.db"))


def test_a_local_file_opens_in_wal_mode(tmp_path: Path) -> None:
    db = Database.for_path(tmp_path / "local.db")
    try:
        with db.session() as session:
            assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.dispose()
