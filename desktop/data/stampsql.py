"""The data stamp's one query, shared by SQLAlchemy and a plain ``sqlite3`` connection.

``services.core.stamp.data_stamp`` runs ``STAMP_SQL`` through the program's engine; the
start-up's light read (``services.indicators.early``) runs the very same text through
the standard library's ``sqlite3`` before SQLAlchemy is imported, to tell whether the
figures kept at the last start are still the database's. Both hash the row with ``digest``,
so the two stamps are equal by construction (``tests/services/core/test_stamp_light.py``).

``TABLES`` names, for every table of ``data.models`` but the kept training sums (derived
from the others), whether it has an ``id`` and whether its newest ``updated_at`` is read.
It is written out here because the light read may not import the models;
``tests/services/core/test_stamp_light.py`` checks it against the models, so a new table
or column fails there until it is listed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from typing import Any

#: (table, has an ``id``, newest ``updated_at`` read) in the models' dependency order.
TABLES: tuple[tuple[str, bool, bool], ...] = (
    ("audit_log", True, False), ("periods", True, True), ("secrets", False, False), ("settings", False, False),
    ("target_sets", True, True), ("transfers", True, True), ("units", True, True), ("classes", True, True),
    ("explanations", True, True), ("findings", True, False), ("receipts", True, False),
    ("seat_additions", True, True), ("seat_tasks", True, True), ("staff", True, True),
    ("stage_capacities", True, True), ("submissions", True, False), ("unit_periods", True, True),
    ("users", True, True), ("appraisals", True, True), ("credentials", True, True),
    ("ethics_records", True, True), ("movements", True, True), ("staff_courses", True, True),
    ("training_records", True, False), ("registrations", True, True),
)


def _parts() -> list[str]:
    parts = []
    for table, has_id, has_updated in TABLES:
        parts.append(f'(SELECT count(*) FROM "{table}")')
        if has_id:
            parts.append(f'(SELECT max(id) FROM "{table}")')
        if has_updated:
            parts.append(f'(SELECT max(updated_at) FROM "{table}")')
    return parts


#: One statement, so one snapshot of every table.
STAMP_SQL = "SELECT " + ", ".join(_parts())


def digest(row: Sequence[Any]) -> str:
    """The stamp of the row ``STAMP_SQL`` returned (sha256 hex)."""
    return hashlib.sha256(repr(tuple(str(v) for v in row)).encode()).hexdigest()


def sqlite_stamp(conn: sqlite3.Connection) -> str:
    """The stamp through a plain ``sqlite3`` connection (equal to ``data_stamp`` on the same file)."""
    return digest(conn.execute(STAMP_SQL).fetchone())
