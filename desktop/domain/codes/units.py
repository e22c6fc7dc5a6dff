"""Units and schools: kind, stage (学段), school category (办学类型), ownership, urban/rural."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum


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
    SPECIAL = "510", "特殊教育学校", "特教学校", "其他特教学校"  # the national system's sheet names say 其他特教学校
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
