"""One way to open a database (services/admin/database.py), used by the command line and the GUI."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.services.admin.database import DamagedDatabase, open_database


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


@pytest.mark.sqlite_only
def test_a_file_is_checked_backed_up_upgraded_and_its_home_unit_read(tmp_path: Path) -> None:
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    opened = open_database(path)
    try:
        assert opened.home is not None and opened.home.code == "2144162201"
        assert opened.network_warning is None
        assert list((tmp_path / "backups").glob("school-daily-*.db"))
    finally:
        opened.db.dispose()


@pytest.mark.sqlite_only
def test_a_new_file_opens_without_a_home_unit(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "new.db")
    try:
        assert opened.home is None
    finally:
        opened.db.dispose()


@pytest.mark.sqlite_only
def test_a_damaged_file_is_moved_aside_and_the_reason_given(tmp_path: Path) -> None:
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    _damage(path)
    with pytest.raises(DamagedDatabase) as excinfo:
        open_database(path)
    assert "已损坏" in excinfo.value.message and excinfo.value.path == path
    assert not path.exists() and list(tmp_path.glob("school.db.corrupt.*"))


@pytest.mark.sqlite_only
def test_the_command_line_refuses_the_damaged_file_with_the_same_reason(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    _damage(path)
    assert main(["check", "--db", str(path)]) == 2
    assert "已损坏" in capsys.readouterr().err


@pytest.mark.sqlite_only
def test_a_url_skips_the_file_steps_but_is_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.db'}"
    opened = open_database(url=url)
    try:
        assert opened.home is None
        upgrade(opened.db)  # already at head: nothing to do
    finally:
        opened.db.dispose()
    assert not (tmp_path / "backups").exists()
    Database(url).dispose()
