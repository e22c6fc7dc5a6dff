"""A planted county season (issue 23): 20 schools report to a county at known times.

Schools 1–19 are demo schools, school 20 has nothing to report and sends a 零上报.
School 18 never reports. The times are planted (``received_at``), never waited for.
Every school explains its warnings before sending, as the rule for sending asks.
Deadline: the 2025 period's 2025-09-20. Times are at 04:00 UTC (noon in 河源), so the
local day is the same in any time zone within ±11 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.data.engine import Database
from desktop.domain.records import UnitData
from desktop.services.packages.export import ImportSummary, export_package, import_packages
from desktop.services.records.units import create_home_unit, create_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.package_world import COUNTY, make_office, make_school, new_db, school_code

DEADLINE = date(2025, 9, 20)
TODAY = date(2025, 9, 30)
#: school number → day of September 2025 its package arrives (18 never does).
ARRIVALS = {**dict.fromkeys(range(1, 6), 15), 20: 16, **dict.fromkeys(range(6, 11), 18), 19: 19,
            **dict.fromkeys(range(11, 15), 20), 15: 22, 16: 22, 17: 25}
ZERO = 20
SILENT = 18
ZERO_REASON = "本校2025学年暂停办学，无在编教职工和学生。"


def at(day: int) -> datetime:
    return datetime(2025, 9, day, 4, 0)


def make_zero_school(root: Path) -> Database:
    db = new_db(root / "school-zero.db")
    create_home_unit(db, UnitData(code=school_code(ZERO), name=f"测试第{ZERO}学校", kind="school",
                                  parent_code=COUNTY[0], category="211", ownership="1", urban_rural="3"))
    ensure_period(db, 2025)
    return db


@dataclass
class Season:
    root: Path
    schools: dict[int, Database]
    packages: dict[int, Path]
    county: Database
    imports: dict[int, ImportSummary]
    receipts: Path


def build_season(root: Path, county_name: str = "county.db") -> Season:
    schools = {i: make_school(root, i) for i in range(1, 20)}
    schools[ZERO] = make_zero_school(root)
    county = make_office(root / county_name, *COUNTY, "county", "441600")
    # The county's list of expected schools (应报单位名单) names the one that never reports.
    create_unit(county, UnitData(code=school_code(SILENT), name=f"测试第{SILENT}学校", kind="school",
                                 parent_code=COUNTY[0], category="211", ownership="1", urban_rural="3"))
    packages: dict[int, Path] = {}
    imports: dict[int, ImportSummary] = {}
    receipts = root / "receipts"
    for i, day in sorted(ARRIVALS.items(), key=lambda kv: (kv[1], kv[0])):
        out = root / f"packages-{i}"
        zero = ZERO_REASON if i == ZERO else None
        explain_warnings(schools[i])  # the rule for sending: every warning explained (a 零上报 has none)
        packages[i] = export_package(schools[i], out, with_returns=False, zero_report=zero).path
        imports[i] = import_packages(county, [packages[i]], received_at=at(day), receipts_dir=receipts)
        assert imports[i].results[0].ok, imports[i].lines()
    return Season(root, schools, packages, county, imports, receipts)
