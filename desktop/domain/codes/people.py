"""People: gender, ID document, ethnicity, political status, staff category, post, subject, education, title, movements."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum


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
    KG_NURSE = "07", "保育员"  # 幼儿园 posts counted in 教基4148 (docs/national.md)
    KG_HEALTH = "08", "卫生保健人员", "保健医", "保健员", "卫生保健员"


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
    JAPANESE = "21", "日语"
    RUSSIAN = "22", "俄语"
    OTHER = "99", "其他"


class OverseasStatus(CodeEnum):  # 港澳台侨 (GB/T 港澳台侨 codes as used by JY/T 1001; only those the 教基4067 counts)
    HONG_KONG = "1", "香港同胞", "香港"
    MACAU = "3", "澳门同胞", "澳门"
    TAIWAN = "5", "台湾同胞", "台湾"
    OVERSEAS_CHINESE = "11", "华侨"


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
    NATIONAL = "1", "国家级", "国家"
    PROVINCE = "2", "省级", "省"
    CITY = "3", "市级", "市"
    COUNTY = "4", "县级", "县", "区级", "县(区)级"
    SCHOOL = "5", "校级", "校"


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


class AppraisalResult(CodeEnum):  # 年度考核等次 (事业单位工作人员考核)
    EXCELLENT = "1", "优秀"
    PASSED = "2", "合格", "称职"
    BASIC = "3", "基本合格", "基本称职"
    FAILED = "4", "不合格", "不称职"


class EthicsKind(CodeEnum):  # 师德记录的类别
    COMMENDED = "1", "表彰", "师德表彰", "奖励"
    CRITICISED = "2", "批评教育", "违规（未处分）", "通报批评", "诫勉谈话"
    PUNISHED = "3", "处分", "师德处分", "警告", "记过", "降低岗位等级"
    REVOKED = "4", "撤销教师资格", "严重违反师德"
