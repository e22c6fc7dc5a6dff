"""Resident ID validation, conversion and masking (desktop.domain.idcard)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.domain.codes import Gender, IdDocType, Severity
from desktop.domain.findings import Finding
from desktop.domain.idcard import (
    PROVINCE_PREFIXES,
    IdInfo,
    birth_date_from_id,
    gender_from_id,
    id_check_char,
    id_tail,
    mask_id,
    normalize_id,
    parse_resident_id,
    validate_id_number,
)

TODAY = date(2025, 9, 1)


def with_check(first17: str) -> str:
    return first17 + id_check_char(first17)


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def parse(text: str) -> tuple[IdInfo | None, list[Finding]]:
    return parse_resident_id(text, today=TODAY)


# ---------------------------------------------------------------- strategies


@st.composite
def valid_ids(draw: st.DrawFn, *, min_year: int = 1950, max_year: int = 2005) -> str:
    """Well-formed 18-character IDs: real province prefix, real birth date, correct check char."""
    province = draw(st.sampled_from(sorted(PROVINCE_PREFIXES)))
    area_rest = draw(st.from_regex(r"\A[0-9]{4}\Z"))
    birth = draw(st.dates(date(min_year, 1, 1), date(max_year, 12, 31)))
    sequence = draw(st.from_regex(r"\A[0-9]{3}\Z"))
    return with_check(f"{province}{area_rest}{birth:%Y%m%d}{sequence}")


@st.composite
def valid_ids_ending_in_x(draw: st.DrawFn) -> str:
    """Valid IDs whose check character is X (about 1 in 11 of all IDs)."""
    # The last sequence digit alone (weight 2) cannot reach every remainder,
    # so search the last two (weights 4 and 2 together cover all of mod 11).
    first15 = draw(valid_ids())[:15]
    for tail in (f"{n:02d}" for n in range(100)):
        if id_check_char(first15 + tail) == "X":
            return first15 + tail + "X"
    raise AssertionError("two free digits always reach remainder 2")  # pragma: no cover


# ---------------------------------------------------------------- check character


def test_check_char_matches_the_published_vector_ending_in_x() -> None:
    assert id_check_char("11010519491231002") == "X"


def test_check_char_rejects_input_that_is_not_17_digits() -> None:
    with pytest.raises(ValueError):
        id_check_char("1101051949123100")
    with pytest.raises(ValueError):
        id_check_char("1101051949123100A")


@given(valid_ids(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_every_single_character_change_is_caught(number: str, pos: int, new: str) -> None:
    # X is only a legal character in the check position; elsewhere try digits only.
    assume(pos == 17 or new != "X")
    assume(number[pos] != new)
    changed = number[:pos] + new + number[pos + 1 :]

    if pos < 17:
        # The pure MOD 11-2 property, independent of birth-date or province checks.
        assert id_check_char(changed[:17]) != changed[17]
    info, findings = parse(changed)
    assert info is None
    assert any(f.severity is Severity.ERROR for f in findings)


@given(valid_ids(), st.integers(0, 16))
def test_every_adjacent_swap_of_different_characters_is_caught(number: str, pos: int) -> None:
    a, b = number[pos], number[pos + 1]
    assume(a != b)
    swapped = number[:pos] + b + a + number[pos + 2 :]
    assert swapped != number

    if "X" not in swapped[:17]:
        assert id_check_char(swapped[:17]) != swapped[17]
    info, findings = parse(swapped)
    assert info is None
    assert any(f.severity is Severity.ERROR for f in findings)


@given(valid_ids())
def test_generated_valid_ids_are_accepted_without_errors(number: str) -> None:
    info, findings = parse(number)
    assert info is not None
    assert info.number == number
    assert not any(f.is_error for f in findings)


# ---------------------------------------------------------------- accepted numbers


@pytest.mark.parametrize(
    "number",
    [
        "441625198506151236",  # 东源县: code from 1993, holder born 1985
        "441602198506151231",  # 源城区: code from 1988, holder born 1985
        "440306197506151235",  # 宝安区: code from 1992, holder born 1975
    ],
)
def test_heyuan_style_ids_born_before_their_area_code_existed_are_accepted(number: str) -> None:
    # python-stdnum's validate() rejects these; a teacher roster must not.
    info, findings = parse(number)
    assert info is not None
    assert findings == []


def test_parse_derives_birth_date_gender_and_area_code() -> None:
    info, _ = parse("441625198506151236")
    assert info == IdInfo(
        number="441625198506151236",
        birth_date=date(1985, 6, 15),
        gender=Gender.MALE,
        area_code="441625",
        converted_from_15=False,
    )


def test_even_sequence_digit_means_female() -> None:
    info, _ = parse("11010519491231002X")
    assert info is not None
    assert info.gender is Gender.FEMALE


def test_full_width_digits_spaces_and_lowercase_x_are_normalised() -> None:
    assert normalize_id("４４１６２５　１９８５０６１５ １２３６") == "441625198506151236"
    assert normalize_id(" 11010519491231002x\t") == "11010519491231002X"
    assert normalize_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_full_width_input_is_accepted_by_the_parser() -> None:
    info, findings = parse("４４１６２５１９８５０６１５１２３６")
    assert info is not None
    assert info.number == "441625198506151236"
    assert findings == []


# ---------------------------------------------------------------- 15-digit numbers


def test_legacy_15_digit_number_is_converted_to_18() -> None:
    info, findings = parse("110105491231002")
    assert findings == []
    assert info is not None
    assert info.number == "11010519491231002X"
    assert info.converted_from_15 is True
    assert info.birth_date == date(1949, 12, 31)


@given(valid_ids(min_year=1950, max_year=1999))
def test_15_to_18_conversion_round_trips(number18: str) -> None:
    number15 = number18[:6] + number18[8:17]
    info, findings = parse(number15)
    assert not any(f.is_error for f in findings)
    assert info is not None
    assert info.number == number18
    assert info.converted_from_15 is True
    original, _ = parse(number18)
    assert original is not None
    assert (info.birth_date, info.gender, info.area_code) == (
        original.birth_date,
        original.gender,
        original.area_code,
    )


# ---------------------------------------------------------------- rejected numbers


@pytest.mark.parametrize("number", ["44162519850615123", "4416251985061512361", "4416"])
def test_wrong_length_is_an_error_that_states_the_length(number: str) -> None:
    info, findings = parse(number)
    assert info is None
    assert rules(findings) == {"id.length"}
    assert findings[0].is_error
    assert f"现在是{len(number)}位" in findings[0].message


def test_empty_number_is_an_error_not_an_exception() -> None:
    info, findings = parse("  ")
    assert info is None
    assert rules(findings) == {"id.required"}


def test_letters_inside_the_number_are_errors_naming_the_position() -> None:
    info, findings = parse("4416O5198506151236")
    assert info is None
    assert rules(findings) == {"id.chars"}
    assert "第5位“O”" in findings[0].message


def test_x_is_only_allowed_as_the_last_character() -> None:
    info, findings = parse("44162519850615X236")
    assert info is None
    assert rules(findings) == {"id.chars"}


def test_wrong_check_character_names_the_expected_one() -> None:
    info, findings = parse("441625198506151235")
    assert info is None
    assert rules(findings) == {"id.checksum"}
    assert "应为 6" in findings[0].message
    assert findings[0].field == "id_number"


def test_impossible_birth_date_is_an_error() -> None:
    info, findings = parse(with_check("44162519850231123"))
    assert info is None
    assert rules(findings) == {"id.birth"}
    assert "19850231" in findings[0].message


def test_future_birth_date_is_an_error() -> None:
    info, findings = parse(with_check("44030420300101123"))
    assert info is None
    assert rules(findings) == {"id.birth"}
    assert "晚于今天" in findings[0].message


@pytest.mark.parametrize(
    "prefix", ["00", "10", "16", "24", "39", "47", "55", "66", "72", "84", "99"]
)
def test_unknown_province_prefix_is_an_error(prefix: str) -> None:
    info, findings = parse(with_check(f"{prefix}162519850615123"))
    assert info is None
    assert rules(findings) == {"id.province"}


def test_independent_errors_are_reported_together() -> None:
    info, findings = parse("991625198502311230")
    assert info is None
    assert {"id.birth", "id.province", "id.checksum"} <= rules(findings)


@pytest.mark.parametrize("text", ["", "\u3000", "身份证", "4" * 100, "\x00" * 18, "１" * 18])
def test_parser_never_raises_on_bad_input(text: str) -> None:
    info, findings = parse(text)
    assert info is None
    assert findings and all(f.is_error for f in findings)


# ---------------------------------------------------------------- age plausibility


@pytest.mark.parametrize("birth", ["20100101", "19400101"])
def test_implausible_staff_age_is_a_warning_only(birth: str) -> None:
    info, findings = parse(with_check(f"441625{birth}123"))
    assert info is not None
    assert rules(findings) == {"id.age"}
    assert findings[0].severity is Severity.WARNING


def test_age_boundaries_16_and_75_are_plausible() -> None:
    just_16 = with_check("441625" + "20090901" + "123")
    just_75 = with_check("441625" + "19500902" + "123")  # turns 76 on 2 Sep 2025
    assert parse(just_16)[1] == []
    assert parse(just_75)[1] == []
    day_before_16 = with_check("441625" + "20090902" + "123")
    assert rules(parse(day_before_16)[1]) == {"id.age"}


# ---------------------------------------------------------------- other document types


def test_resident_id_doc_type_accepts_code_label_or_enum() -> None:
    for doc_type in (IdDocType.RESIDENT_ID, "1", "居民身份证", "身份证"):
        assert validate_id_number(doc_type, "441625198506151236", today=TODAY) == []
        assert rules(validate_id_number(doc_type, "441625198506151235", today=TODAY)) == {
            "id.checksum"
        }


def test_findings_use_the_given_field_name() -> None:
    findings = validate_id_number("1", "123", field="staff.id_number", today=TODAY)
    assert [f.field for f in findings] == ["staff.id_number"]


def test_hmt_residence_permit_accepts_810000_820000_830000() -> None:
    for prefix in ("810000", "820000", "830000"):
        number = with_check(f"{prefix}19900101123")
        assert validate_id_number(IdDocType.HMT_RESIDENCE, number, today=TODAY) == []


def test_hmt_residence_permit_with_mainland_prefix_is_an_error() -> None:
    findings = validate_id_number(IdDocType.HMT_RESIDENCE, "441625198506151236", today=TODAY)
    assert rules(findings) == {"id.hmt_prefix"}


def test_hmt_residence_permit_still_needs_a_correct_check_character() -> None:
    number = with_check("81000019900101123")
    bad = number[:17] + ("0" if number[17] != "0" else "1")
    assert rules(validate_id_number("C", bad, today=TODAY)) == {"id.checksum"}


def test_passport_number_is_free_text() -> None:
    assert validate_id_number(IdDocType.PASSPORT, "E12345678") == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "id.required"),
        ("   ", "id.required"),
        ("A" * 31, "id.length"),
        ("E123\x07", "id.chars"),
        ("E12\u200b345", "id.chars"),
    ],
)
def test_other_document_numbers_must_be_short_printable_and_present(text: str, rule: str) -> None:
    findings = validate_id_number(IdDocType.PASSPORT, text)
    assert rules(findings) == {rule}
    assert findings[0].is_error


def test_unknown_doc_type_is_an_error_not_an_exception() -> None:
    assert rules(validate_id_number("驾驶证", "123")) == {"id.doc_type"}


# ---------------------------------------------------------------- helpers


def test_gender_and_birth_helpers_read_18_and_15_digit_numbers() -> None:
    assert gender_from_id("441625198506151236") is Gender.MALE
    assert gender_from_id("11010519491231002x") is Gender.FEMALE
    assert gender_from_id("110105491231002") is Gender.FEMALE
    assert birth_date_from_id("441625198506151236") == date(1985, 6, 15)
    assert birth_date_from_id("110105491231002") == date(1949, 12, 31)


def test_helpers_raise_value_error_on_malformed_numbers() -> None:
    with pytest.raises(ValueError):
        gender_from_id("12345")
    with pytest.raises(ValueError):
        birth_date_from_id(with_check("44162519850231123"))


def test_id_tail_is_the_normalised_last_four() -> None:
    assert id_tail("11010519491231002x") == "002X"
    assert id_tail(None) == ""


# ---------------------------------------------------------------- masking

# The widespread masking regex, for contrast: it leaves IDs ending in X bare.
_COMMON_REGEX = re.compile(r"(\d{4})\d{10}(\d{4})")


def test_mask_handles_ids_ending_in_x_where_the_common_regex_fails() -> None:
    number = "11010519491231002X"
    assert _COMMON_REGEX.sub(r"\1**********\2", number) == number  # the bug
    assert mask_id(number) == "110105********002X"


def test_mask_normalises_before_masking() -> None:
    assert mask_id("11010519491231002x") == "110105********002X"
    assert mask_id("１１０１０５ １９４９１２３１ ００２Ｘ") == "110105********002X"


@given(st.one_of(valid_ids(), valid_ids_ending_in_x()))
def test_mask_keeps_exactly_first_six_and_last_four(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == 18
    assert masked[:6] == number[:6]
    assert masked[-4:] == number[-4:]
    assert masked[6:14] == "*" * 8


@given(valid_ids_ending_in_x())
def test_mask_of_ids_ending_in_x_never_shows_the_birth_date(number: str) -> None:
    assert number[6:14] not in mask_id(number)


def test_mask_of_legacy_15_digit_number_hides_the_middle() -> None:
    assert mask_id("110105491231002") == "110105*****1002"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (None, ""),
        ("", ""),
        ("E12345678", "****78"),
        ("123", "****23"),
        ("12", "****"),
        ("7", "****"),
    ],
)
def test_mask_of_short_values_keeps_at_most_the_last_two(text: str | None, masked: str) -> None:
    assert mask_id(text) == masked
