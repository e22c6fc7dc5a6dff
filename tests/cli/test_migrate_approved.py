"""``migrate-to`` moves a database that has an approved period (issue: trust holes, item 13).

The lock triggers judge each inserted row against rows already in the target;
copied table by table, an approved period's data met its own approval and the
COPY was refused. The move now runs with the guards off for its one
transaction and installs them again before committing: the copy is complete,
and the approved data are locked on the server afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import select, update

from desktop.cli import main
from desktop.data import guards
from desktop.data.models import SchoolClass, UnitPeriod
from desktop.data.transfer import fingerprints
from desktop.services.core.users import Actor
from desktop.services.year import workflow
from tests.conftest import MakeDatabase
from tests.services.package_world import make_school

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow]
REVIEWER = Actor("reviewer", "张审核", "reviewer")


def test_a_database_with_an_approved_period_moves_and_stays_locked(tmp_path: Path, make_db: MakeDatabase,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = make_school(tmp_path, 1)
    assert source.path is not None
    with source.session() as s:
        up = s.scalars(select(UnitPeriod)).one()
        unit_id, period_id = up.unit_id, up.period_id
    workflow.submit(source, REVIEWER, unit_id, period_id)
    workflow.approve(source, REVIEWER, unit_id, period_id)
    source.dispose()
    target = make_db("server", migrated=False)
    assert main(["migrate-to", target.url, "--db", str(source.path)]) == 0, capsys.readouterr().err
    assert "行数和指纹全部一致" in capsys.readouterr().out
    assert fingerprints(target) == fingerprints(source)
    with target.engine.connect() as conn:
        assert guards.installed(conn)
    with pytest.raises(sqlalchemy.exc.DBAPIError), target.engine.begin() as conn:
        conn.execute(update(SchoolClass).values(enrolled=1))
