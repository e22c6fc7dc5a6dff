"""Server commands: migrate-to prints a verified table-by-table report; roles SQL for a DBA."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.transfer import fingerprints
from tests.conftest import MakeDatabase


def test_setup_roles_can_print_its_sql(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "setup-roles", "--database-url", "postgresql+psycopg://owner@db/edureturns",
                 "--print-sql"]) == 0
    out = capsys.readouterr().out
    assert "CREATE POLICY er_update ON staff" in out and 'GRANT CONNECT ON DATABASE "edureturns"' in out


def test_server_commands_refuse_a_file_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "setup-roles", "--db", str(tmp_path / "x.db")]) == 2
    assert "只用于 PostgreSQL 服务器" in capsys.readouterr().err


def test_migrate_to_refuses_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-to", "postgresql+psycopg://u@h/db", "--db", str(tmp_path / "none.db")]) == 2
    assert "找不到数据库文件" in capsys.readouterr().err


@pytest.mark.postgres_only
def test_migrate_to_moves_a_school_demo_and_reports_every_table_identical(
    tmp_path: Path, make_db: MakeDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "school.db"
    assert main(["demo", "--db", str(source), "--scale", "school"]) == 0
    target = make_db("server", migrated=False)  # empty: migrate-to builds the schema itself
    capsys.readouterr()
    assert main(["migrate-to", target.url, "--db", str(source)]) == 0
    out = capsys.readouterr().out
    assert "不一致" not in out and "行数和指纹全部一致" in out
    assert fingerprints(target)["training_records"][0] == 8000
    # A second run into the now-filled database is refused, nothing is mixed.
    assert main(["migrate-to", target.url, "--db", str(source)]) == 2
    assert "不是空的" in capsys.readouterr().err
