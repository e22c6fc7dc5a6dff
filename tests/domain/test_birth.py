"""出生日期/出生年月 against the date in a resident ID (domain-notes §7.2)."""

from __future__ import annotations

from datetime import date

from desktop.domain.birth import YearMonth, reconcile_birth
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData
from desktop.domain.validate import validate_staff


def test_a_year_month_is_compared_by_year_and_month_and_the_id_date_is_kept() -> None:
    assert reconcile_birth(YearMonth(1980, 3), date(1980, 3, 17)) == (date(1980, 3, 17), None)


def test_a_year_month_that_disagrees_is_a_warning_naming_both_values() -> None:
    stored, warning = reconcile_birth(YearMonth(1980, 4), date(1980, 3, 17))
    assert stored == date(1980, 3, 17)
    assert warning is not None and "1980-04" in warning and "1980-03-17" in warning


def test_a_full_date_that_disagrees_warns_and_keeps_the_id_date() -> None:
    stored, warning = reconcile_birth(date(1980, 3, 1), date(1980, 3, 17))
    assert stored == date(1980, 3, 17) and warning is not None and "1980-03-01" in warning


def test_without_an_id_date_a_year_month_is_kept_as_the_first_of_the_month() -> None:
    assert reconcile_birth(YearMonth(1980, 3), None) == (date(1980, 3, 1), None)


def test_a_birth_date_that_disagrees_with_the_id_is_never_an_error() -> None:
    number = "44162219800317123" + id_check_char("44162219800317123")
    findings = validate_staff(StaffData(name="张三", id_number=number, birth_date=date(1980, 3, 1)))
    birth = [f for f in findings if f.field == "birth_date"]
    assert birth and not any(f.is_error for f in birth)
    assert "1980-03-01" in birth[0].message and "1980-03-17" in birth[0].message
