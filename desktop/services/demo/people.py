"""Deterministic fake people for the demo: Chinese names (some with rare characters) and valid IDs."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop.domain.idcard import id_check_char

SURNAMES = (
    "陈李黄张刘林王吴叶罗钟曾邓何赖谢朱邱温杨郑蔡许彭廖刘丘巫骆欧阳司马"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉志宏海燕"
    "晓丹婷雪梅俊峰国庆春林佳宇浩然子涵思源嘉欣梓豪雨桐欣怡泽宇一诺"
)
RARE = ("堃", "喆", "赟", "玥", "䶮", "昇", "珺", "祎", "彧", "旻", "翀", "镕", "焜", "犇", "垚", "琍", "曌")
GUANGDONG_AREAS = ("441602", "441621", "441622", "441623", "441624", "441625", "440103", "440304", "441302", "445202")


def make_name(rng: random.Random, rare_share: float = 0.02) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES[:28])
    n = 1 if rng.random() < 0.3 else 2
    chars = [rng.choice(GIVEN) for _ in range(n)]
    if rng.random() < rare_share:
        chars[-1] = rng.choice(RARE)
    return surname + "".join(chars)


def make_id(rng: random.Random, birth: date, male: bool, area: str | None = None) -> str:
    area = area or rng.choice(GUANGDONG_AREAS)
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"
