"""Credentials: certificate kind, teacher-certificate type (资格种类), registration result (定期注册结论)."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum


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
