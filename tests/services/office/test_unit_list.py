"""The office's expected-unit list imported from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.data.engine import Database
from desktop.domain.records import UnitData
from desktop.services.core.errors import ServiceError
from desktop.services.office.dashboard import dashboard
from desktop.services.office.expected import import_unit_list
from desktop.services.records.units import create_home_unit, list_units
from desktop.services.year.periods import ensure_period


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["龙川县2025学年应报学校名单"])
    ws.append(["序号", "学校标识码", "学校名称", "学校类别"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def county(db: Database) -> Database:
    create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    ensure_period(db, 2025)
    return db


def test_the_list_becomes_the_expected_units_of_the_dashboard(county: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "list.xlsx", [[1, 2144162201, "龙川县实验学校", "小学"],
                                           [2, "2144162202", "龙川县第二小学", None]])
    result = import_unit_list(county, path)
    assert (result.added, result.known) == (2, 0)
    assert [u.code for u in list_units(county, kind="school")] == ["2144162201", "2144162202"]
    assert [r.status for r in dashboard(county).rows] == ["missing", "missing"]
    assert import_unit_list(county, path).known == 2


def test_a_bad_row_is_reported_with_its_row_number_and_nothing_is_added(county: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "bad.xlsx", [[1, "2144162201", "龙川县实验学校"], [2, "123", "坏代码学校"]])
    with pytest.raises(ServiceError) as info:
        import_unit_list(county, path)
    assert "第 4 行" in info.value.message
    assert list_units(county, kind="school") == []
