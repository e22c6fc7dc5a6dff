"""Is a database path on a network share? (reliability-notes §1.5, R6)

SQLite's locking is unreliable over SMB/NFS and WAL does not work there at all;
a county that wants one shared database should use the PostgreSQL mode. We
detect: UNC paths (\\\\server\\share), Windows drives of type DRIVE_REMOTE
(mapped network drives, via GetDriveTypeW), and Linux mounts whose file system
is NFS/CIFS/SMB/sshfs and similar (via /proc/mounts). macOS and anything we
cannot tell are reported as local.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path, PureWindowsPath

NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.davfs", "davfs", "fuse.glusterfs", "fuse.cephfs", "lustre", "gpfs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW result for a network drive

NETWORK_WARNING = (
    "数据库文件位于网络共享文件夹（{where}）。多人或多台电脑通过网络共享同一个数据库文件，"
    "可能导致数据损坏或丢失。请把数据库放在本机硬盘上（默认的数据文件夹即可）；"
    "如果全县需要共用一个数据库，请使用 PostgreSQL 服务器模式。"
)


def is_unc(path: str) -> bool:
    return path.startswith(("\\\\", "//")) and not path.startswith(("\\\\?\\", "\\\\.\\"))


def _mount_for(path: str, mounts_text: str) -> tuple[str, str] | None:
    """(mount point, fs type) of the longest mount point containing ``path``."""
    best: tuple[str, str] | None = None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        # /proc/mounts escapes spaces as \040
        mount_point = parts[1].replace("\\040", " ")
        prefix = mount_point.rstrip("/") + "/"
        if (path == mount_point or path.startswith(prefix) or mount_point == "/") and (
            best is None or len(mount_point) > len(best[0])
        ):
            best = (mount_point, parts[2])
    return best


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def network_location(
    path: str | Path, *, platform: str | None = None, mounts_text: str | None = None,
    drive_type: int | None = None,
) -> str | None:
    """A short description of the share when ``path`` is on one, else None.

    ``platform``, ``mounts_text`` and ``drive_type`` let tests feed in samples from
    other systems; by default they come from this machine.
    """
    platform = platform or sys.platform
    text = str(path)
    if is_unc(text):
        return text.split("\\")[2] if text.startswith("\\\\") else text.split("/")[2]
    if platform.startswith("win"):
        drive = PureWindowsPath(text).drive
        if len(drive) == 2 and drive[1] == ":":
            kind = drive_type if drive_type is not None else _windows_drive_type(drive + "\\")
            if kind == DRIVE_REMOTE:
                return f"网络驱动器 {drive}"
        return None
    if platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
        absolute = posixpath.abspath(text)  # POSIX rules whatever runs this (tests feed Linux samples on Windows)
        found = _mount_for(absolute, mounts_text)
        if found and found[1] in NETWORK_FS:
            return f"{found[1]} 挂载点 {found[0]}"
    return None


def network_warning(path: str | Path, **kw: object) -> str | None:
    """The Chinese warning to show when ``path`` is on a network share, else None."""
    where = network_location(path, **kw)  # type: ignore[arg-type]
    return NETWORK_WARNING.format(where=where) if where else None


# --- the decision (R6) -------------------------------------------------------------------------
# We refuse: a clerk whose file silently corrupts loses a term's work, and the
# rollback journal + exclusive lock fallback still depends on the share's locking
# being honest (reliability-notes §1.5). Someone who knows the share is used by one
# PC only may set EDURETURNS_ALLOW_NETWORK_DB=1: the file is then opened with the
# rollback journal (WAL needs shared memory on one host) and the warning stays.

ALLOW_ENV = "EDURETURNS_ALLOW_NETWORK_DB"

NETWORK_REFUSAL = (
    "数据库文件位于网络共享文件夹（{where}），程序拒绝打开它：SQLite 数据库通过网络共享使用时，"
    "文件锁不可靠，可能损坏数据。请把数据库文件复制到本机硬盘（如默认的数据文件夹）后再打开；"
    "如果需要多台电脑共用一个数据库，请使用 PostgreSQL 服务器模式（见 docs/server-mode.md）。"
)


class NetworkDatabaseError(Exception):
    """A SQLite file on a network share was refused; the message says why and what to do (Chinese)."""


def network_allowed(env: dict[str, str] | None = None) -> bool:
    return (os.environ if env is None else env).get(ALLOW_ENV, "") == "1"


def check_local(path: str | Path, *, env: dict[str, str] | None = None, **kw: object) -> str | None:
    """Refuse ``path`` on a network share (NetworkDatabaseError), unless allowed by the environment;
    returns the warning to show in that case, else None."""
    where = network_location(path, **kw)  # type: ignore[arg-type]
    if where is None:
        return None
    if not network_allowed(env):
        raise NetworkDatabaseError(NETWORK_REFUSAL.format(where=where))
    return NETWORK_WARNING.format(where=where)
