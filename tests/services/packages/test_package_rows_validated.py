"""Package rows pass the same validators as typed or imported data (issue: trust holes, item 9).

Each package below is what a school holding its own database and key could
write by hand: one value changed, hashes, counts and signature all correct.
Each is refused with a Chinese reason naming the table and row, and the
county's database is unchanged. A package whose manifest lost its return
fingerprints is refused too, instead of skipping the recomputation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from package_world import CITY, COUNTY, make_office, make_school, read_table, repack, signing_key_of
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Base
from desktop.exchange.tables import BY_NAME
from desktop.services.packages.export import export_package, import_packages
from tests.explained import explain_warnings

pytestmark = pytest.mark.slow


@dataclass
class School:
    root: Path
    db: Database
    pkg: Path


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    root = tmp_path_factory.mktemp("rows")
    db = make_school(root, 1)
    explain_warnings(db)
    return School(root, db, export_package(db, root / "out", with_returns=False).path)


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _set(table: str, column: str, value: Any) -> Callable[[School], dict[str, list[list[Any]]]]:
    def edit(school: School) -> dict[str, list[list[Any]]]:
        rows = read_table(school.pkg, table)
        rows[0][BY_NAME[table].columns.index(column)] = value
        return {table: rows}
    return edit


CASES = {
    "id-123": (_set("staff", "id_number", "123"), "身份证号"),
    "gender-Z": (_set("staff", "gender", "Z"), "性别"),
    "birth-9999": (_set("staff", "birth_date", "9999-99-99"), "教职工第 1 行"),
    "hours-infinity": (_set("training", "hours", float("inf")), "不是有效的数字"),
    "hours-nan": (_set("training", "hours", float("nan")), "不是有效的数字"),
    "enrolled-negative": (_set("classes", "enrolled", -99999), "学生数不能是负数"),
    "name-nul": (_set("staff", "name", "张\x00三"), "控制字符"),
    "name-formula": (_set("staff", "name", "=cmd|' /C calc'!A0"), "表格公式"),
    "training-title-formula": (_set("training", "title", "=HYPERLINK(\"http://x\")"), "培训名称"),
    "nested-value": (_set("staff", "note", {"a": [1, 2]}), "不是单个值"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_row_a_clerk_could_not_save_refuses_the_package(school: School, case: str, tmp_path: Path) -> None:
    edit, words = CASES[case]
    forged = repack(school.pkg, tmp_path / f"{case}.erp", signing_key_of(school.db), edit(school))
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    before = row_counts(county)
    [r] = import_packages(county, [forged]).results
    assert r.status == "refused" and r.reason in ("bad_row", "bad_member"), r.message
    assert words in r.message and "重新导出" in r.message
    assert row_counts(county) == before


def test_a_package_without_its_fingerprints_is_refused(school: School, tmp_path: Path) -> None:
    assert read_table(school.pkg, "staff")  # the honest package has rows and fingerprints

    def drop(m: dict[str, Any]) -> None:
        assert m["fingerprints"], "every package carries the fingerprints of its returns"
        m["fingerprints"] = {}

    forged = repack(school.pkg, tmp_path / "nofp.erp", signing_key_of(school.db), change=drop)
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    before = row_counts(county)
    [r] = import_packages(county, [forged]).results
    assert (r.status, r.reason) == ("refused", "no_fingerprint"), r.message
    assert "数据指纹" in r.message
    assert row_counts(county) == before
    [ok] = import_packages(county, [school.pkg]).results
    assert ok.status == "imported", ok.message
