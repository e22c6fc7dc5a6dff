"""Checks on the hand-made county: errors block, warnings need a 填写说明, findings link to records."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.data.models import SchoolClass, Staff, TrainingRecord, Unit
from desktop.services.core.errors import ServiceError
from desktop.services.returns.checks import (
    list_explanations,
    run_checks,
    set_explanation,
)
from desktop.services.returns.readiness import is_ready, mark_ready


def test_county_warnings_by_rule(county):
    result = run_checks(county.db, county.office, county.period)
    # No hard errors in the clean data. Warnings (see conftest):
    #   class.large A 二年级 58, H 高一 60 → 2; class.oversized A 三年级 70 → 1; 幼儿园 小班 28 > 25 → 1;
    #   registration: a2 overdue, a3 due 2026-01-15; certificates: a2 (幼儿园 cert, teaches 小学) and b2 (小学
    #   cert, teaches 初中) above their certificate, a4 and k2 without one, h2 revoked → missing;
    #   training.behind: 9 of 11 teachers + principal k3 (b3 is both, counted once) = 10;
    #   临聘 11.11 % > 5 % → 1 unit finding; A has 230 students for 220 seats; A has 5 disabled, no room.
    assert result.errors() == []
    assert result.counts_by_rule() == {
        "cert.above_stage": 2, "cert.missing": 3, "class.large": 2, "class.over_standard": 1,
        "class.oversized": 1, "registration.due_soon": 1, "registration.overdue": 1,
        "school.resource_room_missing": 1, "seats.deficit": 1, "staff.temporary_over": 1, "training.behind": 10,
    }
    overdue = next(i for i in result.items if i.finding.rule == "registration.overdue")
    assert (overdue.finding.record_type, overdue.finding.record_id) == ("credential", county.credentials["a2"])
    assert overdue.unit_id == county.units["A"] and len(overdue.record_key) == 32  # the credential's uid
    huge = next(i for i in result.items if i.finding.rule == "class.oversized")
    assert (huge.finding.record_type, huge.finding.record_id) == ("class", county.classes["A3"])
    assert "70人" in huge.finding.message


def test_hard_errors_block_marking_ready(county):
    a = county.units["A"]
    with county.db.session(write=True) as s:
        s.get(SchoolClass, county.classes["A1"]).boarders = 41  # 41 boarders of 40 pupils
        s.add(Staff(unit_id=a, name="重复", id_number="x", id_digest="digest-a1", gender="1", status="active"))
        s.add(TrainingRecord(staff_id=county.staff["a1"], title="负学时", start_date=date(2025, 1, 1),
                             end_date=date(2025, 1, 1), level="5", mode="03", category="2", hours=-5))
        s.add(Unit(code="2144000010", name="空学校", kind="school", parent_id=county.office, category="211",
                   ownership="1", urban_rural="1"))
    result = run_checks(county.db, a, county.period)
    errors = {i.finding.rule for i in result.errors()}
    assert errors == {"class.boarders_exceed", "staff.duplicate_id", "training.hours_invalid"}
    dup = [i.finding.record_id for i in result.items if i.finding.rule == "staff.duplicate_id"]
    assert county.staff["a1"] in dup and len(dup) == 2
    # 4 errors: the boarders, both holders of the duplicated ID, the negative hours.
    assert "class.missing" in run_checks(county.db, county.office, county.period).counts_by_rule()
    with pytest.raises(ServiceError, match="还有 4 个错误，不能标记为可上报"):
        mark_ready(county.db, a, county.period)
    assert not is_ready(county.db, a, county.period)


def test_warnings_need_explanations_before_ready(county):
    h = county.units["H"]
    result = run_checks(county.db, h, county.period)
    # H: 高一 60 (大班额), h2's certificate revoked, h1 (100 学时) and h2 (0) behind the 420 学时 pace.
    assert result.counts_by_rule() == {"cert.missing": 1, "class.large": 1, "training.behind": 2}
    with pytest.raises(ServiceError, match="还有 4 条警告没有填写说明"):
        mark_ready(county.db, h, county.period)
    for item in result.items[:3]:
        set_explanation(county.db, h, county.period, item.finding.rule, item.record_key, "已制定整改计划。", "校长")
    assert len(run_checks(county.db, h, county.period).unexplained()) == 1
    last = result.items[3]
    set_explanation(county.db, h, county.period, last.finding.rule, last.record_key, "  高一扩班方案已报县局。 ", "校长")
    done = mark_ready(county.db, h, county.period)
    assert done.can_mark_ready and is_ready(county.db, h, county.period)
    texts = {e.text for e in list_explanations(county.db, h, county.period)}
    assert "高一扩班方案已报县局。" in texts and len(texts) == 2
    # Explanations also count when the office runs the checks over its schools.
    county_result = run_checks(county.db, county.office, county.period)
    assert not any(i.needs_explanation for i in county_result.items if i.unit_id == h)


def test_explanation_is_rewritten_not_duplicated_and_must_say_something(county):
    h = county.units["H"]
    key = run_checks(county.db, h, county.period).items[0].record_key
    set_explanation(county.db, h, county.period, "cert.missing", key, "第一次", "a")
    set_explanation(county.db, h, county.period, "cert.missing", key, "第二次", "b")
    rows = list_explanations(county.db, h, county.period)
    assert [(r.text, r.author) for r in rows] == [("第二次", "b")]
    with pytest.raises(ServiceError, match="填写说明不能为空"):
        set_explanation(county.db, h, county.period, "cert.missing", key, "   ", "a")
