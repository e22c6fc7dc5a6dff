"""Every indicator on the hand-made county of ``conftest.py``; the arithmetic is in the comments.

Reference date: the census date 2025-09-01. Default set: heyuan-2025 (450 学时
per 2021–2025 cycle, so 56 months elapsed → 450 × 4.667 / 5 = 420 学时 due).
"""

from __future__ import annotations

from datetime import date

from desktop.data.models import Movement, SchoolClass, Staff, StageCapacity, Unit
from desktop.domain.indicators import IndicatorReport, IndicatorResult
from desktop.services.indicators.compute import compute_indicators, compute_indicators_by_school
from desktop.services.indicators.targets import choose_target_set


def _county(county, target_set: str | None = None) -> IndicatorReport:
    return compute_indicators(county.db, county.office, county.period, target_set=target_set)


def _get(report: IndicatorReport, code: str, stage: str | None = None) -> IndicatorResult:
    result = report.get(code, stage)
    assert result is not None, f"{code}/{stage} missing"
    return result


def _labels(result: IndicatorResult) -> list[str]:
    return [f.label.split("（")[0] for f in result.failures]


def test_higher_education_share_by_stage(county):
    rep = _county(county)
    # 小学 (本科+): a1 本科 ✓, a2 专科 ✗, a3 硕士 ✓, a4 专科 ✗ → 2/4 = 50 %, target 70 → gap −20.
    r = _get(rep, "edu.higher", "primary")
    assert (r.value, r.numerator, r.denominator, r.target, r.gap, r.passed) == (50.0, 2, 4, 70.0, -20.0, False)
    assert _labels(r) == ["李二", "赵四"]
    assert r.failures[0].record_type == "staff" and r.failures[0].record_id == county.staff["a2"]
    # 初中 (本科+): b1 ✓, b2 专科 ✗, b3 专科 ✗ → 1/3 = 33.33 %.
    assert _get(rep, "edu.higher", "junior").value == 33.33
    # 幼儿园 (专科+): k1 专科 ✓, k2 高中阶段 ✗ → 50 %; 高中 (研究生): h1 硕士 ✓, h2 本科 ✗ → 50 % ≥ 15 ✓.
    assert _get(rep, "edu.higher", "preschool").value == 50.0
    senior = _get(rep, "edu.higher", "senior")
    assert (senior.value, senior.target, senior.passed) == (50.0, 15.0, True)
    assert "附件1" in senior.source and "一、（一）" in senior.source


def test_principal_education(county):
    # Principals: a5 校长 本科 ✓ (needs 本科), b3 校长 专科 ✗ (needs 本科), k3 园长 专科 ✓ (幼儿园 needs 专科) → 2/3.
    r = _get(_county(county), "edu.principal")
    assert (r.value, r.numerator, r.denominator, r.passed) == (66.67, 2, 3, False)
    assert _labels(r) == ["郑九"]


def test_urban_rural_gap(county):
    # Add a rural 小学 with two teachers: one 专科 (meets 专科+), one 高中阶段 (does not) → rural 50 %.
    # Urban 小学 A: a1 本科, a2 专科, a3 硕士, a4 专科 → all 专科+ → 100 %. Gap = 100 − 50 = 50 points > 5.
    with county.db.session(write=True) as s:
        u = Unit(code="2144000009", name="乡村小学", kind="school", parent_id=county.office, category="211",
                 ownership="1", urban_rural="3")
        s.add(u)
        s.flush()
        for n, edu in enumerate(("31", "61")):
            s.add(Staff(unit_id=u.id, name=f"乡村{n}", id_number=f"X{n}", id_digest=f"gap{n}", gender="2",
                        teaching_stage="primary", education=edu, status="active"))
    r = _get(_county(county, "heyuan-support-2025"), "edu.urban_rural_gap", "primary")
    assert (r.value, r.numerator, r.denominator, r.target, r.comparison, r.passed) == (50.0, 100.0, 50.0, 5.0, "<=", False)
    assert _labels(r) == ["乡村1"]
    # “或者每年缩小1个百分点”: from a 2020 gap of 56 points, five years at −1 allow 51 ≥ 50 → passes.
    from desktop.services.indicators.targets import copy_target_set, edit_target_set

    copy_target_set(county.db, "heyuan-support-2025", "gap-alt", "差距")
    edit_target_set(county.db, "gap-alt", settings={"annual_increase": {
        "baselines": {"441622": {"edu.urban_rural_gap:primary": 56}}}})
    alt = _get(_county(county, "gap-alt"), "edu.urban_rural_gap", "primary")
    assert (alt.target, alt.passed) == (51.0, True) and "每年缩小1.0个百分点" in alt.source


def test_support_plan_alternative_two_points_a_year(county):
    # 帮扶方案: 小学 target 58 %, or the 2020 baseline + 2 points × 5 years. With a baseline of 38 % the
    # alternative is 38 + 10 = 48 %, lower than 58, so the effective target is 48 and 50 % passes.
    from desktop.services.indicators.targets import copy_target_set, edit_target_set

    copy_target_set(county.db, "heyuan-support-2025", "lc-support", "龙川县帮扶目标")
    edit_target_set(county.db, "lc-support", settings={"annual_increase": {
        "enabled": True, "points_per_year": 2, "gap_points_per_year": 1, "baseline_year": 2020,
        "baselines": {"441622": {"edu.higher:primary": 38}}}})
    r = _get(_county(county, "lc-support"), "edu.higher", "primary")
    assert (r.value, r.target, r.gap, r.passed) == (50.0, 48.0, 2.0, True)
    assert "每年提升2个百分点" in r.source
    # Without a baseline for the unit, the fixed 58 % applies: 50 < 58.
    r = _get(_county(county, "heyuan-support-2025"), "edu.higher", "primary")
    assert (r.target, r.passed) == (58.0, False)


def test_certificate_valid_for_stage(county):
    rep = _county(county)
    # 11 teachers; valid for the stage taught: a1 (小学 cert), a3 (初中 covers 小学), b1 (初中), b3 (高中 covers
    # 初中), k1 (幼儿园), h1 (高中) → 6/11 = 54.55 %. Not: a2 幼儿园 cert for 小学, a4 none, b2 小学 cert for
    # 初中, k2 none, h2 revoked.
    r = _get(rep, "cert.valid")
    assert (r.value, r.numerator, r.denominator, r.target, r.passed) == (54.55, 6, 11, 100.0, False)
    assert _labels(r) == ["李二", "赵四", "吴八", "陈十一", "蒋二"]
    assert "不能任教小学" in r.failures[0].detail
    # By stage: 初中 b1 ✓ b2 ✗ b3 ✓ → 2/3.
    assert _get(rep, "cert.valid", "junior").value == 66.67
    # 揭阳 sets the 幼儿园 target: k1 ✓, k2 ✗ → 50 % < 100.
    kg = _get(_county(county, "jieyang-2025"), "cert.valid", "preschool")
    assert (kg.value, kg.target, kg.passed) == (50.0, 100.0, False)


def test_registration_overdue_and_due_soon(county):
    rep = _county(county)
    # a2's 幼儿园 cert was issued 2015-06-01 and never registered → due 2020-06-01 < 2025-09-01: overdue.
    # a3's registration is due 2026-01-15, inside 6 months of 2025-09-01: due soon. h2's is revoked: ignored.
    overdue = _get(rep, "cert.registration_overdue")
    assert (overdue.value, overdue.target, overdue.comparison, overdue.passed) == (1, 0.0, "<=", False)
    assert overdue.failures[0].record_type == "credential"
    assert overdue.failures[0].record_id == county.credentials["a2"]
    soon = _get(rep, "cert.registration_due_soon")
    assert soon.value == 1 and soon.failures[0].record_id == county.credentials["a3"]


def test_training_cycle_pace_and_average(county):
    rep = _county(county)
    # Due by 2025-09-01: 420 学时. a1 300 + 130 = 430 ✓; a3 420 (ends on the census date, counted) ✓;
    # a2 200 (the 2020 record is the last cycle's) ✗; a4's record ends after the census date ✗; others 0.
    r = _get(rep, "training.on_track")
    assert (r.value, r.numerator, r.denominator) == (18.18, 2, 11)
    a2 = next(f for f in r.failures if f.record_id == county.staff["a2"])
    assert "已完成200学时" in a2.detail and "应完成420学时" in a2.detail
    # Average over 11 teachers: a1 430 + a2 200 + a3 420 + h1 100 = 1150 → 104.5.
    avg = _get(rep, "training.avg_hours")
    assert (avg.value, avg.numerator, avg.denominator, avg.unit) == (104.5, 1150.0, 11, "学时")
    # Principals a5 (450 on 2022-01-01 ✓), b3 (0), k3 (0) → 1/3.
    assert _get(rep, "training.principal_on_track").value == 33.33


def test_training_cycle_hours_follow_the_set(county):
    # 清远 uses 360 学时 per cycle: due 360 × 4.667 / 5 = 336. a1 430 ✓, a3 420 ✓, a2 200 ✗ → still 2/11,
    # but the detail names 336 and the national source.
    r = _get(_county(county, "qingyuan-2021"), "training.on_track")
    assert r.numerator == 2
    assert "应完成336学时" in r.failures[0].detail and "360学时" in r.source


def test_it_and_three_zone_hours(county):
    rep = _county(county)
    # IT (topic it) within (2022-09-01, 2025-09-01]: a1 130 ✓, a3 420 ✓ → 2/11 = 18.18 %.
    assert _get(rep, "training.it").numerator == 2
    # 三区 (teachers and principals: 11 + a5 + k3 = 13): only a1 has 面授 300 ≥ 72 and 网络 130 ≥ 60;
    # a3 has 网络 420 but no 面授; a5's 450 面授 ended 2022-01-01, before the 3-year window → 1/13 = 7.69 %.
    r = _get(rep, "training.three_zone")
    assert (r.value, r.numerator, r.denominator) == (7.69, 1, 13)
    # 揭阳 does not apply the 三区 rule at all.
    assert _county(county, "jieyang-2025").get("training.three_zone") is None


def test_county_high_and_researcher_hours(county):
    # 县中 H: h1 100 ≥ 90 ✓, h2 0 ✗ → 50 % against 揭阳's 100 %.
    r = _get(_county(county, "jieyang-2025"), "training.county_high")
    assert (r.value, r.target, r.passed) == (50.0, 100.0, False)
    # 教研员 in the office: r1 95 ✓ (2025-06-01), r2 80 ✗ in the year before the census date → 1/2.
    rr = _get(_county(county), "training.researcher")
    assert (rr.value, rr.numerator, rr.denominator) == (50.0, 1, 2)
    assert _labels(rr) == ["韩研"]


def test_temporary_teacher_ratio(county):
    # Public schools A, B, H (K is 普惠性民办, excluded): 临聘/代课 = a4 → 1; 在编 = a1 a2 a3 a5 b1 b2 b3 h1 h2
    # = 9 → 11.11 % > 5 %.
    r = _get(_county(county), "staff.temporary_ratio")
    assert (r.value, r.numerator, r.denominator, r.gap, r.passed) == (11.11, 1, 9, 6.11, False)
    assert _labels(r) == ["赵四"]


def test_backbone_ratios(county):
    rep = _county(county)
    # 骨干 among 11 teachers: a1 县级, a3 市级, b1 县级 → 3/11 = 27.27 % ≥ 10 ✓.
    r = _get(rep, "staff.backbone_ratio")
    assert (r.value, r.passed) == (27.27, True)
    # 县级骨干: a1 (城区 A), b1 (乡村 B) → 乡镇 share 1/2 = 50 % ≥ 40 ✓.
    t = _get(rep, "staff.backbone_township")
    assert (t.value, t.numerator, t.denominator, t.passed) == (50.0, 1, 2, True)


def test_senior_title_share_by_stage(county):
    rep = _county(county, "qingyuan-2021")
    # 高级+正高级: 小学 a2 → 1/4 = 25 % ≥ 15 ✓; 初中 b1 → 1/3 = 33.33 % ≥ 30 ✓; 幼儿园 0/2 < 8 ✗;
    # 高中 h1 (正高级) → 1/2 = 50 % ≥ 40 ✓.
    assert [(_get(rep, "staff.senior_title", s).value, _get(rep, "staff.senior_title", s).passed)
            for s in ("primary", "junior", "preschool", "senior")] == [
        (25.0, True), (33.33, True), (0.0, False), (50.0, True)]
    assert [f.label for f in _get(rep, "staff.senior_title", "preschool").failures] == ["龙川县镇区幼儿园"]


def test_rotation_ratio_and_backbone_share(county):
    rep = _county(county)
    # Eligible: teachers of 城区/镇区 schools (A, K, H) with ≥ 6 years there on 2025-09-01:
    # a1 (2010), a2 (2015), k1 (2018), h1 (2005) → 4. Rotated in [2024-09-01, 2025-09-01): a1 交流 ✓;
    # h1's 支教 began 2023-09-01 (too early), a2's 调动 is not a rotation, b1 is in a 乡村 school → 1/4 = 25 %.
    r = _get(rep, "rotation.ratio")
    assert (r.value, r.numerator, r.denominator, r.target, r.passed) == (25.0, 1, 4, 10.0, True)
    # 骨干 among those rotated: a1 县级骨干 → 1/1 = 100 % ≥ 20.
    b = _get(rep, "rotation.backbone")
    assert (b.value, b.passed) == (100.0, True)
    assert b.source.startswith("龙川县人民政府")


def test_student_teacher_ratio(county):
    rep = _county(county)
    # 小学 students 40+58+70+30+32 = 230 ÷ 4 teachers = 57.5 > 19; 初中 95 ÷ 3 = 31.67; 高中 110 ÷ 2 = 55.
    r = _get(rep, "ratio.student_teacher", "primary")
    assert (r.value, r.numerator, r.denominator, r.target, r.comparison, r.unit) == (57.5, 230, 4, 19.0, "<=", "生/师")
    assert _get(rep, "ratio.student_teacher", "junior").value == 31.67
    assert _get(rep, "ratio.student_teacher", "senior").value == 55.0
    assert [f.label for f in r.failures] == ["龙川县城区小学"]


def test_class_size_bands(county):
    rep = _county(county)
    # 56–65: A 二年级 58, H 高一 60 → 2; 66+: A 三年级 70 → 1; of 9 中小学 classes.
    large, huge = _get(rep, "class.large"), _get(rep, "class.oversized")
    assert (large.value, large.denominator, large.passed) == (2, 9, False)
    assert {f.record_id for f in large.failures} == {county.classes["A2"], county.classes["H1"]}
    assert huge.value == 1 and huge.failures[0].record_type == "class"
    # 幼儿园 小班 28 > 25 (标准班额); 中班 30 = 30 is fine.
    assert _get(rep, "class.over_standard").value == 1


def test_school_size(county):
    # H has 110 students ≤ 3000 → 0. Add 3000 to a class → 3110 > 3000 → 1 school.
    assert _get(_county(county, "jieyang-2025"), "school.oversize").value == 0
    with county.db.session(write=True) as s:
        s.get(SchoolClass, county.classes["H2"]).enrolled = 3050
    r = _get(_county(county, "jieyang-2025"), "school.oversize")
    assert (r.value, r.passed) == (1, False)
    assert r.failures[0].record_id == county.units["H"]


def test_seat_balance_and_progress(county):
    rep = _county(county)
    # 小学: 220 seats − 230 students = −10 (A short by 10); 初中: 100 − 95 = +5.
    primary = _get(rep, "seats.balance", "primary")
    assert (primary.value, primary.numerator, primary.denominator) == (-10, 220, 230)
    assert primary.failures[0].record_id == county.units["A"]
    assert _get(rep, "seats.balance", "junior").value == 5
    # Task 十四五 2021–2025: 小学 1000, added 300 (2024) + 200 (2025) = 500 (the 2020 seats predate the plan)
    # → 50 %; 初中 100 / 500 = 20 %.
    p = _get(rep, "seats.progress", "primary")
    assert (p.value, p.numerator, p.denominator, p.target, p.passed) == (50.0, 500, 1000, 100.0, False)
    assert _get(rep, "seats.progress", "junior").value == 20.0


def test_kindergarten_public_and_inclusive_shares(county):
    rep = _county(county, "jieyang-2025")
    # The only kindergarten K is 普惠性民办 with 28 + 30 = 58 children: 公办 0/58 = 0 %; 公办+普惠 58/58 = 100 %.
    pub, inc = _get(rep, "kg.public_share"), _get(rep, "kg.inclusive_share")
    assert (pub.value, pub.denominator, pub.target, pub.passed) == (0.0, 58, 50.0, False)
    assert (inc.value, inc.target, inc.passed) == (100.0, 85.0, True)
    assert pub.failures[0].record_id == county.units["K"]


def test_psychology_teacher_rule(county):
    # B (初中) grows to 1045 students (≥ 1000 needs one full-time psychology teacher per campus); it has none.
    with county.db.session(write=True) as s:
        s.get(SchoolClass, county.classes["B2"]).enrolled = 1000
    r = _get(_county(county, "qingyuan-2021"), "school.psych_teacher")
    assert (r.value, r.numerator, r.denominator, r.passed) == (0.0, 0, 1, False)
    assert "在校生1045人" in r.failures[0].detail
    # Make b2 a full-time 心理健康 teacher → 1/1.
    with county.db.session(write=True) as s:
        s.get(Staff, county.staff["b2"]).subject = "15"
    assert _get(_county(county, "qingyuan-2021"), "school.psych_teacher").value == 100.0


def test_resource_room_rule(county):
    # A has 3 + 2 = 5 disabled students (≥ 5) and no resource room → 0/1; after recording one → 1/1.
    r = _get(_county(county), "school.resource_room")
    assert (r.value, r.passed) == (0.0, False)
    with county.db.session(write=True) as s:
        s.query(StageCapacity).filter_by(unit_id=county.units["A"]).one().resource_room = True
    assert _get(_county(county), "school.resource_room").value == 100.0


def test_school_report_matches_by_school_split(county):
    # Computing one school directly and cutting it from the county load must agree on every result.
    split = compute_indicators_by_school(county.db, county.office, county.period)
    assert set(split) == {county.units[k] for k in "ABKH"}
    for key in "ABKH":
        direct = compute_indicators(county.db, county.units[key], county.period)
        assert split[county.units[key]].results == direct.results
    school_a = split[county.units["A"]]
    # School A alone: 临聘 a4 ÷ 在编 a1 a2 a3 a5 = 1/4 = 25 %.
    assert _get(school_a, "staff.temporary_ratio").value == 25.0
    # Office-only indicators are absent at a school (no 教研员, no seat task).
    assert school_a.get("training.researcher") is None and school_a.get("seats.progress", "primary") is None


def test_county_value_is_pooled_not_averaged(county):
    # cert.valid: A 2/4 = 50 %, B 2/3 = 66.67 %, K 1/2 = 50 %, H 1/2 = 50 %; the mean of those is 54.17 %,
    # the pooled county value is 6/11 = 54.55 %.
    assert _get(_county(county), "cert.valid").value == 54.55


def test_chosen_target_set_is_inherited_from_the_office(county):
    choose_target_set(county.db, county.office, county.period, "qingyuan-2021")
    rep = compute_indicators(county.db, county.units["A"], county.period)
    assert rep.target_set_code == "qingyuan-2021"
    assert _get(rep, "edu.higher", "primary").target == 75.0


def test_movement_out_of_window_does_not_count(county):
    # A second rotation for a2 on the census date itself belongs to the next school year.
    with county.db.session(write=True) as s:
        s.add(Movement(staff_id=county.staff["a2"], kind="exchange", start_date=date(2025, 9, 1)))
    assert _get(_county(county), "rotation.ratio").numerator == 1


def test_city_pools_its_counties(county):
    # Put a city office above the county and a second county with one 小学 teacher (本科) below it.
    # City 小学 edu.higher = (2 of A's 4 + 1) / 5 = 60 %; the county alone stays at 2/4 = 50 %.
    with county.db.session(write=True) as s:
        city = Unit(code="441600", name="河源市教育局", kind="city")
        s.add(city)
        s.flush()
        s.get(Unit, county.office).parent_id = city.id
        other = Unit(code="441624", name="和平县教育局", kind="county", parent_id=city.id)
        s.add(other)
        s.flush()
        school = Unit(code="2144000011", name="和平县小学", kind="school", parent_id=other.id, category="211",
                      ownership="1", urban_rural="2")
        s.add(school)
        s.flush()
        s.add(Staff(unit_id=school.id, name="和平一", id_number="H1", id_digest="hp1", gender="1",
                    teaching_stage="primary", education="21", status="active"))
        city_id = city.id
    city_rep = compute_indicators(county.db, city_id, county.period)
    r = _get(city_rep, "edu.higher", "primary")
    assert (r.value, r.numerator, r.denominator) == (60.0, 3, 5)
    assert _get(_county(county), "edu.higher", "primary").value == 50.0
    # The county's seat task is found from the city too (no task of its own).
    assert _get(city_rep, "seats.progress", "primary").denominator == 1000


def test_staff_are_counted_as_at_the_census_date(county):
    # a2 left on 2025-10-01 (after the census date): still one of the 4 小学 teachers of 2025学年.
    # A teacher who joined on 2025-10-01 is not counted yet. So 小学 stays at 2/4 = 50 %.
    with county.db.session(write=True) as s:
        a2 = s.get(Staff, county.staff["a2"])
        a2.status, a2.end_date, a2.end_reason = "ended", date(2025, 10, 1), "1"
        s.add(Staff(unit_id=county.units["A"], name="新来", id_number="N1", id_digest="new1", gender="2",
                    teaching_stage="primary", education="21", join_date=date(2025, 10, 1), status="active"))
    r = _get(_county(county), "edu.higher", "primary")
    assert (r.numerator, r.denominator) == (2, 4)
    # Someone who left before the census date is not counted: a4 left 2025-08-31 → 2/3 = 66.67 %.
    with county.db.session(write=True) as s:
        a4 = s.get(Staff, county.staff["a4"])
        a4.status, a4.end_date, a4.end_reason = "ended", date(2025, 8, 31), "3"
    assert _get(_county(county), "edu.higher", "primary").value == 66.67


def test_county_numbers_are_the_sums_of_the_schools(county):
    # For every indicator measured per person or per class, the county's numerator and denominator
    # are the sums of the schools' (nothing is averaged); counts add up the same way.
    county_rep = _county(county)
    schools = compute_indicators_by_school(county.db, county.office, county.period)
    pooled = ("edu.higher", "cert.valid", "training.on_track", "training.it", "training.three_zone",
              "staff.senior_title", "ratio.student_teacher", "class.large", "class.oversized")
    checked = 0
    for r in county_rep.results:
        if r.code not in pooled:
            continue
        parts = [p for rep in schools.values() if (p := rep.get(r.code, r.stage)) is not None]
        if r.numerator is not None:
            assert r.numerator == sum(p.numerator or 0 for p in parts), (r.code, r.stage)
        else:
            assert r.value == sum(p.value or 0 for p in parts), (r.code, r.stage)
        assert r.denominator == sum(p.denominator or 0 for p in parts), (r.code, r.stage)
        checked += 1
    assert checked >= 20
