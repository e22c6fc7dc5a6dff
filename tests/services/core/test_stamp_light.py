"""The data stamp through plain ``sqlite3`` (the start-up's light read) equals the services' stamp.

The first paint trusts kept figures only when the stamp of the file equals the stamp they were
kept at; the light read computes it without SQLAlchemy. Equal on an empty database, on a demo
school, after an edit by the program and after a change by a SQL tool; and the table list the
light read uses is the models' own.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.models import Base
from desktop.data.stampsql import TABLES, sqlite_stamp
from desktop.services.admin.database import open_database
from desktop.services.core import users
from desktop.services.core.stamp import LARGE, data_stamp


def _light(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return sqlite_stamp(conn)
    finally:
        conn.close()


def test_the_light_table_list_is_the_models() -> None:
    expected = tuple((t.name, "id" in t.c, "updated_at" in t.c and t.name not in LARGE)
                     for t in Base.metadata.sorted_tables if t.name != "training_sums")
    assert expected == TABLES


def test_the_same_stamp_on_an_empty_database(db: Database, db_path: Path) -> None:
    if db.path is None:
        return  # the server lane: no file to read lightly
    assert data_stamp(db) == _light(db_path)


def test_the_same_stamp_on_a_demo_school_before_and_after_edits(tmp_path: Path) -> None:
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    db = open_database(path).db
    try:
        first = data_stamp(db)
        assert first == _light(path)
        users.set_setting(db, users.SYSTEM, "stamp-test", "1")  # an edit by the program (with its audit entry)
        edited = data_stamp(db)
        assert edited != first and edited == _light(path)
        first = edited
        with sqlite3.connect(path) as conn:  # an edit through the program's own table, as a SQL tool would
            conn.execute("UPDATE staff SET updated_at = ? WHERE id = (SELECT min(id) FROM staff)",
                         (f"{date.today().isoformat()} 23:59:59.000001",))
        second = data_stamp(db)
        assert second != first and second == _light(path)
        with sqlite3.connect(path) as conn:  # a count changed behind the program's back
            conn.execute("DELETE FROM classes WHERE id = (SELECT max(id) FROM classes)")
        third = data_stamp(db)
        assert third not in (first, second) and third == _light(path)
    finally:
        db.dispose()
