"""17-digit 教师资格证书编号 parsing and checks (desktop.domain.certno)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.certno import CertNumber, check_cert_number, parse_cert_number
from desktop.domain.codes import Gender, Severity, TeacherCertType
from desktop.domain.findings import Finding

TODAY = date(2025, 9, 1)
# 2015, 广东 44, issuer 160, 小学 (2), 女 (0), serial 000123
PRIMARY_FEMALE = "20154416020000123"


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def check(number: str, **kwargs: object) -> list[Finding]:
    return check_cert_number(number, today=TODAY, **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- parsing


def test_parse_splits_year_province_issuer_type_and_gender() -> None:
    assert parse_cert_number(PRIMARY_FEMALE) == CertNumber(
        year=2015,
        province="44",
        issuer="160",
        cert_type=TeacherCertType.PRIMARY,
        gender=Gender.FEMALE,
    )


def test_gender_digit_1_means_male_unlike_gb_t_2261() -> None:
    parsed = parse_cert_number("20184416041000001")
    assert parsed is not None
    assert parsed.gender is Gender.MALE
    assert parsed.cert_type is TeacherCertType.SENIOR


def test_parse_accepts_full_width_digits_and_spaces() -> None:
    assert parse_cert_number("２０１５ ４４１６ ０２００ ００１２３") == parse_cert_number(
        PRIMARY_FEMALE
    )


@pytest.mark.parametrize(
    "number",
    [
        "",
        "2015441602000012",
        "201544160200001234",
        "20154416080000123",
        "20154416022000123",
        "2015441602000012A",
    ],
)
def test_parse_returns_none_for_numbers_outside_the_layout(number: str) -> None:
    assert parse_cert_number(number) is None


# ---------------------------------------------------------------- checks


def test_well_formed_number_matching_type_and_gender_is_clean() -> None:
    assert check(PRIMARY_FEMALE, cert_type=TeacherCertType.PRIMARY, gender=Gender.FEMALE) == []


def test_empty_number_gives_no_findings() -> None:
    assert check("") == []
    assert check("   ") == []


@pytest.mark.parametrize(
    ("number", "rule"),
    [
        ("2015441602000012", "cert.length"),
        ("教师资格证2015号", "cert.length"),
        ("2015441602000012A", "cert.chars"),
        ("19894416020000123", "cert.year"),
        ("20264416020000123", "cert.year"),
        ("20159916020000123", "cert.province"),
        ("20154416000000123", "cert.type_digit"),
        ("20154416080000123", "cert.type_digit"),
        ("20154416022000123", "cert.gender_digit"),
    ],
)
def test_every_layout_problem_is_a_warning_never_an_error(number: str, rule: str) -> None:
    findings = check(number)
    assert rules(findings) == {rule}
    assert all(f.severity is Severity.WARNING for f in findings)


def test_year_bounds_1990_and_current_year_are_accepted() -> None:
    assert check("19904416020000123") == []
    assert check("20254416020000123") == []


def test_type_digit_disagreeing_with_cert_type_is_a_warning() -> None:
    findings = check(PRIMARY_FEMALE, cert_type=TeacherCertType.JUNIOR)
    assert rules(findings) == {"cert.type_mismatch"}
    assert findings[0].severity is Severity.WARNING
    assert "小学" in findings[0].message and "初级中学" in findings[0].message


def test_gender_digit_disagreeing_with_gender_is_a_warning() -> None:
    findings = check(PRIMARY_FEMALE, gender=Gender.MALE)
    assert rules(findings) == {"cert.gender_mismatch"}
    assert findings[0].severity is Severity.WARNING
    assert "0 表示女" in findings[0].message


def test_gb_t_2261_female_code_2_is_not_confused_with_the_certificate_digit() -> None:
    # Gender.FEMALE is "2" in GB/T 2261.1 while the certificate says 0: they must still agree.
    assert check(PRIMARY_FEMALE, gender="2") == []
    assert check(PRIMARY_FEMALE, gender="女") == []
    assert rules(check(PRIMARY_FEMALE, gender="1")) == {"cert.gender_mismatch"}


def test_cert_type_and_gender_given_as_labels_are_understood() -> None:
    assert check(PRIMARY_FEMALE, cert_type="小学", gender="女") == []
    assert rules(check(PRIMARY_FEMALE, cert_type="高中", gender="男")) == {
        "cert.type_mismatch",
        "cert.gender_mismatch",
    }


def test_unknown_or_unstated_gender_is_not_compared() -> None:
    assert check(PRIMARY_FEMALE, gender=Gender.UNSTATED) == []
    assert check(PRIMARY_FEMALE, gender="不详") == []


def test_several_problems_are_reported_together_on_the_given_field() -> None:
    findings = check("20309916090000123", cert_type="1", gender="男", field="cert.number")
    assert rules(findings) == {
        "cert.year",
        "cert.province",
        "cert.type_digit",
        "cert.gender_mismatch",
    }
    assert {f.field for f in findings} == {"cert.number"}


def test_current_year_defaults_to_today() -> None:
    next_year = date.today().year + 1
    assert rules(check_cert_number(f"{next_year}4416020000123")) == {"cert.year"}
