"""Chinese resident ID numbers (公民身份号码, GB 11643-1999) and other ID documents.

Layout of an 18-character number: ``AAAAAA YYYYMMDD SSS C`` — 6-digit area code
(GB/T 2260, the county where the number was *first assigned*), birth date,
3-digit sequence (odd = 男, even = 女) and an ISO 7064 MOD 11-2 check character
(0–9 or X). Legacy 15-digit numbers omit the century and the check character.

Deliberately hand-written: ``stdnum.cn.ric.validate``/``is_valid`` reject real
numbers whose county code was created after the holder's birth year (every
Heyuan teacher born before 1988/1993, see ``shared/reference/domain-notes.md``
§7.3), accept future birth dates and refuse 15-digit numbers. Here only the
province prefix is checked, never the full 6-digit area code.

Validators never raise for bad input: they return ``Finding`` lists with a
Chinese sentence saying what is wrong and how to fix it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import Gender, IdDocType
from desktop.domain.findings import Finding, error, warning

# ISO 7064 MOD 11-2 weights for positions 1–17 (2**(18-i) mod 11) and the
# character for each remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

#: GB/T 2260 province-level prefixes (first two digits) in use; shared with
#: ``unitcodes`` so region codes and ID numbers agree on what a province is.
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    [f"{n}" for n in range(11, 16)]
    + [f"{n}" for n in range(21, 24)]
    + [f"{n}" for n in range(31, 38)]
    + [f"{n}" for n in range(41, 47)]
    + [f"{n}" for n in range(50, 55)]
    + [f"{n}" for n in range(61, 66)]
    + ["71", "81", "82", "83"]
)

#: Area codes printed on 港澳台居民居住证 (same layout and checksum as a resident ID).
HMT_PREFIXES: tuple[str, ...] = ("810000", "820000", "830000")

#: Plausible age range for staff; outside it the birth date is probably mistyped.
STAFF_MIN_AGE = 16
STAFF_MAX_AGE = 75

#: Longest number accepted for free-text documents (passports, 回乡证 …).
OTHER_DOC_MAX_LEN = 30

_ASCII_DIGITS = re.compile(r"[0-9]+")
_BIRTH_POSITIONS = "第7–14位"


@dataclass(frozen=True)
class IdInfo:
    """What a valid resident ID number tells us. ``number`` is always 18 characters."""

    number: str
    birth_date: date
    gender: Gender
    area_code: str
    converted_from_15: bool


# ---------------------------------------------------------------- normalising


def normalize_id(text: str) -> str:
    """Canonical form of a typed or pasted ID: no whitespace, half-width, upper-case X.

    NFKC turns full-width digits/letters (Excel users paste ``１２３``) and the
    ideographic space U+3000 into their ASCII forms; whitespace anywhere is
    dropped because numbers are often pasted in groups (``110105 1949…``).
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts superscripts and other scripts' digits.
    return _ASCII_DIGITS.fullmatch(text) is not None


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for 17 digits.

    Raises ``ValueError`` when ``first17`` is not exactly 17 ASCII digits: this
    is a building block, callers validate the shape first.
    """
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValueError(f"expected 17 digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _upgrade_15(number15: str) -> str:
    """18-character form of a legacy 15-digit number (all of them are 19xx births)."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + id_check_char(first17)


# ---------------------------------------------------------------- derived fields


def _shape_18(number: str) -> str:
    """The 18-character form of a well-shaped 15/18 number, else ``ValueError``."""
    n = normalize_id(number)
    if len(n) == 15 and _is_ascii_digits(n):
        return _upgrade_15(n)
    if len(n) == 18 and _is_ascii_digits(n[:17]) and n[17] in "0123456789X":
        return n
    raise ValueError(f"not a 15/18-character resident ID number: {number!r}")


def _gender_of(number18: str) -> Gender:
    # Sequence digit (17th): odd = male, even = female; returned as GB/T 2261.1 codes.
    return Gender.MALE if int(number18[16]) % 2 else Gender.FEMALE


def _birth_of(number18: str) -> date:
    return date(int(number18[6:10]), int(number18[10:12]), int(number18[12:14]))


def gender_from_id(number: str) -> Gender:
    """Gender encoded in a 15/18-character number (the checksum is not verified).

    Raises ``ValueError`` for malformed input; use ``parse_resident_id`` on user data.
    """
    return _gender_of(_shape_18(number))


def birth_date_from_id(number: str) -> date:
    """Birth date encoded in a 15/18-character number (the checksum is not verified).

    Raises ``ValueError`` for malformed input or an impossible date.
    """
    return _birth_of(_shape_18(number))


def _age_on(birth: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - int(before_birthday)


# ---------------------------------------------------------------- parsing


def _check_length(number: str, field: str) -> Finding | None:
    if not number:
        return error(field, "身份证号未填写，请填写18位身份证号", "id.required")
    if len(number) not in (15, 18):
        return error(
            field,
            f"身份证号应为18位（旧证15位），现在是{len(number)}位，请核对是否漏输或多输",
            "id.length",
        )
    return None


def _check_chars(number: str, field: str) -> Finding | None:
    """Only ASCII digits, plus X as the 18th character."""
    bad = [
        f"第{i}位“{ch}”"
        for i, ch in enumerate(number, start=1)
        if not (ch.isascii() and ch.isdigit()) and not (i == 18 and ch == "X")
    ]
    if not bad:
        return None
    return error(
        field,
        f"身份证号只能由数字组成（18位号码的最后一位可以是 X），{'、'.join(bad)}不符合，请逐位核对",
        "id.chars",
    )


def _check_birth(number18: str, today: date, field: str) -> tuple[date | None, Finding | None]:
    raw = number18[6:14]
    try:
        birth = _birth_of(number18)
    except ValueError:
        return None, error(
            field,
            f"身份证号中的出生日期“{raw}”不是有效日期，请核对号码{_BIRTH_POSITIONS}",
            "id.birth",
        )
    if birth > today:
        return None, error(
            field,
            f"身份证号中的出生日期 {birth.isoformat()} 晚于今天，请核对号码{_BIRTH_POSITIONS}",
            "id.birth",
        )
    return birth, None


def _check_checksum(number18: str, field: str) -> Finding | None:
    expected = id_check_char(number18[:17])
    if number18[17] == expected:
        return None
    return error(
        field,
        f"身份证号校验位不正确：按前17位计算应为 {expected}，现在是 {number18[17]}，请逐位核对号码",
        "id.checksum",
    )


def _check_province(number: str, field: str) -> Finding | None:
    prefix = number[:2]
    if prefix in PROVINCE_PREFIXES:
        return None
    return error(
        field,
        f"身份证号前两位“{prefix}”不是有效的省级行政区代码（如广东为 44），请核对号码开头",
        "id.province",
    )


def _check_age(birth: date, today: date, field: str) -> Finding | None:
    age = _age_on(birth, today)
    if STAFF_MIN_AGE <= age <= STAFF_MAX_AGE:
        return None
    return warning(
        field,
        f"按身份证号计算年龄为{age}岁，不在教职工常见的{STAFF_MIN_AGE}–{STAFF_MAX_AGE}岁范围内，"
        f"请核对出生日期（号码{_BIRTH_POSITIONS}）",
        "id.age",
    )


def parse_resident_id(
    text: str, *, today: date | None = None, field: str = "id_number"
) -> tuple[IdInfo | None, list[Finding]]:
    """Validate a resident ID and return its parts, or ``None`` if any error was found.

    Accepts 18-character numbers and legacy 15-digit ones (converted to 18).
    Errors: length, characters, birth date (impossible or in the future),
    check character, province prefix — all reported together where the shape
    allows. A staff-age warning does not prevent the ``IdInfo`` being returned.
    """
    today = today or date.today()
    number = normalize_id(text)
    shape_problem = _check_length(number, field) or _check_chars(number, field)
    if shape_problem is not None:
        return None, [shape_problem]

    converted = len(number) == 15
    number18 = _upgrade_15(number) if converted else number
    birth, birth_problem = _check_birth(number18, today, field)
    # A converted number's check character was computed here, so it cannot be wrong.
    checksum_problem = None if converted else _check_checksum(number18, field)
    problems = [
        f
        for f in (birth_problem, checksum_problem, _check_province(number18, field))
        if f is not None
    ]
    if problems or birth is None:
        return None, problems

    info = IdInfo(number18, birth, _gender_of(number18), number18[:6], converted)
    age_warning = _check_age(birth, today, field)
    return info, [age_warning] if age_warning else []


# ---------------------------------------------------------------- other document types


def _as_doc_type(doc_type: IdDocType | str) -> IdDocType | None:
    # from_label accepts the code as well as the label and aliases.
    return doc_type if isinstance(doc_type, IdDocType) else IdDocType.from_label(doc_type)


def _validate_hmt_residence(text: str, field: str, today: date) -> list[Finding]:
    number = normalize_id(text)
    if len(number) == 18 and not number.startswith(HMT_PREFIXES):
        # Checked first: a permit number with another prefix is a mistyped type or number.
        return [
            error(
                field,
                f"港澳台居民居住证号码应以 {'、'.join(HMT_PREFIXES)} 开头，现在是“{number[:6]}”，"
                "请核对证件类型或号码",
                "id.hmt_prefix",
            )
        ]
    if len(number) == 15:
        # Permits were introduced in 2018: there is no legacy 15-digit form.
        return [
            error(
                field,
                "港澳台居民居住证号码应为18位，现在是15位，请核对是否漏输",
                "id.length",
            )
        ]
    return parse_resident_id(number, today=today, field=field)[1]


def _validate_other_doc(text: str, field: str) -> list[Finding]:
    value = text.strip()
    if not value:
        return [error(field, "证件号码未填写，请按证件原样填写", "id.required")]
    if len(value) > OTHER_DOC_MAX_LEN:
        return [
            error(
                field,
                f"证件号码最长{OTHER_DOC_MAX_LEN}个字符，现在是{len(value)}个，请核对是否多输",
                "id.length",
            )
        ]
    # Cc = control characters, Cf = invisible format characters (zero-width
    # spaces etc.) that ride along when numbers are copied from web pages.
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return [
            error(
                field,
                "证件号码中含有不可见的控制字符，请删除后重新输入",
                "id.chars",
            )
        ]
    return []


def validate_id_number(
    doc_type: IdDocType | str,
    text: str,
    *,
    field: str = "id_number",
    today: date | None = None,
) -> list[Finding]:
    """Findings for an ID document number of the given type (code, label or enum).

    Resident IDs get the full GB 11643 check; 港澳台居民居住证 the same check
    plus its 810000/820000/830000 prefix; any other type only has to be a
    non-empty, printable value of at most 30 characters.
    """
    today = today or date.today()
    kind = _as_doc_type(doc_type)
    if kind is None:
        return [
            error(
                field,
                f"证件类型“{doc_type}”无法识别，请先选择证件类型再填写号码",
                "id.doc_type",
            )
        ]
    if kind is IdDocType.RESIDENT_ID:
        return parse_resident_id(text, today=today, field=field)[1]
    if kind is IdDocType.HMT_RESIDENCE:
        return _validate_hmt_residence(text, field, today)
    return _validate_other_doc(text, field)


# ---------------------------------------------------------------- display


def mask_id(text: str | None) -> str:
    """Masked form for screens and printed lists: first 6 + stars + last 4.

    Works on characters, not on a digits-only regex, so numbers ending in X
    are masked too (the widespread ``(\\d{4})\\d{10}(\\d{4})`` leaves them bare).
    Values shorter than 11 characters (passport numbers …) show four stars and
    the last 2 characters; values of 1–2 characters show only the stars, since
    keeping "the last 2" would reveal all of them.
    """
    if not text:
        return ""
    value = normalize_id(text)
    if len(value) >= 11:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if len(value) > 2:
        return "****" + value[-2:]
    return "****" if value else ""


def id_tail(text: str | None) -> str:
    """Last 4 characters of the normalised number, for logs and de-duplication hints."""
    if not text:
        return ""
    return normalize_id(text)[-4:]
