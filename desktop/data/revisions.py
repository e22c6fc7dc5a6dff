"""The schema revision a program expects, read from the revision files with the standard library only.

``migrate.upgrade`` uses it to skip Alembic when the database is current; the start-up's
light read (``services.indicators.early``) uses it, before SQLAlchemy is even imported, to
tell whether a database needs an upgrade (then nothing kept is shown before the upgrade ran).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desktop.paths import migrations_dir

_REVISION = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*['"]?([\w.-]+|None)['"]?""", re.M)


def file_head(script_location: Path | None = None) -> str | None:
    """The head revision read straight from the revision files, without importing Alembic.

    The single revision no other names as its ``down_revision``; None when that is not
    exactly one (then ``upgrade`` asks Alembic, which explains the problem).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in ((script_location or migrations_dir()) / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision", "None") != "None":
                parents.add(found["down_revision"])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def sqlite_revision(conn: sqlite3.Connection) -> str | None:
    """The revision stamped in an SQLite file, through a plain ``sqlite3`` connection (None: none)."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])
