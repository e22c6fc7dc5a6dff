"""A teacher who left after 统计时点 still counts for the period, in every column alike.

《教填-05》 took her hours in 本周期学时合计 (the indicator engine counts people in
post on the census date) but not in 公需/专业/选修 (the split read only people still
active), so its 合计 row did not add up and every export was refused.
"""

from __future__ import annotations

from datetime import date

from desktop.reports.relations import check_relations
from desktop.services.records.staff import end_staff
from desktop.services.returns.build import build_returns, export_returns


def test_a_teacher_ended_after_the_census_date_keeps_every_relation(county, tmp_path):
    a = county.units["A"]
    end_staff(county.db, county.staff["a1"], date(2025, 10, 8), "调出")  # census date 2025-09-01
    returns = build_returns(county.db, "all", a, county.period)
    assert [f.message for r in returns for f in check_relations(r)] == []
    training = next(r for r in returns if r.code == "training")
    row = next(r for r in training.rows if r.label == "张一")
    cols = {c.key: v for c, v in zip(training.columns, row.values, strict=True)}
    assert cols["hours"] == 430 and cols["public"] + cols["prof"] + cols["elective"] == 430
    paths = export_returns(county.db, a, county.period, "all", ["xlsx", "pdf"], tmp_path)
    assert {p.suffix for p in paths} == {".xlsx", ".pdf"}


def test_the_county_training_return_counts_her_too(county):
    end_staff(county.db, county.staff["a1"], date(2025, 10, 8), "调出")
    returns = build_returns(county.db, "all", county.units["C"], county.period)
    assert [f.message for r in returns for f in check_relations(r)] == []


def test_she_is_on_the_roster_and_in_the_structure_of_the_period(county):
    end_staff(county.db, county.staff["a1"], date(2025, 10, 8), "调出")
    roster, structure, creds = build_returns(county.db, ["roster", "structure", "credentials"],
                                               county.units["A"], county.period)
    assert any(r.label == "张一" for r in roster.rows)
    teachers = structure.variant.index("teachers")
    assert structure.rows[0].values[teachers] == creds.rows[0].values[creds.variant.index("teachers")]


def test_a_teacher_without_education_still_adds_up(county):
    from desktop.data.models import Staff

    with county.db.session(write=True) as s:
        s.get(Staff, county.staff["a1"]).education = None
    structure = build_returns(county.db, ["structure"], county.units["A"], county.period)[0]
    assert check_relations(structure) == []
    assert structure.rows[0].values[structure.variant.index("edu_none")] == 1
