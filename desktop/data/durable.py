"""Flushing a finished file, and the rename that put it in place, to disk on Windows and POSIX.

``os.fsync`` is ``fsync(2)`` on POSIX but ``FlushFileBuffers`` on Windows, and
FlushFileBuffers refuses a handle opened without write access (``PermissionError``,
errno 13). A read-only handle is enough on Linux, so a read-only open passes every
Linux test and fails every backup on a clerk's PC: the file is opened for writing
here on every platform, and nothing is written through it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# O_BINARY exists only on Windows; it keeps the C runtime from treating the handle as text.
_FLUSH_FLAGS = os.O_RDWR | getattr(os, "O_BINARY", 0)


def flush_file(path: Path) -> None:
    """Make the contents of the closed file at ``path`` durable before it is renamed or used."""
    fd = os.open(path, _FLUSH_FLAGS)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_directory(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX keeps names in the directory).

    Windows cannot open a directory as a file at all, and NTFS journals the rename itself,
    so there is nothing to flush there.
    """
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
