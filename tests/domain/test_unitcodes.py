"""学校标识码 and 行政区划代码 checks (desktop.domain.unitcodes)."""

from __future__ import annotations

import pytest

from desktop.domain.codes import SchoolCategory, Severity, UnitKind
from desktop.domain.findings import Finding
from desktop.domain.unitcodes import (
    normalize_code,
    validate_region_code,
    validate_school_code,
    validate_unit_code,
)


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# ---------------------------------------------------------------- normalising


def test_normalize_code_folds_full_width_digits_and_drops_spaces() -> None:
    assert normalize_code("２１４４ ００１２３４") == "2144001234"
    assert normalize_code("\u3000441622\t") == "441622"


# ---------------------------------------------------------------- school codes


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("1144001234", SchoolCategory.KINDERGARTEN),
        ("2144001234", SchoolCategory.PRIMARY),
        ("3144001234", SchoolCategory.JUNIOR),
        ("3144001234", SchoolCategory.NINE_YEAR),
        ("2144001234", SchoolCategory.NINE_YEAR),
        ("3444001234", SchoolCategory.COMPLETE_SECONDARY),
        ("3444001234", SchoolCategory.TWELVE_YEAR),
        ("3644001234", SchoolCategory.VOCATIONAL),
        ("5144001234", SchoolCategory.SPECIAL),
    ],
)
def test_guangdong_school_code_matching_its_category_is_clean(
    code: str, category: SchoolCategory
) -> None:
    assert validate_school_code(code, category) == []


def test_school_code_without_category_only_checks_the_code() -> None:
    assert validate_school_code("2144001234") == []


def test_full_width_school_code_is_accepted() -> None:
    assert validate_school_code("２１４４００１２３４", "211") == []


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("", "school_code.required"),
        ("214400123", "school_code.length"),
        ("21440012345", "school_code.length"),
        ("21440O1234", "school_code.chars"),
        ("1044001234", "school_code.format"),
        ("2344001234", "school_code.format"),
        ("3844001234", "school_code.format"),
        ("9444001234", "school_code.format"),
    ],
)
def test_malformed_school_code_is_an_error(code: str, rule: str) -> None:
    findings = validate_school_code(code)
    assert rules(findings) == {rule}
    assert findings[0].severity is Severity.ERROR


def test_length_error_says_how_many_digits_were_typed() -> None:
    (finding,) = validate_school_code("214400123")
    assert "10位" in finding.message and "现在是9位" in finding.message


def test_category_mismatch_is_a_warning_naming_the_expected_prefix() -> None:
    findings = validate_school_code("3144001234", SchoolCategory.PRIMARY)
    assert rules(findings) == {"school_code.category"}
    assert findings[0].severity is Severity.WARNING
    assert "21" in findings[0].message and "小学" in findings[0].message


def test_category_given_as_label_or_code_is_understood() -> None:
    assert rules(validate_school_code("3144001234", "小学")) == {"school_code.category"}
    assert rules(validate_school_code("3144001234", "211")) == {"school_code.category"}


def test_unrecognised_category_string_is_left_to_the_category_check() -> None:
    assert validate_school_code("3144001234", "大学") == []


def test_school_outside_guangdong_is_a_warning_only() -> None:
    findings = validate_school_code("2111001234", SchoolCategory.PRIMARY)
    assert rules(findings) == {"school_code.province"}
    assert findings[0].severity is Severity.WARNING
    assert "44" in findings[0].message


def test_school_code_with_impossible_province_digits_is_a_warning() -> None:
    findings = validate_school_code("2199001234")
    assert rules(findings) == {"school_code.province"}
    assert "不是有效的省级行政区代码" in findings[0].message


def test_category_and_province_warnings_are_reported_together() -> None:
    findings = validate_school_code("3111001234", SchoolCategory.PRIMARY, field="school.code")
    assert rules(findings) == {"school_code.category", "school_code.province"}
    assert {f.field for f in findings} == {"school.code"}


# ---------------------------------------------------------------- region codes


@pytest.mark.parametrize("code", ["441622", "441602", "441625", "110105", "429004"])
def test_county_codes_are_accepted(code: str) -> None:
    assert validate_region_code(code, UnitKind.COUNTY) == []


@pytest.mark.parametrize("code", ["441600", "440300", "110100"])
def test_city_codes_are_accepted(code: str) -> None:
    assert validate_region_code(code, UnitKind.CITY) == []


@pytest.mark.parametrize(
    ("code", "kind", "rule"),
    [
        ("441600", UnitKind.COUNTY, "region_code.county"),
        ("440022", UnitKind.COUNTY, "region_code.county"),
        ("440000", UnitKind.COUNTY, "region_code.county"),
        ("441622", UnitKind.CITY, "region_code.city"),
        ("440000", UnitKind.CITY, "region_code.city"),
        ("991622", UnitKind.COUNTY, "region_code.province"),
        ("201600", UnitKind.CITY, "region_code.province"),
        ("44162", UnitKind.COUNTY, "region_code.length"),
        ("4416220", UnitKind.COUNTY, "region_code.length"),
        ("4416a2", UnitKind.COUNTY, "region_code.chars"),
        ("", UnitKind.CITY, "region_code.required"),
    ],
)
def test_wrong_region_code_is_an_error(code: str, kind: UnitKind, rule: str) -> None:
    findings = validate_region_code(code, kind)
    assert rules(findings) == {rule}
    assert findings[0].severity is Severity.ERROR


def test_county_error_explains_a_city_code_was_typed() -> None:
    (finding,) = validate_region_code("441600", "county")
    assert "市级代码" in finding.message and "441622" in finding.message


def test_region_kind_given_as_label_is_understood() -> None:
    assert validate_region_code("441622", "县区教育局") == []
    assert validate_region_code("441600", "市教育局") == []


def test_region_code_for_a_school_kind_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        validate_region_code("441622", UnitKind.SCHOOL)


# ---------------------------------------------------------------- dispatch


def test_unit_code_dispatches_schools_to_the_school_code_rules() -> None:
    assert validate_unit_code("2144001234", UnitKind.SCHOOL, SchoolCategory.PRIMARY) == []
    assert rules(validate_unit_code("441622", "school")) == {"school_code.length"}
    assert rules(validate_unit_code("3144001234", "school", "211")) == {"school_code.category"}


def test_unit_code_dispatches_offices_to_the_region_code_rules() -> None:
    assert validate_unit_code("441622", UnitKind.COUNTY) == []
    assert validate_unit_code("441600", UnitKind.CITY) == []
    assert rules(validate_unit_code("441600", "county")) == {"region_code.county"}


def test_unknown_unit_kind_is_an_error_not_an_exception() -> None:
    assert rules(validate_unit_code("441622", "province")) == {"unit.kind"}
    assert rules(validate_region_code("441622", "province")) == {"unit.kind"}
