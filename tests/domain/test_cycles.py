"""Training cycles: which cycle a record counts in, and a person's standing for a period."""

from __future__ import annotations

from datetime import date

from desktop.domain.cycles import (
    BOUNDARY_RULE,
    Cycle,
    CycleRule,
    cycle_containing,
    cycle_of_record,
    standing,
)
from desktop.domain.indicators.training import windows
from desktop.services.indicators.targets import preset_specs


def test_records_on_the_boundary_count_in_the_cycle_of_their_end_date() -> None:
    assert cycle_of_record(date(2025, 12, 31)) == Cycle(date(2021, 1, 1), date(2025, 12, 31))
    assert cycle_of_record(date(2026, 1, 1)) == Cycle(date(2026, 1, 1), date(2030, 12, 31))
    assert cycle_of_record(date(2026, 1, 1)).label == "2026–2030周期"
    assert "结束日期" in BOUNDARY_RULE and "2026–2030" in BOUNDARY_RULE


def test_cycle_years_come_from_the_target_set_and_agree_with_the_indicator_engine() -> None:
    spec = preset_specs()["heyuan-2025"]
    rule = CycleRule.from_spec(spec)
    assert (rule.anchor_year, rule.years, rule.required_hours) == (2021, 5, 450.0)
    for day in (date(2020, 12, 31), date(2021, 1, 1), date(2025, 9, 1), date(2026, 9, 1), date(2031, 1, 1)):
        w = windows(spec, day)
        assert cycle_containing(day, rule) == Cycle(w.cycle_start, w.cycle_end)
    other = CycleRule(anchor_year=2019, years=3)
    assert cycle_containing(date(2025, 9, 1), other) == Cycle(date(2025, 1, 1), date(2027, 12, 31))


def test_standing_switches_cycle_at_the_boundary() -> None:
    records = [(date(2025, 12, 31), 100.0), (date(2026, 1, 1), 30.0), (date(2024, 5, 1), 200.0)]
    old = standing(CycleRule(), census_date=date(2025, 9, 1), today=date(2026, 3, 1), records=records)
    assert old.cycle.label == "2021–2025周期"
    assert old.as_of == date(2025, 12, 31)  # an old cycle is judged at its end
    assert old.hours == 300.0
    new = standing(CycleRule(), census_date=date(2026, 9, 1), today=date(2026, 10, 1), records=records)
    assert new.cycle.label == "2026–2030周期"
    assert new.hours == 30.0
    # 9 months into the cycle: 450 × 0.75 / 5 = 67.5 学时 due; 30 is behind.
    assert new.due_by_now == 67.5 and not new.on_track and new.missing == 420.0


def test_records_after_the_reference_date_do_not_count_yet() -> None:
    s = standing(CycleRule(), date(2026, 9, 1), today=date(2026, 10, 1), records=[(date(2026, 11, 1), 90.0)])
    assert s.hours == 0.0
