"""Data builders fill every return with the hand-worked numbers of tests/reports/dataset.py."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from desktop.data.models import Staff
from desktop.reports.model import ReturnData
from desktop.reports.relations import check_relations
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.compute import compute_indicators
from desktop.services.returns.build import build_return, build_returns, export_returns, list_returns
from tests.reports.conftest import Built


def table(data: ReturnData) -> dict[str, dict[str, Any]]:
    keys = [c.key for c in data.columns]
    return {r.label.strip("　"): dict(zip(keys, r.values, strict=True)) for r in data.rows}


def test_a_school_lists_six_returns_and_an_office_eight(school_data: Built, county_data: Built) -> None:
    assert len(list_returns(school_data.db, school_data.unit_id)) == 6
    assert [r.code for r in list_returns(county_data.db, county_data.unit_id)][-2:] == [
        "submissions", "seat_progress"]


def test_school_profile_counts_classes_seats_and_large_classes(school_data: Built) -> None:
    t = table(build_return(school_data.db, "profile", school_data.unit_id, school_data.period_id))
    assert t["总计"] == t["小学"]
    assert {k: t["小学"][k] for k in ("classes", "enrolled", "boarders", "disabled", "approved", "balance",
                                      "large", "xlarge", "added", "added_new", "added_expand")} == {
        "classes": 3, "enrolled": 170, "boarders": 10, "disabled": 1, "approved": 180, "balance": 10,
        "large": 1, "xlarge": 1, "added": 45, "added_new": 30, "added_expand": 15}


def test_structure_counts_active_teachers_by_education_and_title(school_data: Built) -> None:
    t = table(build_return(school_data.db, "structure", school_data.unit_id, school_data.period_id))
    row = t["小学"]
    assert (row["teachers"], row["female"]) == (4, 3)  # 赵退 (ended) and 刘䶮 (行政) are not counted
    assert (row["edu_mas"], row["edu_bac"], row["edu_col"]) == (1, 2, 1)
    assert (row["t_senior"], row["t_first"], row["t_second"], row["t_none"]) == (1, 1, 1, 1)
    assert (row["h_city"], row["h_county"]) == (1, 1)


def test_credentials_agree_with_the_indicator_engine(school_data: Built) -> None:
    db, unit, period = school_data.db, school_data.unit_id, school_data.period_id
    row = table(build_return(db, "credentials", unit, period))["总计"]
    assert (row["teachers"], row["holders"], row["matching"], row["none"]) == (4, 3, 2, 1)
    assert row["rate"] == 50.0
    assert (row["reg_over"], row["reg_soon"]) == (1, 1)
    report = compute_indicators(db, unit, period)
    valid = report.get("cert.valid")
    assert valid is not None and valid.value == row["rate"]
    overdue = report.get("cert.registration_overdue")
    assert overdue is not None and overdue.value == row["reg_over"]


def test_training_lists_each_person_with_the_engines_required_hours(school_data: Built) -> None:
    data = build_return(school_data.db, "training", school_data.unit_id, school_data.period_id)
    t = table(data)
    assert {n: (t[n]["hours"], t[n]["status"]) for n in ("王堃", "李喆", "张赟", "陈玥", "刘䶮")} == {
        "王堃": (430.0, "达标"), "李喆": (100.0, "未达标"), "张赟": (420.0, "达标"),
        "陈玥": (0.0, "未达标"), "刘䶮": (450.0, "达标")}
    assert t["王堃"]["required"] == 420.0  # 450 × 56/60 months of the 2021–2025 cycle
    assert (t["王堃"]["public"], t["王堃"]["prof"], t["王堃"]["elective"], t["王堃"]["it3"]) == (
        120.0, 150.0, 160.0, 150.0)
    assert t["合计"]["hours"] == 1400.0
    assert dict(data.info)["达标人数"] == "3"
    on_track = compute_indicators(school_data.db, school_data.unit_id, school_data.period_id).get(
        "training.on_track")
    assert on_track is not None and (on_track.numerator, on_track.denominator) == (2, 4)  # teachers only


def test_roster_masks_id_numbers_unless_full_ids_is_asked(school_data: Built) -> None:
    masked = build_return(school_data.db, "roster", school_data.unit_id, school_data.period_id)
    ids = [r.values[masked.variant.index("id_number")] for r in masked.rows]
    assert len(ids) == 5 and all(isinstance(i, str) and "********" in i for i in ids)
    full = build_return(school_data.db, "roster", school_data.unit_id, school_data.period_id, full_ids=True)
    assert all("*" not in str(r.values[full.variant.index("id_number")]) for r in full.rows)
    assert [r.label for r in masked.rows] == [r.label for r in full.rows]


def test_indicator_return_prints_the_engines_results(school_data: Built) -> None:
    data = build_return(school_data.db, "indicators", school_data.unit_id, school_data.period_id)
    report = compute_indicators(school_data.db, school_data.unit_id, school_data.period_id)
    assert len(data.rows) == len(report.results)
    vi, ti = data.variant.index("value"), data.variant.index("target")
    for row, res in zip(data.rows, report.results, strict=True):
        assert row.label == res.name
        assert row.values[vi] == (round(res.value, 2) if res.value is not None else None)
        assert row.values[ti] == (round(res.target, 2) if res.target is not None else None)


def test_county_returns_have_a_row_per_school_and_totals(county_data: Built) -> None:
    db, county, period = county_data.db, county_data.unit_id, county_data.period_id
    returns = {r.code: r for r in build_returns(db, "all", county, period)}
    assert len(returns) == 8
    for data in returns.values():
        assert check_relations(data) == [], data.code
    profile = table(returns["profile"])
    assert profile["龙川县第二中学"]["enrolled"] == 50
    assert profile["总计"]["enrolled"] == 220
    structure = table(returns["structure"])
    assert (structure["小学"]["teachers"], structure["初中"]["teachers"], structure["总计"]["teachers"]) == (4, 2, 6)
    training = table(returns["training"])
    assert (training["龙川县第二中学"]["compliant"], training["总计"]["compliant"]) == (1, 4)
    seats = table(returns["seat_progress"])
    assert (seats["合计"]["task"], seats["合计"]["done"], seats["合计"]["rate"]) == (300, 115, 38.3)
    assert (seats["初中"]["new"], seats["初中"]["buy"]) == (50, 20)
    subs = table(returns["submissions"])
    assert subs["龙川县第一小学"]["state"] == "已审核"
    assert subs["龙川县第二中学"]["state"] == "未报送"
    assert subs["总计"]["warnings"] == 2


def test_a_teacher_without_education_is_counted_under_unfilled(county_data: Built, tmp_path: Any) -> None:
    db = county_data.db
    with db.session(write=True) as s:  # one teacher loses her 学历: she moves to the 未填 column
        s.execute(update(Staff).where(Staff.name == "黄一").values(education=None))
    try:
        data = build_return(db, "structure", county_data.unit_id, county_data.period_id)
        assert check_relations(data) == []
        assert table(data)["总计"]["edu_none"] == 1
        paths = export_returns(db, county_data.unit_id, county_data.period_id, ["structure"], ["xlsx"], tmp_path)
        assert [p.name for p in paths] == [p.name for p in tmp_path.iterdir()]
        assert "草稿" not in paths[0].name
    finally:
        with db.session(write=True) as s:
            s.execute(update(Staff).where(Staff.name == "黄一").values(education="21"))


def test_asking_a_school_for_an_office_only_return_is_refused(school_data: Built) -> None:
    with pytest.raises(ServiceError, match="教育局"):
        build_return(school_data.db, "seat_progress", school_data.unit_id, school_data.period_id)
