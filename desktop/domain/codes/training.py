"""Training (继续教育): level, mode, subject category and topic tags."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum


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
