"""Code tables (代码表) used across the app.

Every coded field in the database stores the ``value`` of one of these enums.
Where a national standard defines the code (GB/T 2261.1 性别, GB 3304 民族,
GB/T 4762 政治面貌, JY/T 1001 教职工类别, GB/T 33782 办学类型 …) the national code
is used; otherwise the code is our own and stable. The Chinese label is what a
user reads; ``from_label`` accepts the label, common aliases and the code itself.
Sources and confidence of each table: ``shared/reference/domain-notes.md``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class CodeEnum(StrEnum):
    """A str enum whose members carry a Chinese label and optional aliases."""

    label: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, label: str = "", *aliases: str) -> Self:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        obj.aliases = aliases
        return obj

    @classmethod
    def from_label(cls, text: str) -> Self | None:
        """The member whose code, label or alias equals ``text`` (stripped), or None."""
        lookup: dict[str, Self] | None = cls.__dict__.get("_lookup_cache")
        if lookup is None:  # built once per enum: indicators call this for every row
            lookup = {}
            for member in reversed(list(cls)):  # earlier members win on shared aliases
                for key in (*member.aliases, member.label, member.value):
                    lookup[key] = member
            type.__setattr__(cls, "_lookup_cache", lookup)
        return lookup.get(text.strip())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs in declaration order, for combo boxes and dropdowns."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The label for a stored code; unknown or empty codes give ''."""
        if not code:
            return ""
        try:
            return cls(code).label
        except ValueError:
            return ""


# ---------------------------------------------------------------- units


class UnitKind(CodeEnum):  # 填报单位类型
    SCHOOL = "school", "学校"
    COUNTY = "county", "县区教育局", "县教育局", "区教育局"
    CITY = "city", "市教育局"


class Stage(CodeEnum):  # 学段
    PRESCHOOL = "preschool", "学前", "幼儿园", "学前教育"
    PRIMARY = "primary", "小学"
    JUNIOR = "junior", "初中", "初级中学"
    SENIOR = "senior", "高中", "高级中学", "普通高中", "普高"
    VOCATIONAL = "vocational", "中职", "中等职业学校"
    SPECIAL = "special", "特教", "特殊教育"

    @property
    def rank(self) -> int:
        """Order of the stages for 'higher stage' comparisons (special is outside)."""
        return _STAGE_RANK[self]


_STAGE_RANK = {
    Stage.PRESCHOOL: 1,
    Stage.PRIMARY: 2,
    Stage.JUNIOR: 3,
    Stage.SENIOR: 4,
    Stage.VOCATIONAL: 4,
    Stage.SPECIAL: 0,
}


class SchoolCategory(CodeEnum):  # 学校类别 (GB/T 33782 办学类型 codes)
    KINDERGARTEN = "111", "幼儿园"
    PRIMARY = "211", "小学"
    JUNIOR = "311", "初级中学", "初中"
    NINE_YEAR = "312", "九年一贯制学校", "九年一贯制"
    COMPLETE_SECONDARY = "341", "完全中学"
    SENIOR = "342", "高级中学", "高中"
    TWELVE_YEAR = "345", "十二年一贯制学校", "十二年一贯制"
    SPECIAL = "510", "特殊教育学校", "特教学校"
    VOCATIONAL = "361", "中等职业学校", "中职"

    @property
    def stages(self) -> tuple[Stage, ...]:
        return _CATEGORY_STAGES[self]

    @property
    def id_prefixes(self) -> tuple[str, ...]:
        """Allowed first two digits (学校类别码) of a 学校标识码 for this category."""
        return _CATEGORY_ID_PREFIX[self]


_CATEGORY_STAGES: dict[SchoolCategory, tuple[Stage, ...]] = {
    SchoolCategory.KINDERGARTEN: (Stage.PRESCHOOL,),
    SchoolCategory.PRIMARY: (Stage.PRIMARY,),
    SchoolCategory.JUNIOR: (Stage.JUNIOR,),
    SchoolCategory.NINE_YEAR: (Stage.PRIMARY, Stage.JUNIOR),
    SchoolCategory.COMPLETE_SECONDARY: (Stage.JUNIOR, Stage.SENIOR),
    SchoolCategory.SENIOR: (Stage.SENIOR,),
    SchoolCategory.TWELVE_YEAR: (Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR),
    SchoolCategory.SPECIAL: (Stage.SPECIAL,),
    SchoolCategory.VOCATIONAL: (Stage.VOCATIONAL,),
}

_CATEGORY_ID_PREFIX: dict[SchoolCategory, tuple[str, ...]] = {
    SchoolCategory.KINDERGARTEN: ("11",),
    SchoolCategory.PRIMARY: ("21",),
    SchoolCategory.JUNIOR: ("31",),
    SchoolCategory.NINE_YEAR: ("21", "31"),
    SchoolCategory.COMPLETE_SECONDARY: ("34",),
    SchoolCategory.SENIOR: ("34",),
    SchoolCategory.TWELVE_YEAR: ("21", "31", "34"),
    SchoolCategory.SPECIAL: ("51",),
    SchoolCategory.VOCATIONAL: ("36",),
}


class Ownership(CodeEnum):  # 办学性质
    PUBLIC = "1", "公办"
    PRIVATE_INCLUSIVE = "2", "普惠性民办", "民办普惠", "普惠"
    PRIVATE = "3", "民办", "民办非普惠", "非普惠性民办"


class UrbanRural(CodeEnum):  # 城乡分类 (3-way 统计口径 of GB/T 33782 表5)
    URBAN = "1", "城区", "主城区", "城乡结合区"
    TOWN = "2", "镇区", "镇中心区", "镇乡结合区"
    RURAL = "3", "乡村", "农村", "村庄", "乡中心区"


# ---------------------------------------------------------------- people


class Gender(CodeEnum):  # 性别 GB/T 2261.1
    MALE = "1", "男"
    FEMALE = "2", "女"
    UNKNOWN = "0", "未知的性别"
    UNSTATED = "9", "未说明的性别"


class IdDocType(CodeEnum):  # 身份证件类型 JY/T 1001 SFZJLX
    RESIDENT_ID = "1", "居民身份证", "身份证"
    HK = "6", "香港特区护照/身份证明"
    MACAU = "7", "澳门特区护照/身份证明"
    TAIWAN = "8", "台湾居民来往大陆通行证"
    FOREIGN_PR = "9", "境外永久居住证"
    PASSPORT = "A", "护照"
    HOUSEHOLD = "B", "户口簿"
    HMT_RESIDENCE = "C", "港澳台居民居住证"
    OTHER = "Z", "其他"


class Ethnicity(CodeEnum):  # 民族 GB 3304-1991 (old names accepted as aliases)
    E01 = "01", "汉族"
    E02 = "02", "蒙古族"
    E03 = "03", "回族"
    E04 = "04", "藏族"
    E05 = "05", "维吾尔族"
    E06 = "06", "苗族"
    E07 = "07", "彝族"
    E08 = "08", "壮族"
    E09 = "09", "布依族"
    E10 = "10", "朝鲜族"
    E11 = "11", "满族"
    E12 = "12", "侗族"
    E13 = "13", "瑶族"
    E14 = "14", "白族"
    E15 = "15", "土家族"
    E16 = "16", "哈尼族"
    E17 = "17", "哈萨克族"
    E18 = "18", "傣族"
    E19 = "19", "黎族"
    E20 = "20", "傈僳族"
    E21 = "21", "佤族"
    E22 = "22", "畲族"
    E23 = "23", "高山族"
    E24 = "24", "拉祜族"
    E25 = "25", "水族"
    E26 = "26", "东乡族"
    E27 = "27", "纳西族"
    E28 = "28", "景颇族"
    E29 = "29", "柯尔克孜族"
    E30 = "30", "土族"
    E31 = "31", "达斡尔族"
    E32 = "32", "仫佬族"
    E33 = "33", "羌族"
    E34 = "34", "布朗族"
    E35 = "35", "撒拉族"
    E36 = "36", "毛南族", "毛难族"
    E37 = "37", "仡佬族"
    E38 = "38", "锡伯族"
    E39 = "39", "阿昌族"
    E40 = "40", "普米族"
    E41 = "41", "塔吉克族"
    E42 = "42", "怒族"
    E43 = "43", "乌孜别克族"
    E44 = "44", "俄罗斯族"
    E45 = "45", "鄂温克族"
    E46 = "46", "德昂族", "崩龙族"
    E47 = "47", "保安族"
    E48 = "48", "裕固族"
    E49 = "49", "京族"
    E50 = "50", "塔塔尔族"
    E51 = "51", "独龙族"
    E52 = "52", "鄂伦春族"
    E53 = "53", "赫哲族"
    E54 = "54", "门巴族"
    E55 = "55", "珞巴族"
    E56 = "56", "基诺族"
    E97 = "97", "其他"
    E98 = "98", "外国血统中国籍人士"


class PoliticalStatus(CodeEnum):  # 政治面貌 GB/T 4762
    CPC = "01", "中共党员", "党员"
    CPC_PROBATION = "02", "中共预备党员", "预备党员"
    CYL = "03", "共青团员", "团员"
    RCCK = "04", "民革党员"
    CDL = "05", "民盟盟员"
    CNDCA = "06", "民建会员"
    CAPD = "07", "民进会员"
    CPWDP = "08", "农工党党员"
    CZGP = "09", "致公党党员"
    JS = "10", "九三学社社员"
    TDSGL = "11", "台盟盟员"
    NONPARTISAN = "12", "无党派人士", "无党派民主人士"
    MASSES = "13", "群众"


class StaffCategory(CodeEnum):  # 教职工类别 JY/T 1001 JZGLB (91 教研员 is a local extension)
    TEACHER = "11", "专任教师"
    SUPPORT = "12", "教辅人员"
    ADMIN = "13", "行政人员"
    WORKER = "14", "工勤人员"
    OTHER_SCHOOL = "19", "其他校本部教职工"
    RESEARCHER = "91", "教研员"


class EmploymentForm(CodeEnum):  # 用人形式
    ESTABLISHED = "1", "在编", "编制内", "在编在岗"
    CONTRACT = "2", "合同制", "合同", "编外合同"
    TEMPORARY = "3", "临聘", "临聘教师", "临时聘用"
    SUBSTITUTE = "4", "代课", "代课教师"
    VOLUNTEER = "5", "支教"
    SILVER = "6", "银龄讲学", "银龄"


class Post(CodeEnum):  # 岗位/职务
    NONE = "00", "无", "普通教师", "教师"
    PRINCIPAL = "01", "校长"
    VICE_PRINCIPAL = "02", "副校长"
    KG_HEAD = "03", "园长"
    KG_VICE_HEAD = "04", "副园长"
    MIDDLE = "05", "中层", "中层干部"
    HEAD_TEACHER = "06", "班主任"


class Subject(CodeEnum):  # 任教学科
    CHINESE = "01", "语文"
    MATH = "02", "数学"
    ENGLISH = "03", "英语", "外语"
    MORAL = "04", "道德与法治", "思想政治", "政治", "思品"
    HISTORY = "05", "历史"
    GEOGRAPHY = "06", "地理"
    PHYSICS = "07", "物理"
    CHEMISTRY = "08", "化学"
    BIOLOGY = "09", "生物"
    SCIENCE = "10", "科学"
    IT = "11", "信息技术", "信息科技"
    MUSIC = "12", "音乐"
    ART = "13", "美术"
    PE = "14", "体育", "体育与健康"
    PSYCHOLOGY = "15", "心理健康", "心理健康教育", "心理"
    PRACTICE = "16", "综合实践", "综合实践活动"
    LABOUR = "17", "劳动", "劳动教育"
    PRESCHOOL = "18", "学前教育", "幼儿教育"
    SPECIAL = "19", "特殊教育"
    VOCATIONAL = "20", "专业课", "中职专业课"
    OTHER = "99", "其他"


class EducationLevel(CodeEnum):  # 最高学历 (statistical buckets, GB/T 4658 group codes)
    DOCTOR = "11", "研究生-博士", "博士研究生", "博士"
    MASTER = "14", "研究生-硕士", "硕士研究生", "硕士", "研究生"
    BACHELOR = "21", "本科", "大学本科", "大本", "本科毕业"
    COLLEGE = "31", "专科", "大学专科", "大专", "专科毕业"
    SENIOR_SECONDARY = "61", "高中阶段", "高中", "中专", "中师", "职高", "技校"
    BELOW_SENIOR = "71", "高中阶段以下", "初中", "初中及以下", "小学"

    @property
    def rank(self) -> int:
        """Higher is more education: 6 博士 … 1 高中阶段以下."""
        return _EDU_RANK[self]


_EDU_RANK = {
    EducationLevel.DOCTOR: 6,
    EducationLevel.MASTER: 5,
    EducationLevel.BACHELOR: 4,
    EducationLevel.COLLEGE: 3,
    EducationLevel.SENIOR_SECONDARY: 2,
    EducationLevel.BELOW_SENIOR: 1,
}


class Degree(CodeEnum):  # 最高学位层次
    NONE = "0", "无"
    BACHELOR = "1", "学士"
    MASTER = "2", "硕士"
    DOCTOR = "3", "博士"


class Title(CodeEnum):  # 专业技术职务 (职称), 2015 reform
    FULL_SENIOR = "1", "正高级", "正高级教师"
    SENIOR = "2", "高级", "高级教师", "副高级", "中学高级"
    FIRST = "3", "一级", "一级教师", "中级", "中学一级", "小学高级"
    SECOND = "4", "二级", "二级教师", "中学二级", "小学一级"
    THIRD = "5", "三级", "三级教师", "中学三级", "小学二级", "小学三级"
    NONE = "9", "未定级", "无", "未评"


class HonourLevel(CodeEnum):  # 骨干/名师 level
    NATIONAL = "1", "国家", "国家级"
    PROVINCE = "2", "省", "省级"
    CITY = "3", "市", "市级"
    COUNTY = "4", "县", "县级", "区级", "县(区)级"
    SCHOOL = "5", "校", "校级"


class EndReason(CodeEnum):  # 人员离开本单位原因
    TRANSFER_OUT = "1", "调出"
    RETIRED = "2", "退休", "离退休"
    LEFT = "3", "离职", "辞职"
    DECEASED = "4", "死亡"
    OTHER = "9", "其他"


class MovementKind(CodeEnum):  # 任职经历 / 交流轮岗 kind
    JOINED = "join", "入职", "录用"
    TRANSFER = "transfer", "调动", "调入"
    EXCHANGE = "exchange", "交流", "交流轮岗"
    SUPPORT = "support", "支教"
    SHADOW = "shadow", "跟岗", "跟岗学习"

    @property
    def is_rotation(self) -> bool:
        """Counts toward 交流轮岗 (seed 002)."""
        return self in (MovementKind.EXCHANGE, MovementKind.SUPPORT, MovementKind.SHADOW)


# ---------------------------------------------------------------- credentials


class CredentialKind(CodeEnum):  # 证书类别
    TEACHER = "teacher", "教师资格证", "教师资格"
    PUTONGHUA = "putonghua", "普通话水平等级证书", "普通话"
    PRINCIPAL = "principal", "校长任职资格培训合格证", "校长任职资格"
    PSYCHOLOGY = "psychology", "心理健康教育证书", "心理健康教育教师证"
    OTHER = "other", "其他证书", "其他"


class TeacherCertType(CodeEnum):  # 教师资格种类, = 10th digit of the 17-digit number
    KINDERGARTEN = "1", "幼儿园", "幼儿园教师资格"
    PRIMARY = "2", "小学", "小学教师资格"
    JUNIOR = "3", "初级中学", "初中", "初级中学教师资格"
    SENIOR = "4", "高级中学", "高中", "高级中学教师资格"
    VOCATIONAL = "5", "中等职业学校专业课", "中职", "中等职业学校教师资格"
    VOCATIONAL_PRACTICE = "6", "中等职业学校实习指导", "中职实习指导"
    HIGHER = "7", "高等学校", "高校", "高等学校教师资格"


class RegistrationResult(CodeEnum):  # 定期注册结论
    PASSED = "1", "合格", "注册合格", "定期注册合格", "首次注册合格"
    DEFERRED = "2", "暂缓", "暂缓注册"
    FAILED = "3", "不合格", "注册不合格"


# ---------------------------------------------------------------- training


class TrainingLevel(CodeEnum):  # 培训层级
    NATIONAL = "1", "国家级"
    PROVINCE = "2", "省级"
    CITY = "3", "市级"
    COUNTY = "4", "县(区)级", "县级", "区级", "县区级"
    SCHOOL = "5", "校级", "校本"
    ABROAD = "6", "境外", "国外", "境外/国外"


class TrainingMode(CodeEnum):  # 培训形式
    FACE_TO_FACE = "01", "集中面授", "面授", "集中培训"
    ONLINE = "02", "网络研修", "线上研修", "网络培训", "线上"
    SCHOOL_BASED = "03", "校本研修", "校本培训"
    BLENDED = "04", "混合式研修", "混合研修"
    SHADOWING = "05", "跟岗学习", "跟岗实践", "影子培训"
    DEGREE = "06", "学历提升"
    CONVERTED = "07", "成果折算", "论文/课题成果折算"

    @property
    def is_face_to_face(self) -> bool:
        return self in (TrainingMode.FACE_TO_FACE, TrainingMode.SHADOWING)


class TrainingCategory(CodeEnum):  # 科目类别
    PUBLIC = "1", "公需科目", "公需"
    PROFESSIONAL = "2", "专业科目", "专业"
    ELECTIVE = "3", "选修科目", "选修"


class TrainingTopic(CodeEnum):  # 专题标签 (stored ';'-joined in training_records.topics)
    ETHICS = "ethics", "师德师风", "师德"
    IT = "it", "信息技术应用能力", "信息技术"
    HEAD_TEACHER = "headteacher", "班主任"
    PSYCHOLOGY = "psychology", "心理健康"
    SAFETY = "safety", "安全"


# ---------------------------------------------------------------- classes and seats


class Grade(CodeEnum):  # 年级 / 年龄班
    NURSERY = "K0", "托班"
    KG_SMALL = "K1", "小班"
    KG_MIDDLE = "K2", "中班"
    KG_LARGE = "K3", "大班"
    KG_MIXED = "KM", "混合班"
    P1 = "P1", "一年级"
    P2 = "P2", "二年级"
    P3 = "P3", "三年级"
    P4 = "P4", "四年级"
    P5 = "P5", "五年级"
    P6 = "P6", "六年级"
    J1 = "J1", "七年级", "初一"
    J2 = "J2", "八年级", "初二"
    J3 = "J3", "九年级", "初三"
    S1 = "S1", "高一", "高一年级"
    S2 = "S2", "高二", "高二年级"
    S3 = "S3", "高三", "高三年级"
    V1 = "V1", "中职一年级"
    V2 = "V2", "中职二年级"
    V3 = "V3", "中职三年级"
    SP = "SP", "特教班"

    @property
    def stage(self) -> Stage:
        if self is Grade.SP:
            return Stage.SPECIAL
        return _GRADE_STAGE[self.value[0]]

    @property
    def next_grade(self) -> Grade | None:
        """The grade a class moves to at rollover; None when it graduates or does not move."""
        return _NEXT_GRADE.get(self)


_GRADE_STAGE = {
    "K": Stage.PRESCHOOL,
    "P": Stage.PRIMARY,
    "J": Stage.JUNIOR,
    "S": Stage.SENIOR,
    "V": Stage.VOCATIONAL,
}
_NEXT_GRADE = {
    Grade.NURSERY: Grade.KG_SMALL,
    Grade.KG_SMALL: Grade.KG_MIDDLE,
    Grade.KG_MIDDLE: Grade.KG_LARGE,
    Grade.P1: Grade.P2,
    Grade.P2: Grade.P3,
    Grade.P3: Grade.P4,
    Grade.P4: Grade.P5,
    Grade.P5: Grade.P6,
    Grade.J1: Grade.J2,
    Grade.J2: Grade.J3,
    Grade.S1: Grade.S2,
    Grade.S2: Grade.S3,
    Grade.V1: Grade.V2,
    Grade.V2: Grade.V3,
}


class SeatMethod(CodeEnum):  # 新增公办学位方式
    NEW_BUILD = "1", "新建"
    EXPANSION = "2", "改扩建", "扩建", "改建"
    PRIVATE_TO_PUBLIC = "3", "民转公"
    PURCHASE = "4", "购买学位", "政府购买学位"


# ---------------------------------------------------------------- workflow and trust


class WorkflowState(CodeEnum):  # 填报状态
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"


class Role(CodeEnum):  # 用户角色
    CLERK = "clerk", "填报员"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


class Severity(CodeEnum):  # 检查结果级别
    ERROR = "error", "错误"
    WARNING = "warning", "警告"


class SubmissionKind(CodeEnum):  # 上报记录类型
    SENT = "sent", "已上报"
    RECEIVED = "received", "已接收"
    REPLY_SENT = "reply_sent", "已退回"
    REPLY_RECEIVED = "reply_received", "收到退回"
