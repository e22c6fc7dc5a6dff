"""What each import kind expects: its fields, their header synonyms and how to read them.

One ``FieldSpec`` per column a clerk might have. ``label`` is the header the
downloadable template uses; ``synonyms`` are the other headers seen in real
files (the national template's ``*身份证件号``, home-made ``教师姓名`` …). Header
matching ignores ``*``, spaces, full-width forms and bracketed hints such as
``(yyyy-MM-dd)`` or ``（必填）`` — see ``headers.header_key``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.codes import (
    AppraisalResult,
    CodeEnum,
    CredentialKind,
    Degree,
    EducationLevel,
    EmploymentForm,
    EthicsKind,
    Ethnicity,
    Gender,
    Grade,
    HonourLevel,
    IdDocType,
    OverseasStatus,
    PoliticalStatus,
    Post,
    RegistrationResult,
    StaffCategory,
    Stage,
    Subject,
    TeacherCertType,
    Title,
    TrainingCategory,
    TrainingLevel,
    TrainingMode,
    TrainingTopic,
)

KINDS = ("roster", "credentials", "training", "classes", "appraisals", "ethics")
KIND_LABELS = {"roster": "教职工名册", "credentials": "资格证书", "training": "培训记录", "classes": "班级",
               "appraisals": "年度考核", "ethics": "师德记录"}


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # template header, Chinese
    parser: str  # text | free | name | id | date | birth | code | codes | int | float | bool | year | topics
    synonyms: tuple[str, ...] = ()
    table: type[CodeEnum] | None = None
    required: bool = False
    default: object = None  # used when the column is absent or the cell blank
    # A classification the returns count by (教职工类别, 用人形式): when the file has no
    # column for it, the clerk is asked for one value for the batch instead of the default.
    ask: bool = False
    hint: str = ""  # one line for the template's instruction sheet
    width: int = 14


def _f(key: str, label: str, parser: str, *synonyms: str, **kw: object) -> FieldSpec:
    return FieldSpec(key, label, parser, synonyms, **kw)  # type: ignore[arg-type]


_PERSON_ID = _f("id_number", "身份证件号", "id", "身份证号", "证件号码", "公民身份号码", "身份证号码",
                "身份证件号码", "证件号", "身份证", "身份证件号", required=True, width=22,
                hint="按证件原样填写 18 位号码，末位 X 大小写均可；本列已设为文本格式，请勿改成数字。")
_PERSON_NAME = _f("name", "姓名", "name", "教师姓名", "教职工姓名", "职工姓名", "人员姓名", "名字", width=10,
                  hint="用于核对：与证件号码对应的人员姓名不一致时会提示。")

ROSTER: tuple[FieldSpec, ...] = (
    _f("name", "姓名", "name", "教师姓名", "教职工姓名", "职工姓名", "人员姓名", "名字", required=True, width=10),
    _f("id_type", "身份证件类型", "code", "证件类型", table=IdDocType, default="1",
       hint="不填时按居民身份证处理。"),
    _PERSON_ID,
    _f("gender", "性别", "code", table=Gender, hint="居民身份证可不填，按号码自动判断。", width=6),
    _f("birth_date", "出生日期", "birth", "出生年月", "生日", "出生年月日",
       hint="可不填，按身份证号自动填写；只填年月（如 1985.03）时按年、月与身份证号核对。"),
    _f("ethnicity", "民族", "code", table=Ethnicity, width=10),
    _f("political_status", "政治面貌", "code", table=PoliticalStatus),
    _f("phone", "联系电话", "text", "手机", "手机号", "手机号码", "电话", "联系方式"),
    _f("staff_no", "教职工号", "text", "工号", "职工号", "编号"),
    _f("category", "教职工类别", "code", "人员类别", "类别", "岗位类别", "岗位分类", "现任岗位类别", "教职工类型",
       "人员类型", "岗位类型", table=StaffCategory, default="11", ask=True),
    _f("employment_form", "用人形式", "code", "用工形式", "编制情况", "编制", "用工方式", "用人方式", "聘用形式",
       table=EmploymentForm, default="1", ask=True),
    _f("post", "岗位", "code", "职务", "行政职务", "现任职务", "幼儿园岗位", "保教岗位", table=Post, default="00"),
    _f("first_work_date", "参加工作年月", "date", "参加工作时间", "参加工作日期", "工作时间"),
    _f("join_date", "进本校年月", "date", "进本校时间", "进本园年月", "进本校日期", "调入本校时间", "到校时间"),
    _f("teaching_stage", "任教学段", "code", "学段", table=Stage),
    _f("subject", "任教学科", "code", "学科", "任教科目", "主教学科", table=Subject),
    _f("full_time", "是否专职", "bool", "专兼职", default=True),
    _f("education", "最高学历", "code", "学历", table=EducationLevel),
    _f("degree", "最高学位", "code", "学位", "最高学位层次", table=Degree),
    _f("major", "所学专业", "free", "专业", "毕业专业"),
    _f("normal_major", "是否师范类专业", "bool", "是否师范类", "师范类", "是否全日制师范类专业毕业", default=False),
    _f("first_education", "第一学历", "code", "初始学历", table=EducationLevel),
    _f("title", "职称", "code", "专业技术职务", "现任专业技术职务", "专技职称", table=Title, default="9"),
    _f("honour_level", "骨干教师级别", "code", "骨干级别", "骨干教师", "骨干类别", "骨干称号", "骨干教师称号", table=HonourLevel),
    _f("honour_year", "骨干认定年份", "year", "认定年份"),
    _f("not_teaching", "本学年不授课", "bool", "是否本学年不授课", "不授课", "本学年是否授课", default=False,
       hint="专任教师本学年因进修、病休等不授课时填“是”（国家统计表教基4155单列）。"),
    _f("external_teacher", "校外教师", "bool", "是否校外教师", "是否为校外教师", default=False,
       hint="人事关系在其他单位、本学年在本校任教的教师填“是”（教基4149单列，不计入教职工数）。"),
    _f("foreign_national", "外籍", "bool", "是否外籍", "外籍人员", "是否外籍人员", "是否外籍教师", default=False),
    _f("overseas", "港澳台侨", "code", "港澳台侨外", "港澳台侨情况", "港澳台侨外情况", table=OverseasStatus),
    _f("courses", "任教课程", "codes", "本学年任教课程", "所教课程", "任教课程（可多门）", table=Subject,
       hint="本学年任教的课程，可填多门，用顿号或分号分隔，第一门为主要任教课程（国家统计表教基4155按它统计）。"),
    _f("note", "备注", "free", "说明", width=20),
)

CREDENTIALS: tuple[FieldSpec, ...] = (
    _PERSON_NAME,
    _PERSON_ID,
    _f("kind", "证书类别", "code", "证书类型", "证书名称", table=CredentialKind, default="teacher"),
    _f("cert_type", "资格种类", "code", "教师资格种类", "资格证种类", "教师资格证种类", table=TeacherCertType),
    _f("subject", "任教学科", "text", "资格证学科", "学科"),
    _f("number", "证书编号", "id", "证书号码", "资格证书编号", "教师资格证号", "资格证号", "证书号", width=22,
       hint="17 位教师资格证书编号，本列为文本格式。"),
    _f("grade", "等级", "text", "证书等级", "普通话等级"),
    _f("issue_date", "颁发日期", "date", "发证日期", "取得日期", "取得时间", "认定日期"),
    _f("issuer", "认定机构", "free", "发证机关", "颁发机构", "发证机构"),
    _f("reg_date", "注册日期", "date", "定期注册日期", "首次注册日期", "最近注册日期"),
    _f("reg_result", "注册结论", "code", "注册结果", "定期注册结论", table=RegistrationResult),
    _f("note", "备注", "free", width=20),
)

TRAINING: tuple[FieldSpec, ...] = (
    _PERSON_NAME,
    _PERSON_ID,
    _f("title", "培训名称", "text", "培训项目", "项目名称", "培训项目名称", "培训内容", "培训主题", required=True, width=30),
    _f("organiser", "主办单位", "free", "培训机构", "组织单位", "承办单位", "举办单位", width=20),
    _f("start_date", "开始日期", "date", "培训开始日期", "开始时间", "起始日期", "开始", "起", "培训日期"),
    _f("end_date", "结束日期", "date", "培训结束日期", "结束时间", "终止日期", "结束", "止"),
    _f("hours", "学时", "float", "培训学时", "学时数", "获得学时", "认定学时", required=True, width=8),
    _f("level", "培训层级", "code", "培训级别", "级别", "层级", table=TrainingLevel, required=True),
    _f("mode", "培训形式", "code", "研修形式", "形式", "培训方式", table=TrainingMode, required=True),
    _f("category", "科目类别", "code", "科目", "学时类别", table=TrainingCategory, required=True),
    _f("topics", "专题", "topics", "专题标签", "主题标签", hint="可填多个，用分号或顿号分隔，如：师德师风；安全。"),
    _f("certificate_no", "证书编号", "text", "结业证书编号", "培训证书编号"),
)

CLASSES: tuple[FieldSpec, ...] = (
    _f("grade", "年级", "code", "年龄班", table=Grade, required=True, width=10),
    _f("name", "班级名称", "text", "班级", "班名", "班别", required=True),
    _f("enrolled", "学生数", "int", "在校学生数", "在校生数", "班额", "人数", "在园幼儿数", "学生人数", required=True),
    _f("boarders", "其中寄宿生", "int", "寄宿生数", "寄宿生", "寄宿生人数", default=0),
    _f("disabled", "其中残疾学生", "int", "残疾学生数", "随班就读", "随班就读人数", default=0),
)

APPRAISALS: tuple[FieldSpec, ...] = (
    _PERSON_NAME,
    _PERSON_ID,
    _f("year", "考核年度", "int", "年度", "考核年份", "年份", required=True, width=10),
    _f("result", "考核结果", "code", "考核等次", "年度考核结果", "年度考核等次", "等次", "考核结论",
       table=AppraisalResult, required=True, hint="优秀、合格、基本合格或不合格。"),
    _f("note", "备注", "free", width=20),
)

ETHICS: tuple[FieldSpec, ...] = (
    _PERSON_NAME,
    _PERSON_ID,
    _f("record_date", "日期", "date", "记录日期", "发生日期", "处理日期", "表彰日期", required=True),
    _f("kind", "类别", "code", "师德记录类别", "记录类别", "性质", table=EthicsKind, required=True,
       hint="表彰、批评教育、处分或撤销教师资格。"),
    _f("description", "事由", "text", "事项", "内容", "具体事由", "情况说明", required=True, width=30),
    _f("note", "备注", "free", width=20),
)

SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "roster": ROSTER, "credentials": CREDENTIALS, "training": TRAINING, "classes": CLASSES,
    "appraisals": APPRAISALS, "ethics": ETHICS,
}

# The topic table is looked up per item of a ';'-separated cell.
TOPIC_TABLE = TrainingTopic


def spec_for(kind: str) -> tuple[FieldSpec, ...]:
    if kind not in SPECS:
        raise ValueError(f"unknown import kind {kind!r}")
    return SPECS[kind]


def field_by_key(kind: str) -> dict[str, FieldSpec]:
    return {f.key: f for f in spec_for(kind)}
