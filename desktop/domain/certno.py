"""17-digit 教师资格证书编号 (teacher qualification certificate number).

Layout (``shared/reference/domain-notes.md`` §1.2)::

    YYYY PP III T G NNNNNN
    year province issuing-body type gender serial

* type = 资格种类 1–7 (``TeacherCertType``);
* gender = **0 女, 1 男** — the reverse of GB/T 2261.1 (1 男, 2 女), hence the
  explicit mapping below instead of reusing ``Gender`` codes;
* no check digit.

Certificates issued before the 2008 national information system may follow
another layout, so every finding here is a WARNING: a mismatch asks the clerk
to look again, it never blocks saving.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import Gender, TeacherCertType
from desktop.domain.findings import Finding, warning
from desktop.domain.idcard import PROVINCE_PREFIXES

CERT_NUMBER_LENGTH = 17
#: First year of the current certificate system (《教师资格条例》 1995, numbers from the 1990s).
FIRST_CERT_YEAR = 1990

_LAYOUT = re.compile(r"^\d{4}\d{2}\d{3}[1-7][01]\d{6}$", re.ASCII)
_DIGITS = re.compile(r"^\d+$", re.ASCII)

# 10th digit → 资格种类 (the enum's codes are exactly these digits).
_TYPE_DIGIT: dict[str, TeacherCertType] = {t.value: t for t in TeacherCertType}
# 11th digit → GB/T 2261.1 gender.
_GENDER_DIGIT: dict[str, Gender] = {"0": Gender.FEMALE, "1": Gender.MALE}

_OLD_CERT_HINT = "（2008年以前的旧证编号可能不同，如与证书原件一致可忽略）"


@dataclass(frozen=True)
class CertNumber:
    """The parts of a certificate number that follows the current layout."""

    year: int
    province: str
    issuer: str
    cert_type: TeacherCertType
    gender: Gender


def _normalize(number: str) -> str:
    # Same folding as ID numbers: full-width digits and pasted spaces are common.
    folded = unicodedata.normalize("NFKC", number)
    return "".join(folded.split())


def parse_cert_number(number: str) -> CertNumber | None:
    """Split a number in the current 17-digit layout; ``None`` when it does not fit it."""
    value = _normalize(number)
    if not _LAYOUT.match(value):
        return None
    return CertNumber(
        year=int(value[0:4]),
        province=value[4:6],
        issuer=value[6:9],
        cert_type=_TYPE_DIGIT[value[9]],
        gender=_GENDER_DIGIT[value[10]],
    )


def _as_cert_type(cert_type: TeacherCertType | str | None) -> TeacherCertType | None:
    # from_label accepts the code as well as the label and aliases.
    if cert_type is None or isinstance(cert_type, TeacherCertType):
        return cert_type
    return TeacherCertType.from_label(cert_type)


def _as_gender(gender: Gender | str | None) -> Gender | None:
    found = gender if gender is None or isinstance(gender, Gender) else Gender.from_label(gender)
    # Only 男/女 can be compared with the certificate's 0/1 digit.
    return found if found in (Gender.MALE, Gender.FEMALE) else None


def _shape_warning(value: str, field: str) -> Finding | None:
    if len(value) != CERT_NUMBER_LENGTH:
        return warning(
            field,
            f"教师资格证书编号通常为17位数字，现在是{len(value)}位，请核对是否漏输或多输{_OLD_CERT_HINT}",
            "cert.length",
        )
    if not _DIGITS.match(value):
        return warning(
            field,
            f"教师资格证书编号通常只含数字，请核对其中的字母或符号{_OLD_CERT_HINT}",
            "cert.chars",
        )
    return None


def _year_warning(value: str, today: date, field: str) -> Finding | None:
    year = int(value[0:4])
    if FIRST_CERT_YEAR <= year <= today.year:
        return None
    return warning(
        field,
        f"证书编号前4位是认定年度，应在{FIRST_CERT_YEAR}–{today.year}之间，现在是{year}，请核对",
        "cert.year",
    )


def _province_warning(value: str, field: str) -> Finding | None:
    if value[4:6] in PROVINCE_PREFIXES:
        return None
    return warning(
        field,
        f"证书编号第5–6位是省级代码（广东为 44），“{value[4:6]}”不是有效的省级代码，请核对",
        "cert.province",
    )


def _type_warnings(value: str, expected: TeacherCertType | None, field: str) -> list[Finding]:
    digit = value[9]
    actual = _TYPE_DIGIT.get(digit)
    if actual is None:
        return [
            warning(
                field,
                f"证书编号第10位是资格种类代码，应为1–7，现在是{digit}，请核对{_OLD_CERT_HINT}",
                "cert.type_digit",
            )
        ]
    if expected is None or actual is expected:
        return []
    return [
        warning(
            field,
            f"证书编号第10位为{digit}（{actual.label}），与填写的资格种类“{expected.label}”"
            f"（应为{expected.value}）不一致，请核对资格种类或编号",
            "cert.type_mismatch",
        )
    ]


def _gender_warnings(value: str, expected: Gender | None, field: str) -> list[Finding]:
    digit = value[10]
    actual = _GENDER_DIGIT.get(digit)
    if actual is None:
        return [
            warning(
                field,
                f"证书编号第11位是性别代码，应为0（女）或1（男），现在是{digit}，请核对{_OLD_CERT_HINT}",
                "cert.gender_digit",
            )
        ]
    if expected is None or actual is expected:
        return []
    return [
        warning(
            field,
            f"证书编号第11位为{digit}（{actual.label}），与教师性别“{expected.label}”不一致，"
            "请核对（证书编号中 0 表示女、1 表示男）",
            "cert.gender_mismatch",
        )
    ]


def check_cert_number(
    number: str,
    *,
    cert_type: TeacherCertType | str | None = None,
    gender: Gender | str | None = None,
    today: date | None = None,
    field: str = "number",
) -> list[Finding]:
    """Warnings for a certificate number, cross-checked with 资格种类 and 性别 when given.

    An empty number gives no findings: whether a certificate is required is
    decided elsewhere. Every finding is a WARNING.
    """
    value = _normalize(number)
    if not value:
        return []
    shape = _shape_warning(value, field)
    if shape is not None:
        return [shape]
    today = today or date.today()
    findings = [
        f
        for f in (_year_warning(value, today, field), _province_warning(value, field))
        if f is not None
    ]
    findings += _type_warnings(value, _as_cert_type(cert_type), field)
    findings += _gender_warnings(value, _as_gender(gender), field)
    return findings
