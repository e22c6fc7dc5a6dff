"""Classes and seats: grades (年级/年龄班) with their stage and successor, new-seat methods."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum
from desktop.domain.codes.units import Stage


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
