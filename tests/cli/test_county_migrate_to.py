"""A county demo built in SQLite, moved with ``edureturns-cli migrate-to``, prints the same on PostgreSQL.

The done-criterion of issue 9: identical counts, indicator results and return
fingerprints. The command verifies the copy itself; this test checks each of those
again on its own, so a bug in the command's verification cannot hide a bad copy.
The county here has 20 schools from the same demo builder (the full 300-school,
800,000-row county is moved and checked in ``benchmarks/postgres_bench.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.data.transfer import fingerprints
from desktop.services.demo import build_demo, count_rows
from desktop.services.indicators.compute import compute_indicators
from desktop.services.records.units import home_unit
from desktop.services.returns.build import build_returns, list_returns
from desktop.services.year.periods import latest_period
from tests.conftest import MakeDatabase

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow]

SMALL_COUNTY = {"schools": 20, "staff": 600, "training": 30_000, "classes": 160}


def _prints(db: Database) -> tuple[list[object], dict[str, str]]:
    """The home unit's indicator results and the fingerprint of every return it prints."""
    unit, period = home_unit(db), latest_period(db)
    assert unit is not None and period is not None
    indicators = list(compute_indicators(db, unit.id, period.id).results)
    codes = [info.code for info in list_returns(db, unit.id)]
    returns = {r.definition.code: r.fingerprint for r in build_returns(db, codes, unit.id, period.id)}
    return indicators, returns


def test_a_sqlite_county_moved_to_postgresql_prints_identical_returns(
    tmp_path: Path, make_db: MakeDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "county.db"
    source = Database.for_path(path)
    upgrade(source)
    summary = build_demo(source, "county", county_size=SMALL_COUNTY)
    assert summary.schools == 20 and summary.staff == 600 and summary.training == 30_000
    target = make_db("server", migrated=False)
    assert not target.is_sqlite

    assert main(["migrate-to", target.url, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "行数和指纹全部一致" in out and "不一致" not in out

    # Counts and per-table content fingerprints, read again from both databases.
    assert count_rows(target) == count_rows(source)
    assert count_rows(target)["training"] == 30_000
    assert fingerprints(target) == fingerprints(source)
    # What the county prints: every indicator and every return's fingerprint.
    src_indicators, src_returns = _prints(source)
    dst_indicators, dst_returns = _prints(target)
    assert len(src_returns) >= 5 and all(src_returns.values())
    assert dst_returns == src_returns
    assert dst_indicators == src_indicators
    source.dispose()
