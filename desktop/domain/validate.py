"""Record-level validation: one function per record kind, returning findings.

These combine the primitive checks (ID numbers, unit codes, certificate
numbers) with the code tables and cross-field rules. Errors stop a record from
being saved; warnings are saved and listed for a 填写说明.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.certno import check_cert_number
from desktop.domain.codes import (
    CodeEnum,
    CredentialKind,
    Degree,
    EducationLevel,
    EmploymentForm,
    Ethnicity,
    Gender,
    Grade,
    HonourLevel,
    IdDocType,
    OverseasStatus,
    Ownership,
    PoliticalStatus,
    Post,
    SchoolCategory,
    SeatMethod,
    StaffCategory,
    Stage,
    Subject,
    TeacherCertType,
    Title,
    TrainingCategory,
    TrainingLevel,
    TrainingMode,
    TrainingTopic,
    UnitKind,
    UrbanRural,
)
from desktop.domain.findings import Finding, error, warning
from desktop.domain.idcard import parse_resident_id, validate_id_number
from desktop.domain.numbers import amount
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
from desktop.domain.textpolicy import MULTILINE, text_problem
from desktop.domain.unitcodes import validate_unit_code

MAX_TRAINING_HOURS = 2000.0  # one record; a degree programme counts at most this much


def _code(
    value: str | None, table: type[CodeEnum], field: str, what: str, *, required: bool = False
) -> Finding | None:
    if value is None or value == "":
        return error(field, f"请选择{what}。", f"{field}.required") if required else None
    try:
        table(value)
    except ValueError:
        options = "、".join(label for _, label in table.choices()[:12])
        return error(field, f"“{value}”不是有效的{what}，请从下拉列表中选择（{options}…）。", f"{field}.code")
    return None


def _text(value: str | None, field: str, what: str, max_len: int, *, required: bool) -> Finding | None:
    text = (value or "").strip()
    if required and not text:
        return error(field, f"{what}不能为空。", f"{field}.required")
    if len(text) > max_len:
        return error(field, f"{what}最多 {max_len} 个字，现在是 {len(text)} 个字。", f"{field}.length")
    # one policy for every free-text field (domain.textpolicy); a note may span lines
    problem = text_problem(value or "", what, multiline=field in MULTILINE)
    if problem is not None:
        return error(field, problem, f"{field}.text")
    return None


def _keep(*items: Finding | None) -> list[Finding]:
    return [f for f in items if f is not None]


def validate_unit(data: UnitData) -> list[Finding]:
    out = _keep(
        _text(data.name, "name", "单位名称", 100, required=True),
        _code(data.kind, UnitKind, "kind", "单位类型", required=True),
    )
    if out:
        return out
    out += validate_unit_code(data.code, data.kind, data.category)
    if data.kind == UnitKind.SCHOOL:
        out += _keep(
            _code(data.category, SchoolCategory, "category", "学校类别", required=True),
            _code(data.ownership, Ownership, "ownership", "办学性质", required=True),
            _code(data.urban_rural, UrbanRural, "urban_rural", "城乡分类", required=True),
        )
        if data.ownership == Ownership.PRIVATE_INCLUSIVE and data.category != SchoolCategory.KINDERGARTEN:
            out.append(warning("ownership", "“普惠性民办”只适用于幼儿园，请核对办学性质。", "unit.inclusive"))
    if data.campuses < 1:
        out.append(error("campuses", "校区数至少为 1。", "unit.campuses"))
    return out


def validate_staff(data: StaffData, *, today: date | None = None) -> list[Finding]:
    today = today or date.today()
    out = _keep(
        _text(data.name, "name", "姓名", 50, required=True),
        _code(data.id_type, IdDocType, "id_type", "证件类型", required=True),
        _code(data.gender, Gender, "gender", "性别"),
        _code(data.ethnicity, Ethnicity, "ethnicity", "民族"),
        _code(data.political_status, PoliticalStatus, "political_status", "政治面貌"),
        *validate_national_fields(data.overseas),
        _code(data.category, StaffCategory, "category", "教职工类别", required=True),
        _code(data.employment_form, EmploymentForm, "employment_form", "用人形式", required=True),
        _code(data.post, Post, "post", "岗位", required=True),
        _code(data.teaching_stage, Stage, "teaching_stage", "任教学段"),
        _code(data.subject, Subject, "subject", "任教学科"),
        _code(data.education, EducationLevel, "education", "最高学历"),
        _code(data.first_education, EducationLevel, "first_education", "第一学历"),
        _code(data.degree, Degree, "degree", "学位"),
        _code(data.title, Title, "title", "职称", required=True),
        _code(data.honour_level, HonourLevel, "honour_level", "骨干教师级别"),
        _text(data.major, "major", "所学专业", 100, required=False),
        _text(data.note, "note", "备注", 2000, required=False),
    )
    info = None
    if not (data.id_number or "").strip():
        out.append(error("id_number", "证件号码不能为空。", "id.required"))
    elif data.id_type == IdDocType.RESIDENT_ID:  # parsed once: its findings, and its parts for the checks below
        info, found = parse_resident_id(data.id_number, today=today)
        out += found
    else:
        out += validate_id_number(data.id_type, data.id_number, field="id_number", today=today)
    if data.id_type == IdDocType.RESIDENT_ID:
        if info is not None:
            if data.gender and data.gender != info.gender:
                out.append(error("gender", f"性别与身份证号不一致：按身份证号应为{info.gender.label}。", "staff.gender"))
            if data.birth_date and data.birth_date != info.birth_date:
                # §7.2: a mismatch is worth a look, never a reason to refuse the person.
                out.append(warning("birth_date", f"出生日期 {data.birth_date:%Y-%m-%d} 与身份证号中的出生日期 "
                                   f"{info.birth_date:%Y-%m-%d} 不一致，请核对。", "staff.birth"))
    elif not data.gender:
        out.append(error("gender", "请选择性别。", "gender.required"))
    if data.first_work_date and data.first_work_date > today:
        out.append(error("first_work_date", "参加工作年月不能晚于今天。", "staff.first_work"))
    if data.first_work_date and data.join_date and data.join_date < data.first_work_date:
        out.append(error("join_date", "进本校年月不能早于参加工作年月。", "staff.join"))
    if data.birth_date and data.first_work_date and data.first_work_date <= data.birth_date:
        out.append(error("first_work_date", "参加工作年月必须晚于出生日期。", "staff.first_work"))
    if data.category == StaffCategory.TEACHER and not data.teaching_stage:
        out.append(warning("teaching_stage", "专任教师应填写任教学段。", "staff.stage"))
    if data.honour_year is not None and not 1980 <= data.honour_year <= today.year:
        out.append(error("honour_year", f"骨干认定年份应在 1980–{today.year} 之间。", "staff.honour_year"))
    return out


def validate_national_fields(overseas: str | None) -> list[Finding]:
    """The national forms' staff fields (教基 series) that a code table covers; the flags are plain yes/no."""
    return _keep(_code(overseas, OverseasStatus, "overseas", "港澳台侨"))


def validate_staff_course(course: str | None) -> list[Finding]:
    """One 任教课程 of a teacher: a 学科 code."""
    return _keep(_code(course, Subject, "course", "任教课程", required=True))


def validate_credential(data: CredentialData, *, gender: str | None = None, today: date | None = None) -> list[Finding]:
    out = _keep(
        _code(data.kind, CredentialKind, "kind", "证书类别", required=True),
        _text(data.number, "number", "证书编号", 40, required=False),
        _text(data.issuer, "issuer", "发证机关", 100, required=False),
    )
    if data.kind == CredentialKind.TEACHER:
        out += _keep(_code(data.cert_type, TeacherCertType, "cert_type", "资格种类", required=True))
        if not (data.number or "").strip():
            out.append(error("number", "请填写教师资格证书编号。", "cert.number_required"))
        else:
            out += check_cert_number(data.number or "", cert_type=data.cert_type, gender=gender, today=today)
    if data.issue_date and data.issue_date > (today or date.today()):
        out.append(error("issue_date", "发证日期不能晚于今天。", "cert.issue_date"))
    return out


def validate_registration(data: RegistrationData, *, today: date | None = None) -> list[Finding]:
    from desktop.domain.codes import RegistrationResult

    out = _keep(_code(data.result, RegistrationResult, "result", "注册结论", required=True))
    if data.reg_date > (today or date.today()):
        out.append(error("reg_date", "注册日期不能晚于今天。", "reg.date"))
    if data.next_due and data.next_due <= data.reg_date:
        out.append(error("next_due", "下次注册日期必须晚于本次注册日期。", "reg.next_due"))
    return out


def validate_training(data: TrainingData, *, today: date | None = None) -> list[Finding]:
    out = _keep(
        _text(data.title, "title", "培训名称", 200, required=True),
        _code(data.level, TrainingLevel, "level", "培训层级", required=True),
        _code(data.mode, TrainingMode, "mode", "培训形式", required=True),
        _code(data.category, TrainingCategory, "category", "科目类别", required=True),
        _text(data.organiser, "organiser", "主办单位", 100, required=False),
    )
    for topic in data.topics:
        found = _code(topic, TrainingTopic, "topics", "专题")
        if found:
            out.append(found)
    if data.hours <= 0:
        out.append(error("hours", "学时必须大于 0。", "training.hours"))
    elif data.hours > MAX_TRAINING_HOURS:
        out.append(error("hours", f"一条培训记录最多 {amount(MAX_TRAINING_HOURS)} 学时，请核对。", "training.hours"))
    elif (data.hours * 2) != int(data.hours * 2):
        out.append(error("hours", "学时只能是整数或半学时（如 3 或 3.5）。", "training.hours_half"))
    if data.end_date < data.start_date:
        out.append(error("end_date", "结束日期不能早于开始日期。", "training.dates"))
    if data.end_date > (today or date.today()):
        out.append(warning("end_date", "结束日期晚于今天：尚未结束的培训一般不计学时。", "training.future"))
    days = (data.end_date - data.start_date).days + 1
    if data.mode == TrainingMode.FACE_TO_FACE and days > 0 and data.hours > days * 8:
        out.append(
            warning("hours", f"面授培训每天最多计 8 学时，{days} 天最多 {days * 8} 学时。", "training.day_cap")
        )
    return out


def validate_class(data: ClassData) -> list[Finding]:
    out = _keep(
        _code(data.grade, Grade, "grade", "年级", required=True),
        _text(data.name, "name", "班级名称", 50, required=True),
    )
    for field, value, what in (("enrolled", data.enrolled, "学生数"), ("boarders", data.boarders, "寄宿生数"),
                               ("disabled", data.disabled, "残疾学生数")):
        if value < 0:
            out.append(error(field, f"{what}不能是负数。", f"class.{field}"))
    if data.boarders > data.enrolled:
        out.append(error("boarders", "寄宿生数不能多于班级学生数。", "class.boarders"))
    if data.disabled > data.enrolled:
        out.append(error("disabled", "残疾学生数不能多于班级学生数。", "class.disabled"))
    if data.enrolled > 120:
        out.append(error("enrolled", "一个班超过 120 人，请核对是否多输了一位数。", "class.enrolled"))
    return out


def validate_capacity(data: CapacityData) -> list[Finding]:
    out = _keep(_code(data.stage, Stage, "stage", "学段", required=True))
    if data.approved_seats < 0 or data.boarding_seats < 0:
        out.append(error("approved_seats", "学位数不能是负数。", "capacity.negative"))
    return out


def validate_seat_addition(data: SeatAdditionData) -> list[Finding]:
    out = _keep(
        _code(data.stage, Stage, "stage", "学段", required=True),
        _code(data.method, SeatMethod, "method", "新增方式", required=True),
    )
    if data.seats <= 0:
        out.append(error("seats", "新增学位数必须大于 0。", "seats.positive"))
    return out
