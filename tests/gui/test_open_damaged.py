"""Opening from the GUI goes through the start-up check: a damaged file is renamed, never deleted (R3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.gui.operations.setup import open_database
from desktop.services.core.errors import ServiceError


def test_damaged_database_is_renamed_and_the_user_told_in_chinese(tmp_path: Path) -> None:
    db = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(db)]) == 0
    data = bytearray(db.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    with pytest.raises(ServiceError) as excinfo:
        open_database(path=db)
    assert "已损坏" in excinfo.value.message
    assert not db.exists()
    assert list(tmp_path.glob("school.db.corrupt.*"))


def test_a_good_database_opens_and_gets_the_days_backup(tmp_path: Path) -> None:
    db = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(db)]) == 0
    opened = open_database(path=db)
    try:
        assert opened.unit.code == "2144162201"
        assert list((tmp_path / "backups").glob("school-daily-*.db"))
    finally:
        opened.db.dispose()
