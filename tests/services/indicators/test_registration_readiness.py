"""定期注册 readiness (issue 23 item 7) on the hand-made county of conftest.py.

Certificates due by 2027-06-01 (today 2026-06-01, 12 months): a1, b2, k1 (2027-01-01),
a3 (2026-01-15, overdue) and a2 (never registered since 2015-06-01: due 2020-06-01, overdue).
Planted here on top of the county's training:
  a1  合格 2022–2025, +30 学时 (300 + 130 + 30 = 460 ≥ 450)         → 合格
  b2  2024 不合格, no training                                      → 不合格 (and short of hours)
  k1  合格 2022–2025, 500 学时, 师德处分 2024-03-01                 → 不合格 (师德)
  a3  420 学时 < 450, no appraisals 2021–2025, 批评教育 2025-05-01 → 暂缓
  a2  nothing in 2015-06-01 … 2020-06-01                            → 暂缓
"""

from __future__ import annotations

from datetime import date

from desktop.data.models import TrainingRecord
from desktop.services.indicators.registration import registrations_due
from desktop.services.indicators.targets import choose_target_set
from desktop.services.records.conduct import add_ethics_record, list_appraisals, set_appraisal
from tests.services.conftest import County

TODAY = date(2026, 6, 1)


def _train(county: County, who: str, hours: float, end: date) -> None:
    with county.db.session(write=True) as s:
        s.add(TrainingRecord(staff_id=county.staff[who], title="补充培训", start_date=end, end_date=end, level="4",
                             mode="1", category="2", topics="", hours=hours))


def _plant(county: County) -> None:
    db, st = county.db, county.staff
    for year in range(2022, 2026):
        set_appraisal(db, st["a1"], year, "合格")
        set_appraisal(db, st["k1"], year, "优秀")
        set_appraisal(db, st["b2"], year, "不合格" if year == 2024 else "合格")
    _train(county, "a1", 30, date(2026, 3, 1))
    _train(county, "k1", 500, date(2025, 6, 1))
    add_ethics_record(db, st["k1"], date(2024, 3, 1), "处分", "有偿补课，受到警告处分")
    add_ethics_record(db, st["a3"], date(2025, 5, 1), "批评教育", "体罚学生，批评教育")


def test_the_readiness_list_of_a_county_matches_the_planted_cases(county: County) -> None:
    _plant(county)
    rows = {r.staff_id: r for r in registrations_due(county.db, county.office, today=TODAY)}
    st = county.staff
    assert set(rows) == {st["a1"], st["a2"], st["a3"], st["b2"], st["k1"]}
    assert rows[st["a1"]].result == "合格" and rows[st["a1"]].hours == 460
    assert rows[st["b2"]].result == "不合格"
    assert any("2024 年度考核不合格" in r for r in rows[st["b2"]].reasons)
    assert any("还差 450 学时" in r for r in rows[st["b2"]].reasons)
    assert rows[st["k1"]].result == "不合格" and "处分" in rows[st["k1"]].reasons[0]
    a3 = rows[st["a3"]]
    assert a3.result == "暂缓" and a3.overdue and a3.hours == 420
    assert any("未达到 450 学时（国家最低 360 学时）" in r for r in a3.reasons)
    assert any("2021、2022、2023、2024、2025 年的年度考核" in r for r in a3.reasons)
    assert any("批评教育" in r for r in a3.reasons)
    a2 = rows[st["a2"]]
    assert a2.result == "暂缓" and a2.due == date(2020, 6, 1) and a2.hours == 0
    # Per school: only that school's teachers.
    school_a = registrations_due(county.db, county.units["A"], today=TODAY)
    assert {r.staff_id for r in school_a} == {st["a1"], st["a2"], st["a3"]}


def test_a_target_set_at_the_national_360_hours_changes_the_hours_ground(county: County) -> None:
    _plant(county)
    choose_target_set(county.db, county.office, county.period, "jieyang-2025")
    a3 = next(r for r in registrations_due(county.db, county.office, today=TODAY) if r.staff_id == county.staff["a3"])
    assert a3.required == 360 and not any("学时" in r for r in a3.reasons)
    assert a3.result == "暂缓"  # still: the appraisals are missing


def test_an_appraisal_year_entered_again_replaces_its_result(county: County) -> None:
    set_appraisal(county.db, county.staff["a1"], 2023, "基本合格")
    set_appraisal(county.db, county.staff["a1"], 2023, "2")
    assert [(a.year, a.result_label) for a in list_appraisals(county.db, county.staff["a1"])] == [(2023, "合格")]
