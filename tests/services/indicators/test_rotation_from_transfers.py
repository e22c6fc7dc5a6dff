"""交流轮岗 counts the mobility records (issue 23 item 3) at the school a teacher left.

Hand-made county (tests/services/conftest.py), census 2025-09-01, window 2024-09-01 … 2025-09-01.
Eligible (城区 or 镇区, six years at the school): a1 (A, 交流 2024-10-01, 县级骨干), a2 (A), h1 (H, 支教
2023 — outside the window), k1 (K, 镇区): 1 of 4 rotated. a2 then leaves A on 交流 to another school on
2025-06-01: her record at A ends, and without the mobility records she would drop out of the count
(1 of 3). Counted at A, she makes it 2 of 4; 骨干 among the rotated: a1 of a1, a2 = 1 of 2.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.indicators import IndicatorResult
from desktop.services.indicators.compute import compute_indicators
from desktop.services.packages.transfers import record_transfer_out
from tests.services.conftest import County


def _result(county: County, code: str, unit: int | None = None) -> IndicatorResult:
    report = compute_indicators(county.db, unit or county.office, county.period)
    return next(r for r in report.results if r.code == code and r.stage is None)


def test_a_teacher_who_left_on_rotation_counts_at_the_school_she_left(county: County) -> None:
    before = _result(county, "rotation.ratio")
    assert (before.numerator, before.denominator) == (1, 4)
    record_transfer_out(county.db, county.staff["a2"], "2144000099", "龙川县乡村小学", date(2025, 6, 1), kind="交流")
    after = _result(county, "rotation.ratio")
    assert (after.numerator, after.denominator) == (2, 4)
    school = _result(county, "rotation.ratio", county.units["A"])
    assert (school.numerator, school.denominator) == (2, 2)
    backbone = _result(county, "rotation.backbone")
    assert (backbone.numerator, backbone.denominator) == (1, 2)


def test_a_plain_transfer_out_is_not_rotation(county: County) -> None:
    record_transfer_out(county.db, county.staff["a2"], "2144000099", "龙川县乡村小学", date(2025, 6, 1), kind="调动")
    after = _result(county, "rotation.ratio")
    assert (after.numerator, after.denominator) == (1, 3)
