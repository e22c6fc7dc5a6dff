"""One number, one definition: 大班额, rounding, 核定学位 not entered, and 教填-05's formula.

Each test builds a small county in a real migrated database, writes the returns as
real .xlsx and .pdf files and reads them back (openpyxl, pypdfium2).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.models import SchoolClass, SeatAddition, SeatTask, StageCapacity, TrainingRecord
from desktop.domain.records import StaffData, UnitData
from desktop.reports.definition import Column
from desktop.reports.formats import get_format
from desktop.reports.model import format_value
from desktop.services.indicators.compute import compute_indicators
from desktop.services.indicators.overview import overview
from desktop.services.records.staff import create_staff
from desktop.services.records.units import create_home_unit, create_unit
from desktop.services.returns.build import build_returns
from desktop.services.year.periods import ensure_period
from tests.reports.dataset import rid

CENSUS = date(2025, 9, 1)


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def _county(db: Database) -> dict[str, int]:
    """龙川县 with 小学 A (classes 45, 58, 70; 核定学位 200), 中职 V (classes 58, 60, 67),
    初中 B (class 50, no 核定学位 entered) and a seat task of 16 with 5 added."""
    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    a = create_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school", parent_code="441622",
                                 category="211", ownership="1", urban_rural="1"))
    b = create_unit(db, UnitData(code="3144012346", name="龙川县第二中学", kind="school", parent_code="441622",
                                 category="311", ownership="1", urban_rural="3"))
    v = create_unit(db, UnitData(code="3644012347", name="龙川县职业技术学校", kind="school", parent_code="441622",
                                 category="361", ownership="1", urban_rural="2"))
    period = ensure_period(db, 2025)
    with db.session(write=True) as s:
        s.add_all([
            SchoolClass(unit_id=a.id, period_id=period.id, grade="P1", name="一年级(1)班", enrolled=45),
            SchoolClass(unit_id=a.id, period_id=period.id, grade="P1", name="一年级(2)班", enrolled=58),
            SchoolClass(unit_id=a.id, period_id=period.id, grade="P2", name="二年级(1)班", enrolled=70),
            SchoolClass(unit_id=b.id, period_id=period.id, grade="J1", name="七年级(1)班", enrolled=50),
            SchoolClass(unit_id=v.id, period_id=period.id, grade="V1", name="机电1班", enrolled=58),
            SchoolClass(unit_id=v.id, period_id=period.id, grade="V1", name="机电2班", enrolled=60),
            SchoolClass(unit_id=v.id, period_id=period.id, grade="V2", name="会计1班", enrolled=67),
            StageCapacity(unit_id=a.id, period_id=period.id, stage="primary", approved_seats=200),
            SeatTask(unit_id=county.id, plan_name="十四五", start_year=2021, end_year=2025, stage="primary", seats=16),
            SeatAddition(unit_id=a.id, period_id=period.id, stage="primary", method="1", seats=5),
        ])
    return {"county": county.id, "a": a.id, "b": b.id, "v": v.id, "period": period.id}


@pytest.fixture
def world(db: Database) -> dict[str, int]:
    return _county(db)


def _by_code(returns: list, code: str):
    return next(r for r in returns if r.code == code)


def _row(data, label: str) -> dict[str, object]:
    row = next(r for r in data.rows if r.label.strip("　") == label)
    return dict(zip((c.key for c in data.columns), row.values, strict=True))


# ---------------------------------------------------------------- 7. one 大班额 definition

def test_large_classes_have_one_definition_in_every_return_and_on_the_overview(db: Database, world) -> None:
    returns = build_returns(db, "all", world["county"], world["period"])
    profile = _by_code(returns, "profile")
    total = _row(profile, "总计")
    indicators = {r.code: r for r in compute_indicators(db, world["county"], world["period"]).results}
    card = overview(db, period_id=world["period"], as_of=CENSUS)
    # 小学 58 is the only 大班额 and 小学 70 the only 超大班额: the 中职 classes (58, 60, 67) are not counted.
    assert (total["large"], total["xlarge"]) == (1, 1)
    assert (indicators["class.large"].value, indicators["class.oversized"].value) == (1, 1)
    assert (len(card.large_classes), len(card.huge_classes)) == (1, 1)
    assert _row(profile, "龙川县职业技术学校")["large"] is None  # shown as “—”, as in its own return
    six = _row(_by_code(returns, "indicators"), "大班额班级数")
    assert six["value"] == total["large"]
    assert "中职" in profile.definition.notes and "不计入" in profile.definition.notes


def test_a_school_return_shows_no_large_class_count_for_its_vocational_stage(db: Database, world) -> None:
    (profile,) = build_returns(db, "profile", world["v"], world["period"])
    vocational = _row(profile, "中职")
    assert vocational["classes"] == 3 and vocational["large"] is None and vocational["xlarge"] is None


# ---------------------------------------------------------------- 8. rounding half up, counts whole, no exponent

def test_numbers_become_text_half_up_in_one_place() -> None:
    from desktop.domain.numbers import amount, fixed, percent

    assert percent(5, 16) == 31.3 and fixed(31.25, 1) == "31.3" and fixed(2.675, 2) == "2.68"
    assert format_value(Column(key="rate", header=("率",), type="pct"), 31.25) == "31.3"
    assert format_value(Column(key="value", header=("值",), type="dec2"), 2) == "2"
    assert amount(3721632.0) == "3721632" and amount(16.5) == "16.5"


def test_a_percentage_prints_half_up_in_excel_and_pdf(db: Database, world, tmp_path: Path) -> None:
    (progress,) = build_returns(db, "seat_progress", world["county"], world["period"])
    row = _row(progress, "小学")
    assert (row["task"], row["done"], row["rate"]) == (16, 5, 31.3)
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    get_format("xlsx").write([progress], xlsx)
    get_format("pdf").write([progress], pdf)
    cells = [c for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) for c in r]
    assert 31.3 in cells and 31.2 not in cells
    text = pdf_text(pdf)
    assert "31.3" in text and "31.2" not in text


def test_counts_print_whole_in_the_indicator_return(db: Database, world, tmp_path: Path) -> None:
    (six,) = build_returns(db, "indicators", world["county"], world["period"])
    pdf = tmp_path / "six.pdf"
    get_format("pdf").write([six], pdf)
    large = _row(six, "大班额班级数")
    assert large["value"] == 1 and isinstance(large["value"], int)
    assert "1.00" not in pdf_text(pdf).split("大班额班级数")[1].split("\n")[0]


@pytest.mark.sqlite_only  # drives the CLI on the fixture's database file (`--db`)
def test_consolidation_summary_prints_every_digit_of_the_hours(db: Database, db_path: Path, world,
                                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = create_staff(db, world["a"], StaffData(name="张三", id_number=rid("19850301", 123)))
    with db.session(write=True) as s:
        s.add(TrainingRecord(staff_id=person.id, title="合计学时", start_date=date(2025, 3, 1),
                             end_date=date(2025, 3, 1), level="5", mode="03", category="2", hours=3721632.0))
    assert main(["consolidate", "--db", str(db_path), "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "3721632 学时" in out and "e+" not in out


# ---------------------------------------------------------------- 9. an empty 核定学位 is not zero

def test_capacity_not_entered_is_not_zero_and_the_county_total_equals_the_indicator(db: Database, world,
                                                                                    tmp_path: Path) -> None:
    (profile,) = build_returns(db, "profile", world["county"], world["period"])
    b = _row(profile, "龙川县第二中学")
    assert b["approved"] == "未填" and b["balance"] == "未填"  # not 0, and not −50
    assert _row(profile, "龙川县第一小学")["balance"] == 200 - (45 + 58 + 70)
    balance = {r.stage: r.value for r in compute_indicators(db, world["county"], world["period"]).results
               if r.code == "seats.balance"}
    assert _row(profile, "总计")["balance"] == sum(balance.values()) == 27
    xlsx, pdf = tmp_path / "p.xlsx", tmp_path / "p.pdf"
    get_format("xlsx").write([profile], xlsx)
    get_format("pdf").write([profile], pdf)
    rows = {r[0]: r for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) if r[0]}
    assert "未填" in rows["龙川县第二中学"] and -50 not in rows["龙川县第二中学"]
    assert "未填" in pdf_text(pdf)
    (school,) = build_returns(db, "profile", world["b"], world["period"])
    assert _row(school, "总计")["approved"] == "未填" and _row(school, "初中")["balance"] == "未填"


# ---------------------------------------------------------------- 10. 教填-05 states the formula it uses

def test_training_return_note_states_the_formula_it_computes(db: Database, world, tmp_path: Path) -> None:
    from desktop.domain.indicators.training import PACE_FORMULA

    (five,) = build_returns(db, "training", world["county"], world["period"])
    assert PACE_FORMULA in five.definition.notes and "已过学年数" not in five.definition.notes
    info = dict(five.info)
    # 2021-01-01 … 2025-09-01 is 4 years 8 months: 56 of 60 months.
    assert info["应达学时算式"] == "450 × 56 ÷ 60 = 420" and info["应达学时（教师/校长）"] == "420/420"
    pdf = tmp_path / "five.pdf"
    get_format("pdf").write([five], pdf)
    text = pdf_text(pdf).replace("\r", "").replace("\n", "")
    assert "周期内已过整月数" in text and "450 × 56 ÷ 60 = 420" in text
