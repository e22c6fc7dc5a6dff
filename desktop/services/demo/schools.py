"""The shape of a demo county: its schools, their stages, classes and seats."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from desktop.domain.codes import Grade, Ownership, SchoolCategory, Stage, UrbanRural

#: category → (share of schools, staff per school, classes per school)
COUNTY_MIX: tuple[tuple[SchoolCategory, int], ...] = (
    (SchoolCategory.KINDERGARTEN, 70),
    (SchoolCategory.PRIMARY, 150),
    (SchoolCategory.JUNIOR, 40),
    (SchoolCategory.NINE_YEAR, 22),
    (SchoolCategory.COMPLETE_SECONDARY, 6),
    (SchoolCategory.SENIOR, 8),
    (SchoolCategory.VOCATIONAL, 3),
    (SchoolCategory.SPECIAL, 1),
)
#: Relative staff weight per category (a senior high school has far more staff than a village kindergarten).
STAFF_WEIGHT = {
    SchoolCategory.KINDERGARTEN: 0.45, SchoolCategory.PRIMARY: 0.9, SchoolCategory.JUNIOR: 1.5,
    SchoolCategory.NINE_YEAR: 1.6, SchoolCategory.COMPLETE_SECONDARY: 3.2, SchoolCategory.SENIOR: 4.0,
    SchoolCategory.VOCATIONAL: 2.5, SchoolCategory.SPECIAL: 0.8,
}
STAGE_GRADES: dict[Stage, tuple[Grade, ...]] = {
    Stage.PRESCHOOL: (Grade.KG_SMALL, Grade.KG_MIDDLE, Grade.KG_LARGE),
    Stage.PRIMARY: (Grade.P1, Grade.P2, Grade.P3, Grade.P4, Grade.P5, Grade.P6),
    Stage.JUNIOR: (Grade.J1, Grade.J2, Grade.J3),
    Stage.SENIOR: (Grade.S1, Grade.S2, Grade.S3),
    Stage.VOCATIONAL: (Grade.V1, Grade.V2, Grade.V3),
    Stage.SPECIAL: (Grade.SP,),
}
STANDARD_SIZE = {
    Stage.PRESCHOOL: 30, Stage.PRIMARY: 45, Stage.JUNIOR: 50, Stage.SENIOR: 50, Stage.VOCATIONAL: 45, Stage.SPECIAL: 12,
}
SUFFIX = {
    SchoolCategory.KINDERGARTEN: "幼儿园", SchoolCategory.PRIMARY: "小学", SchoolCategory.JUNIOR: "中学",
    SchoolCategory.NINE_YEAR: "学校", SchoolCategory.COMPLETE_SECONDARY: "完全中学", SchoolCategory.SENIOR: "高级中学",
    SchoolCategory.VOCATIONAL: "职业技术学校", SchoolCategory.SPECIAL: "特殊教育学校",
}
PLACES = ["老隆", "义都", "佗城", "鹤市", "黄布", "紫市", "通衢", "登云", "丰稔", "赤光", "回龙", "田心", "铁场", "龙母", "梅村", "黄石", "细坳", "车田", "贝岭", "麻布岗", "岩镇", "新田", "上坪", "四都", "附城", "龙江", "涧洞", "东风", "城南", "城北", "湖滨", "滨江", "兴隆", "太平", "和平", "长塘"]


@dataclass
class DemoSchool:
    code: str
    name: str
    category: SchoolCategory
    ownership: Ownership
    urban_rural: UrbanRural
    staff: int
    classes: list[tuple[Grade, str, int]] = field(default_factory=list)  # grade, name, enrolled

    @property
    def stages(self) -> tuple[Stage, ...]:
        return self.category.stages


def scaled_mix(schools: int) -> tuple[tuple[SchoolCategory, int], ...]:
    """``COUNTY_MIX`` shrunk (or grown) to ``schools`` schools, every category kept while there is room."""
    full = sum(n for _, n in COUNTY_MIX)
    if schools == full:
        return COUNTY_MIX
    floor = 1 if schools >= len(COUNTY_MIX) else 0
    counts = {c: max(floor, round(n * schools / full)) for c, n in COUNTY_MIX}
    counts[SchoolCategory.PRIMARY] += schools - sum(counts.values())  # the largest group absorbs rounding
    return tuple((c, n) for c, n in counts.items() if n > 0)


def plan_schools(rng: random.Random, county_code: str, county_name: str, total_staff: int,
                 total_classes: int, mix: tuple[tuple[SchoolCategory, int], ...] = COUNTY_MIX) -> list[DemoSchool]:
    """Lay out the county's schools so that staff and class totals come out exactly as asked."""
    schools: list[DemoSchool] = []
    # The county's last three digits, then a three-digit number: distinct between the
    # counties of one city for up to 999 schools each (441622 → 622001, 622002 …).
    serial = int(county_code[-3:]) * 1000
    for category, count in mix:
        for i in range(count):
            serial += 1
            prefix = category.id_prefixes[0]
            place = PLACES[i % len(PLACES)]
            number = "" if i < len(PLACES) else f"第{i // len(PLACES) + 1}"
            name = f"{county_name}{place}{number}{SUFFIX[category]}"
            if category is SchoolCategory.KINDERGARTEN:
                r = rng.random()
                ownership = Ownership.PUBLIC if r < 0.55 else Ownership.PRIVATE_INCLUSIVE if r < 0.85 else Ownership.PRIVATE
            else:
                ownership = Ownership.PUBLIC if rng.random() < 0.95 else Ownership.PRIVATE
            urban = rng.choice((UrbanRural.URBAN, UrbanRural.TOWN, UrbanRural.RURAL, UrbanRural.RURAL))
            schools.append(DemoSchool(f"{prefix}44{serial % 1_000_000:06d}", name, category, ownership, urban, 0))
    _spread_staff(rng, schools, total_staff)
    class_counts = [0] * len(schools)
    weights = [STAFF_WEIGHT[s.category] for s in schools]
    _distribute(rng, class_counts, weights, total_classes, minimum=len(schools[0].stages))
    for school, n in zip(schools, class_counts, strict=True):
        school.classes = _classes(rng, school, max(n, len(school.stages)))
    return schools


def _distribute(rng: random.Random, counts: list[int], weights: list[float], total: int, minimum: int) -> None:
    scale = total / sum(weights)
    for i, w in enumerate(weights):
        counts[i] = max(minimum, int(w * scale))
    diff = total - sum(counts)
    while diff != 0:
        i = rng.randrange(len(counts))
        if diff > 0:
            counts[i] += 1
            diff -= 1
        elif counts[i] > minimum:
            counts[i] -= 1
            diff += 1


def _spread_staff(rng: random.Random, schools: list[DemoSchool], total: int) -> None:
    counts = [0] * len(schools)
    _distribute(rng, counts, [STAFF_WEIGHT[s.category] for s in schools], total, minimum=3)
    for s, n in zip(schools, counts, strict=True):
        s.staff = n


def _classes(rng: random.Random, school: DemoSchool, n: int) -> list[tuple[Grade, str, int]]:
    grades = [g for stage in school.stages for g in STAGE_GRADES[stage]]
    out: list[tuple[Grade, str, int]] = []
    per_grade: dict[Grade, int] = {}
    for i in range(n):
        grade = grades[i % len(grades)]
        per_grade[grade] = per_grade.get(grade, 0) + 1
        std = STANDARD_SIZE[grade.stage]
        r = rng.random()
        if grade.stage in (Stage.PRESCHOOL, Stage.SPECIAL):
            enrolled = rng.randint(std - 8, std + 2)
        elif r < 0.03:
            enrolled = rng.randint(66, 72)  # 超大班额
        elif r < 0.10:
            enrolled = rng.randint(56, 65)  # 大班额
        else:
            enrolled = rng.randint(std - 12, std + 4)
        out.append((grade, f"{grade.label}({per_grade[grade]})班", enrolled))
    return out
