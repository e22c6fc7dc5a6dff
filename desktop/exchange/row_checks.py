"""Every row of a received package passes the same domain validators as typed or imported data.

A package is signed by its sender, which proves who sent it, not that what it
says is sane: a school with its own database can write any value. So each row
is turned into the record a clerk would have typed (``domain.records``) and
checked with ``domain.validate``; a row with an error refuses the package, with
the table, the row and the validator's own sentence. Columns that no
validator covers are checked for their type, and every text value passes the
one text policy (``domain.textpolicy``). Warnings are not refusals: the sender
saw them and may have written a 填写说明.

Used by ``verify.member_rows``, so the in-process reader and the staging
worker (``exchange.staging``) refuse the same rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from desktop.domain.codes import (
    AppraisalResult,
    EthicsKind,
)
from desktop.domain.findings import Finding
from desktop.domain.records import (
    CapacityData,
    ClassData,
    CredentialData,
    RegistrationData,
    SeatAdditionData,
    StaffData,
    TrainingData,
    UnitData,
)
from desktop.domain.textpolicy import FORMULA_START, HIDDEN, MULTILINE, text_problem
from desktop.domain.unitcodes import is_unit_code
from desktop.domain.validate import (
    validate_capacity,
    validate_class,
    validate_credential,
    validate_national_fields,
    validate_registration,
    validate_seat_addition,
    validate_staff,
    validate_staff_course,
    validate_training,
    validate_unit,
)
from desktop.exchange.row_prechecks import MAX_TEXT
from desktop.exchange.row_prechecks import plain_row as _plain_row
from desktop.exchange.row_prechecks import training_surely_valid as _training_surely_valid
from desktop.exchange.tables import BY_NAME


class RowProblem(ValueError):
    """A row that a clerk could not have saved; the message is Chinese."""


def _d(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise TypeError("date")
    return date.fromisoformat(v)


def _req_d(v: Any) -> date:
    d = _d(v)
    if d is None:
        raise TypeError("date")
    return d


def _dt(v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise TypeError("datetime")
    return datetime.fromisoformat(v)


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("int")
    return v


def _opt_int(v: Any) -> int | None:
    return None if v is None else _int(v)


def _num(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise TypeError("number")
    return float(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise TypeError("bool")
    return v


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise TypeError("text")
    return v


def _req_s(v: Any) -> str:
    s = _s(v)
    if s is None:
        raise TypeError("text")
    return s


def _code(v: Any) -> str:
    if not is_unit_code(v):
        raise TypeError("unit code")
    return str(v)


def _unit(r: dict[str, Any]) -> list[Finding]:
    _d(r["closed_on"])
    return validate_unit(UnitData(
        code=_code(r["code"]), name=_req_s(r["name"]), kind=_req_s(r["kind"]), parent_code=_s(r["parent_code"]),
        category=_s(r["category"]), ownership=_s(r["ownership"]), urban_rural=_s(r["urban_rural"]),
        boarding=_bool(r["boarding"]), township_central=_bool(r["township_central"]),
        county_high_school=_bool(r["county_high_school"]), campuses=_int(r["campuses"]), address=_s(r["address"]),
        contact_person=_s(r["contact_person"]), contact_phone=_s(r["contact_phone"])))


def _staff(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    _d(r["end_date"])
    if r["status"] not in ("active", "ended"):
        raise TypeError("status")
    return validate_staff(StaffData(
        name=_req_s(r["name"]), id_type=_req_s(r["id_type"]), id_number=_req_s(r["id_number"]),
        gender=_s(r["gender"]), birth_date=_d(r["birth_date"]), ethnicity=_s(r["ethnicity"]),
        political_status=_s(r["political_status"]), phone=_s(r["phone"]), staff_no=_s(r["staff_no"]),
        category=_req_s(r["category"]), employment_form=_req_s(r["employment_form"]), post=_req_s(r["post"]),
        first_work_date=_d(r["first_work_date"]), join_date=_d(r["join_date"]),
        teaching_stage=_s(r["teaching_stage"]), subject=_s(r["subject"]), full_time=_bool(r["full_time"]),
        education=_s(r["education"]), degree=_s(r["degree"]), major=_s(r["major"]),
        normal_major=_bool(r["normal_major"]), first_education=_s(r["first_education"]), title=_req_s(r["title"]),
        honour_level=_s(r["honour_level"]), honour_year=_opt_int(r["honour_year"]), note=_s(r["note"])))


def _credential(r: dict[str, Any]) -> list[Finding]:
    return validate_credential(CredentialData(
        kind=_req_s(r["kind"]), cert_type=_s(r["cert_type"]), subject=_s(r["subject"]), number=_s(r["number"]),
        grade=_s(r["grade"]), issue_date=_d(r["issue_date"]), issuer=_s(r["issuer"]), revoked=_bool(r["revoked"]),
        note=_s(r["note"])))


def _registration(r: dict[str, Any]) -> list[Finding]:
    return validate_registration(RegistrationData(
        reg_date=_req_d(r["reg_date"]), result=_req_s(r["result"]), next_due=_d(r["next_due"]), note=_s(r["note"])))


def _training(r: dict[str, Any]) -> list[Finding]:
    topics = tuple(t for t in _req_s(r["topics"]).split(";") if t)
    return validate_training(TrainingData(
        title=_req_s(r["title"]), start_date=_req_d(r["start_date"]), end_date=_req_d(r["end_date"]),
        hours=_num(r["hours"]), level=_req_s(r["level"]), mode=_req_s(r["mode"]), category=_req_s(r["category"]),
        topics=topics, organiser=_s(r["organiser"]), certificate_no=_s(r["certificate_no"]),
        verified_by=_s(r["verified_by"]), verified_at=_dt(r["verified_at"])))


def _class(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    return validate_class(ClassData(grade=_req_s(r["grade"]), name=_req_s(r["name"]), enrolled=_int(r["enrolled"]),
                                    boarders=_int(r["boarders"]), disabled=_int(r["disabled"])))


def _capacity(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    return validate_capacity(CapacityData(stage=_req_s(r["stage"]), approved_seats=_int(r["approved_seats"]),
                                          boarding_seats=_int(r["boarding_seats"]),
                                          resource_room=_bool(r["resource_room"])))


def _seat_addition(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    return validate_seat_addition(SeatAdditionData(stage=_req_s(r["stage"]), method=_req_s(r["method"]),
                                                   seats=_int(r["seats"]), project=_s(r["project"]),
                                                   note=_s(r["note"])))


def _seat_task(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    start, end, seats = _int(r["start_year"]), _int(r["end_year"]), _int(r["seats"])
    if not 1990 <= start <= end <= 2100 or seats < 0:
        raise TypeError("seat task")
    return []


def _movement(r: dict[str, Any]) -> list[Finding]:
    _req_d(r["start_date"])
    _d(r["end_date"])
    return []


def _appraisal(r: dict[str, Any]) -> list[Finding]:
    year = _int(r["year"])
    if not 1990 <= year <= 2100:
        raise ValueError("year")
    if AppraisalResult.from_label(_req_s(r["result"])) is None:
        raise ValueError("result")
    _s(r["note"])
    return []


def _ethics(r: dict[str, Any]) -> list[Finding]:
    _req_d(r["record_date"])
    if EthicsKind.from_label(_req_s(r["kind"])) is None:
        raise ValueError("kind")
    if not _req_s(r["description"]).strip():
        raise ValueError("description")
    _s(r["note"])
    return []


def _staff_national(r: dict[str, Any]) -> list[Finding]:
    for key in ("not_teaching", "external_teacher", "foreign_national"):
        _bool(r[key])
    return validate_national_fields(_s(r["overseas"]))


def _staff_course(r: dict[str, Any]) -> list[Finding]:
    _bool(r["main"])
    return validate_staff_course(_req_s(r["course"]))


def _unit_code_only(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    return []


def _proxy(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    office = _req_s(r["proxy_by"]).strip()
    if not office or len(office) > 100:
        raise ValueError("proxy_by")
    return []


def _unit_period(r: dict[str, Any]) -> list[Finding]:
    _code(r["unit_code"])
    for key in ("submitted_at", "approved_at", "returned_at"):
        _dt(r[key])
    _d(r["report_date"])
    if r["state"] not in ("draft", "submitted", "approved", "returned"):
        raise TypeError("state")
    return []


_CHECKS: dict[str, Callable[[dict[str, Any]], list[Finding]]] = {
    "units": _unit, "unit_periods": _unit_period, "staff": _staff, "movements": _movement,
    "credentials": _credential, "registrations": _registration, "training": _training, "classes": _class,
    "capacities": _capacity, "seat_additions": _seat_addition, "seat_tasks": _seat_task,
    "explanations": _unit_code_only, "findings": _unit_code_only, "appraisals": _appraisal,
    "ethics_records": _ethics, "staff_national": _staff_national, "staff_courses": _staff_course, "proxies": _proxy,
}
_LABELS = {"name": "姓名", "title": "培训名称", "organiser": "主办单位", "note": "备注", "major": "所学专业"}


def check_row(table: str, row: Sequence[Any], index: int) -> None:
    """Raise ``RowProblem`` when row ``index`` (1-based) of ``table`` would not pass the domain validators.

    Other tables' rows repeat (the same class sizes, codes and notes), so their
    verdict is remembered by the row's content without its identifiers: a
    repeated row costs one dictionary look-up. Training rows almost never repeat
    whole (each teacher's dates, hours and certificate differ), so for them the
    distinct values are remembered instead (``_plain_row``,
    ``_training_surely_valid``).
    """
    if table == "training":  # each row differs (dates, hours, certificates): its values are remembered one by one
        key: tuple[Any, ...] | None = None
        cached: Any = _UNSEEN
    else:
        try:
            key = (table, *row[_IDENTIFIERS.get(table, 0):])
            cached = _VERDICTS.get(key, _UNSEEN)
        except TypeError:  # an unhashable value (a nested list): the full check refuses it
            key, cached = None, _UNSEEN
    if cached is _UNSEEN:
        cached = _problem(table, row)
        if key is not None:
            if len(_VERDICTS) >= _MAX_VERDICTS:
                _VERDICTS.clear()
            _VERDICTS[key] = cached
    if cached is not None:
        raise RowProblem(f"{BY_NAME[table].label}第 {index} 行{cached}")


def quick_check(table: str) -> Callable[[Sequence[Any]], bool] | None:
    """A test that is True only for rows ``check_row`` would pass, for the loop over a member's rows, or None.

    Training rows (800,000 in a county's packages) skip ``check_row``'s and
    ``_problem``'s calls: the same two fast paths ``_problem`` asks first. A row
    it is not sure of still goes through ``check_row``, which gives the message.
    """
    if table != "training":
        return None
    plain, surely = _plain_row, _training_surely_valid

    def quick(row: Sequence[Any]) -> bool:
        return plain("training", row) and surely(row)

    return quick


_UNSEEN = object()
_MAX_VERDICTS = 50_000
_VERDICTS: dict[tuple[Any, ...], Any] = {}
# Leading columns that only identify a row (uids, the owner's uid): not part of what is checked.
_IDENTIFIERS = {"staff": 1, "movements": 2, "credentials": 2, "registrations": 2, "training": 2, "classes": 1,
                "seat_additions": 1, "appraisals": 2, "ethics_records": 2, "staff_national": 1,
                "staff_courses": 2}


def _problem(table: str, row: Sequence[Any]) -> str | None:
    """What is wrong with the row (text to follow "…第 N 行"), or None."""
    spec = BY_NAME[table]
    if _plain_row(table, row):
        pass  # every value a finite scalar, every text value unsuspicious: nothing below would object
    elif not set(map(type, row)) <= _SCALARS:
        for column, value in zip(spec.columns, row, strict=True):
            if type(value) not in _SCALARS:
                return f"的“{column}”不是单个值（数据包中只能有文字、数字、日期和是否），本程序导出的数据包不会这样"
    else:
        for column, value in zip(spec.columns, row, strict=True):
            if type(value) is float and not math.isfinite(value):
                return f"的“{column}”不是有效的数字"
        texts = [row[i] for i in _TEXT_COLUMNS[table] if type(row[i]) is str]
        for i in _TEXT_COLUMNS[table] if _suspicious(texts) else ():
            value, column = row[i], spec.columns[i]
            if isinstance(value, str):
                if len(value) > MAX_TEXT:
                    return f"的“{column}”超过 {MAX_TEXT} 个字"
                # 备注 (textpolicy.MULTILINE) and a 退回意见 (year/workflow.py) keep their line breaks;
                # a 退回意见 may also indent its lines with tabs.
                if (table, column) in _MULTILINE:
                    value = value.replace("\t", " ")
                multiline = column in MULTILINE or (table, column) in _MULTILINE
                problem = text_problem(value, _LABELS.get(column, column), multiline=multiline)
                if problem is not None:
                    return f"：{problem}"
    if table == "training" and _training_surely_valid(row):
        return None
    try:
        findings = _CHECKS[table](dict(zip(spec.columns, row, strict=True)))
    except (TypeError, ValueError, KeyError) as exc:
        return f"的数据类型或格式不对（{str(exc)[:60]}），本程序导出的数据包不会这样"
    errors = [f for f in findings if f.is_error]
    return f"：{errors[0].message}" if errors else None


_SCALARS = frozenset({str, int, float, bool, type(None)})
#: Text columns a person writes in several lines: line breaks and tabs are allowed there.
_MULTILINE = frozenset({("unit_periods", "return_comment")})
_STARTS = frozenset(FORMULA_START)


def _suspicious(texts: list[str]) -> bool:
    """Cheap pre-check for ``text_problem``: too long, a hidden character, or a value starting like a formula."""
    if not texts:
        return False
    firsts = {t[:1] for t in texts}
    return (max(map(len, texts)) > MAX_TEXT or bool(HIDDEN.search("".join(texts))) or bool(firsts & _STARTS)
            or any(f.isspace() for f in firsts))


# Identifiers the program generates (hex digests), never text a person typed or reads.
_PLAIN = frozenset({"uid", "staff_uid", "credential_uid", "rolled_from_uid", "record_key"})
# Per table, the positions of the columns that hold text a person typed or reads.
_TEXT_COLUMNS = {spec.name: tuple(i for i, c in enumerate(spec.columns) if c not in _PLAIN) for spec in BY_NAME.values()}
