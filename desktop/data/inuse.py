"""Who else has a database file open, so a restore never replaces a file in use.

SQLite lets several processes share one file safely (a second EduReturns window, or a
command-line job beside the open window), but it cannot say whether another process
has the file open while that process is idle. Restoring a backup under such a window
would change the data behind its back, and it would go on saving on top of the
restored file. So every process that opens a database file marks it: a small file in
``<database name>.inuse/`` that the process holds an exclusive OS lock on
(``msvcrt.locking`` on Windows, ``flock`` elsewhere) until it disposes of the database.
The OS drops the lock when a process ends, even by a crash, so a mark nobody holds
is stale and is removed by the next check.
"""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from pathlib import Path

_MINE: set[Path] = set()  # marks this process holds (a process does not count against itself)


def _folder(db_path: Path) -> Path:
    db_path = db_path.resolve()
    return db_path.parent / f"{db_path.name}.inuse"


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class UseMark:
    """This process has the database at ``db_path`` open; ``release`` when it no longer has."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path) -> UseMark | None:
        """Mark ``db_path`` as open by this process; None where no mark can be written
        (a read-only folder): opening is never refused for want of a mark."""
        folder = _folder(db_path)
        path = folder / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.lock"
        try:
            folder.mkdir(exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        if not _try_lock(fd):
            os.close(fd)
            return None
        _MINE.add(path)
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        os.close(self._fd)  # closing the handle drops the lock
        self._fd = None
        _MINE.discard(self.path)
        try:
            self.path.unlink()
            self.path.parent.rmdir()  # only when it was the last mark
        except OSError:
            pass


def other_users(db_path: Path) -> int:
    """How many other processes have ``db_path`` open now; stale marks are removed."""
    folder = _folder(db_path)
    if not folder.is_dir():
        return 0
    live = 0
    for mark in folder.glob("*.lock"):
        if mark in _MINE:
            continue
        try:
            fd = os.open(mark, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            continue  # removed meanwhile
        try:
            free = _try_lock(fd)
        finally:
            os.close(fd)
        if not free:
            live += 1
            continue
        with contextlib.suppress(OSError):
            mark.unlink()  # its process has ended
    return live
