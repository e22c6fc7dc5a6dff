"""Codes that identify a reporting unit (填报单位).

* A school (学校/幼儿园) is identified by its 10-digit 学校(机构)标识码
  ``AA BB CCCCCC``: AA = 学校类别码, BB = province (广东 44), CCCCCC = serial
  (``shared/reference/domain-notes.md`` §4.5).
* A county or city education office is identified by the 6-digit GB/T 2260
  行政区划代码 of its area (河源市 441600, 龙川县 441622; §4.10).

A category or province that disagrees with the code is only a warning: the
code is issued by the national system and never reused, so a wrong category
on our side is at least as likely as a wrong code.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.codes import SchoolCategory, UnitKind
from desktop.domain.findings import Finding, error, warning
from desktop.domain.idcard import PROVINCE_PREFIXES

SCHOOL_CODE_LENGTH = 10
REGION_CODE_LENGTH = 6
#: Province code of Guangdong, where every school using this app is expected to be.
HOME_PROVINCE = "44"

_SCHOOL_CODE = re.compile(r"^(11|2[12]|3[1-7]|4[12]|51|9[1-3])\d{8}$", re.ASCII)
_DIGITS = re.compile(r"^\d+$", re.ASCII)


def normalize_code(text: str) -> str:
    """Half-width, space-free form of a typed or pasted code (``４４１６ ００`` → ``441600``)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split())


def _as_category(category: SchoolCategory | str | None) -> SchoolCategory | None:
    # from_label accepts the code as well as the label and aliases.
    if category is None or isinstance(category, SchoolCategory):
        return category
    return SchoolCategory.from_label(category)


def _as_kind(kind: UnitKind | str) -> UnitKind | None:
    return kind if isinstance(kind, UnitKind) else UnitKind.from_label(kind)


def _check_digits(code: str, length: int, what: str, field: str, rule: str) -> Finding | None:
    """Error when ``code`` is not exactly ``length`` ASCII digits."""
    if not code:
        return error(field, f"{what}未填写，请填写{length}位数字代码", f"{rule}.required")
    if len(code) != length:
        return error(
            field,
            f"{what}应为{length}位数字，现在是{len(code)}位，请核对是否漏输或多输",
            f"{rule}.length",
        )
    if not _DIGITS.match(code):
        return error(field, f"{what}只能由数字组成，请删除其中的字母或符号", f"{rule}.chars")
    return None


# ---------------------------------------------------------------- schools


def _school_category_warning(code: str, category: SchoolCategory, field: str) -> Finding | None:
    prefix = code[:2]
    expected = category.id_prefixes
    if prefix in expected:
        return None
    return warning(
        field,
        f"学校类别为“{category.label}”，其学校标识码通常以 {' 或 '.join(expected)} 开头，"
        f"现在是 {prefix}，请核对学校类别或标识码",
        "school_code.category",
    )


def _school_province_warning(code: str, field: str) -> Finding | None:
    province = code[2:4]
    if province == HOME_PROVINCE:
        return None
    if province not in PROVINCE_PREFIXES:
        reason = f"“{province}”不是有效的省级行政区代码"
    else:
        reason = f"是 {province}，不是广东省代码 {HOME_PROVINCE}"
    return warning(
        field,
        f"学校标识码第3–4位{reason}，请核对标识码（本系统面向广东省学校）",
        "school_code.province",
    )


def validate_school_code(
    code: str, category: SchoolCategory | str | None = None, *, field: str = "code"
) -> list[Finding]:
    """Findings for a 10-digit 学校标识码, optionally cross-checked with the 学校类别.

    An unrecognised ``category`` string is ignored here; the category field
    has its own check.
    """
    value = normalize_code(code)
    shape = _check_digits(value, SCHOOL_CODE_LENGTH, "学校标识码", field, "school_code")
    if shape is not None:
        return [shape]
    if not _SCHOOL_CODE.match(value):
        return [
            error(
                field,
                f"学校标识码前两位“{value[:2]}”不是有效的学校类别码"
                "（如 11 幼儿园、21 小学、31 初中、34 高中、36 中职、51 特教），请核对",
                "school_code.format",
            )
        ]
    findings: list[Finding] = []
    kind = _as_category(category)
    if kind is not None and (f := _school_category_warning(value, kind, field)):
        findings.append(f)
    if f := _school_province_warning(value, field):
        findings.append(f)
    return findings


# ---------------------------------------------------------------- education offices


def _county_problem(code: str, field: str) -> Finding | None:
    if code[2:4] == "00":
        return error(
            field,
            f"县区代码第3–4位不能是 00（“{code}”是省级代码），请填写本县区代码，如龙川县 441622",
            "region_code.county",
        )
    if code[4:6] == "00":
        return error(
            field,
            f"县区代码最后两位不能是 00（“{code}”是市级代码），请填写本县区代码，如龙川县 441622",
            "region_code.county",
        )
    return None


def _city_problem(code: str, field: str) -> Finding | None:
    if code[2:6] == "0000":
        return error(
            field,
            f"“{code}”是省级代码，市级代码的第3–4位不能是 00，如河源市 441600",
            "region_code.city",
        )
    if code[4:6] != "00":
        return error(
            field,
            f"市级代码应以 00 结尾（“{code}”是县区代码），如河源市 441600",
            "region_code.city",
        )
    return None


def _unknown_kind(kind: object, field: str) -> Finding:
    return error(field, f"单位类型“{kind}”无法识别，请选择学校、县区教育局或市教育局", "unit.kind")


def validate_region_code(code: str, kind: UnitKind | str, *, field: str = "code") -> list[Finding]:
    """Findings for the 6-digit 行政区划代码 of a county or city education office.

    Raises ``ValueError`` for ``UnitKind.SCHOOL`` (a caller bug: schools use
    ``validate_school_code``); an unrecognised kind string gives an error finding.
    """
    unit_kind = _as_kind(kind)
    if unit_kind is None:
        return [_unknown_kind(kind, field)]
    if unit_kind is UnitKind.SCHOOL:
        raise ValueError("schools are identified by a 学校标识码; use validate_school_code")
    value = normalize_code(code)
    shape = _check_digits(value, REGION_CODE_LENGTH, "行政区划代码", field, "region_code")
    if shape is not None:
        return [shape]
    if value[:2] not in PROVINCE_PREFIXES:
        return [
            error(
                field,
                f"行政区划代码前两位“{value[:2]}”不是有效的省级代码（如广东为 44），请核对",
                "region_code.province",
            )
        ]
    check = _county_problem if unit_kind is UnitKind.COUNTY else _city_problem
    problem = check(value, field)
    return [problem] if problem else []


def validate_unit_code(
    code: str,
    kind: UnitKind | str,
    category: SchoolCategory | str | None = None,
    *,
    field: str = "code",
) -> list[Finding]:
    """Findings for a unit's code: 学校标识码 for schools, 行政区划代码 for offices."""
    unit_kind = _as_kind(kind)
    if unit_kind is None:
        return [_unknown_kind(kind, field)]
    if unit_kind is UnitKind.SCHOOL:
        return validate_school_code(code, category, field=field)
    return validate_region_code(code, unit_kind, field=field)


# ---------------------------------------------------------------- codes from outside


#: Also checked by the server's first-use pin function (``data/roles.py``), so kept to syntax PostgreSQL shares.
ANY_UNIT_CODE = re.compile(r"^(?:(11|2[12]|3[1-7]|4[12]|51|9[1-3])[0-9]{8}|[0-9]{6})$", re.ASCII)


def is_unit_code(code: object) -> bool:
    """True when ``code`` is, exactly as given, a 学校标识码 or a 行政区划代码 in its plain form.

    For codes that arrive from outside (a package, a reply file): such a code
    may become part of a file name, so it must already be in the plain form —
    no folding of full-width digits, no spaces, no path characters.
    """
    return isinstance(code, str) and bool(ANY_UNIT_CODE.fullmatch(code))


def unit_code_problem(code: object, kind: object) -> str | None:
    """A Chinese sentence saying what is wrong with a unit code from outside, or None when it is valid."""
    shown = repr(code)[1:-1][:40] if isinstance(code, str) else str(code)[:40]
    if not is_unit_code(code):
        return f"单位代码“{shown}”不是有效的学校标识码（10 位数字）或行政区划代码（6 位数字）"
    assert isinstance(code, str)
    errors = [f for f in validate_unit_code(code, str(kind)) if f.is_error]
    if errors:
        return f"单位代码“{code}”有误：{errors[0].message}"
    return None
