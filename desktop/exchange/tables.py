"""The detail tables a package carries, and their columns (the package's data schema).

Rows name each other by stable keys, never by database ids: a unit by its
code, a person, certificate or class by its ``uid``. The receiving database
assigns its own ids. Column order here is the order of values in every row of
the member ``data/<table>.jsonl.gz``; a reader checks the header line against it.

Period-scoped tables (classes, seats, explanations, findings, unit_periods)
carry only the package's period. Parents come before children, so an importer
can insert in this order and delete in the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str  # member name stem and manifest count key
    label: str  # Chinese name used in messages and diffs
    columns: tuple[str, ...]


UNITS = TableSpec("units", "单位", (
    "code", "name", "kind", "parent_code", "category", "ownership", "urban_rural", "boarding",
    "township_central", "county_high_school", "campuses", "address", "contact_person", "contact_phone",
    "closed_on",
))
UNIT_PERIODS = TableSpec("unit_periods", "填报状态", (
    "unit_code", "state", "ready", "submitted_at", "approved_at", "approved_by", "returned_at",
    "return_comment", "head_name", "statistician_name", "preparer_name", "phone", "report_date",
))
#: 代报 (issue 23 item 5): the office that entered a unit's data for it, one row per marked unit.
#: A table of its own, not a column of unit_periods: a reader checks every header exactly.
PROXIES = TableSpec("proxies", "代报标记", ("unit_code", "proxy_by"))
STAFF = TableSpec("staff", "教职工", (
    "uid", "unit_code", "staff_no", "name", "name_pinyin", "name_initials", "id_type", "id_number", "id_tail",
    "gender", "birth_date", "ethnicity", "political_status", "phone", "category", "employment_form", "post",
    "first_work_date", "join_date", "teaching_stage", "subject", "full_time", "education", "degree", "major",
    "normal_major", "first_education", "title", "honour_level", "honour_year", "status", "end_date",
    "end_reason", "note",
))
MOVEMENTS = TableSpec("movements", "交流轮岗", (
    "uid", "staff_uid", "kind", "from_unit_code", "from_unit_name", "to_unit_code", "to_unit_name",
    "start_date", "end_date", "note",
))
CREDENTIALS = TableSpec("credentials", "资格证书", (
    "uid", "staff_uid", "kind", "cert_type", "subject", "number", "grade", "issue_date", "issuer", "revoked",
    "note",
))
REGISTRATIONS = TableSpec("registrations", "定期注册", (
    "uid", "credential_uid", "reg_date", "result", "next_due", "note",
))
TRAINING = TableSpec("training", "培训记录", (
    "uid", "staff_uid", "title", "organiser", "start_date", "end_date", "level", "mode", "category", "topics",
    "hours", "certificate_no", "verified_by", "verified_at", "source",
))
APPRAISALS = TableSpec("appraisals", "年度考核", (
    "uid", "staff_uid", "year", "result", "note",
))
ETHICS = TableSpec("ethics_records", "师德记录", (
    "uid", "staff_uid", "record_date", "kind", "description", "note",
))
#: The national forms' staff fields (教基 series, docs/national.md), beside the staff table rather than in it:
#: the staff member's column list stays that of earlier programs. One row per person with any of them set;
#: a person without a row has none of them (本学年不授课, 校外教师, 外籍 false; 港澳台侨 not recorded).
STAFF_NATIONAL = TableSpec("staff_national", "国家统计字段", (
    "staff_uid", "not_teaching", "external_teacher", "foreign_national", "overseas",
))
#: 任教课程: several per teacher, ``main`` marks the main one.
STAFF_COURSES = TableSpec("staff_courses", "任教课程", (
    "uid", "staff_uid", "course", "main",
))
CLASSES = TableSpec("classes", "班级", (
    "uid", "unit_code", "grade", "name", "enrolled", "boarders", "disabled", "rolled_from_uid",
))
CAPACITIES = TableSpec("capacities", "核定学位", (
    "unit_code", "stage", "approved_seats", "boarding_seats", "resource_room",
))
SEAT_ADDITIONS = TableSpec("seat_additions", "新增学位", (
    "uid", "unit_code", "stage", "method", "seats", "project", "note",
))
SEAT_TASKS = TableSpec("seat_tasks", "学位建设任务", (
    "unit_code", "plan_name", "start_year", "end_year", "stage", "seats",
))
EXPLANATIONS = TableSpec("explanations", "填写说明", (
    "unit_code", "rule", "record_key", "text", "author",
))
FINDINGS = TableSpec("findings", "检查结果", (
    "unit_code", "rule", "severity", "record_type", "record_key", "message", "explanation",
))

#: Every table, parents first.
TABLES: tuple[TableSpec, ...] = (
    UNITS, UNIT_PERIODS, PROXIES, STAFF, MOVEMENTS, CREDENTIALS, REGISTRATIONS, TRAINING, APPRAISALS, ETHICS,
    STAFF_NATIONAL, STAFF_COURSES, CLASSES, CAPACITIES, SEAT_ADDITIONS, SEAT_TASKS, EXPLANATIONS, FINDINGS,
)
#: Tables added after the first release (issue 23): written only when they have rows, so a package
#: without 年度考核, 师德 records or 代报 marks still opens in a program that does not know these tables
#: (which asks to be upgraded only when such a table is in the package).
#: The national forms' members (issue 21) follow the same rule: a package of a school that records none
#: of them is readable by every earlier program, and an earlier program's package reads as "none recorded".
LATER_TABLES = frozenset({"appraisals", "ethics_records", "proxies", "staff_national", "staff_courses"})
BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}


def member_name(table: str) -> str:
    return f"data/{table}.jsonl.gz"
