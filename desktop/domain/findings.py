"""Structured validation results (检查结果).

Validators never raise for bad user data: they return a list of ``Finding``.
A finding names the field it is about (so a form can show the reason next to
it), its severity (an error blocks saving or submission, a warning needs a
written explanation 填写说明) and a Chinese sentence saying what is wrong and
how to fix it. ``rule`` is a stable code for the check, used to attach
explanations and to count findings by kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.codes import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    field: str
    severity: Severity
    message: str
    rule: str = ""
    record_type: str = ""
    record_id: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(field: str, message: str, rule: str = "") -> Finding:
    return Finding(field, Severity.ERROR, message, rule)


def warning(field: str, message: str, rule: str = "") -> Finding:
    return Finding(field, Severity.WARNING, message, rule)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)
