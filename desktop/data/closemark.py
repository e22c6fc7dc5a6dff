"""The mark of a clean close: the file's size and time when the program last closed it cleanly.

The start-up quick check (``services.admin.backups``) is skipped when the mark matches the
file; the start-up's light read (``services.indicators.early``) only looks at it (it does not
use it up), to show kept figures only on a file that will open without the check.
The standard library only.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.appdirs import backups_dir_for


def clean_mark(db_path: Path) -> Path:
    return backups_dir_for(db_path) / f"{db_path.name}.clean-close.json"


def file_state(db_path: Path) -> dict[str, int] | None:
    """Size and time of the closed file; None while a journal or WAL holds unapplied writes."""
    for suffix in ("-wal", "-journal"):
        side = Path(str(db_path) + suffix)
        if side.exists() and side.stat().st_size > 0:
            return None
    st = db_path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def matches(db_path: Path) -> bool:
    """True when the mark is there and matches the file (the mark stays: the open uses it up)."""
    try:
        saved = json.loads(clean_mark(db_path).read_text(encoding="utf-8"))
        return bool(saved == file_state(db_path))
    except (OSError, ValueError):
        return False
