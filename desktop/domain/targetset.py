"""Target sets (指标方案) as data: parsing, validation and the locality settings.

A target set is one JSON document (a preset in ``templates/targets/`` or a copy
an office edits and hands to its schools). It carries targets — each with the
issuing body, document and paragraph it comes from — and the settings that
differ by locality (hours per cycle, cycle years, the 高一级学历 threshold per
stage …). Parsing never raises for bad content: it returns the reasons in
Chinese so an import can refuse the file and say why.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.codes import EducationLevel, Grade, MovementKind, Stage, UrbanRural

FORMAT = "edureturns.target-set"
FORMAT_VERSION = 1
COMPARISONS = (">=", "<=")
UNITS = ("%", "学时", "人", "个", "生/师")
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")

# Every indicator the engine computes, with its Chinese name (the catalogue the
# target rows must refer to).
INDICATORS: dict[str, str] = {
    "edu.higher": "专任教师高一级学历比例",
    "edu.principal": "校长（园长）学历达标率",
    "edu.urban_rural_gap": "城乡教师学历差距",
    "cert.valid": "持证上岗率",
    "cert.registration_overdue": "定期注册逾期证书数",
    "cert.registration_due_soon": "定期注册6个月内到期证书数",
    "training.on_track": "教师培训学时达标进度",
    "training.avg_hours": "专任教师人均周期培训学时",
    "training.principal_on_track": "校长培训学时达标进度",
    "training.it": "信息技术应用能力培训达标率",
    "training.three_zone": "“三区”面授与网络研修达标率",
    "training.county_high": "县中校长教师培训达标率",
    "training.researcher": "教研员年度培训达标率",
    "staff.temporary_ratio": "临聘教师占比",
    "staff.backbone_ratio": "骨干教师占比",
    "staff.backbone_township": "乡镇学校县级骨干教师占比",
    "staff.senior_title": "高级岗位比例",
    "ratio.student_teacher": "生师比",
    "class.large": "大班额班级数",
    "class.oversized": "超大班额班级数",
    "class.over_standard": "幼儿园超标准班额班级数",
    "school.oversize": "大校额学校数",
    "seats.balance": "学位余缺",
    "seats.progress": "学位建设进度",
    "kg.public_share": "公办园在园幼儿占比",
    "kg.inclusive_share": "公办园和普惠性民办园在园幼儿占比",
    "school.psych_teacher": "专职心理教师配备达标率",
    "school.resource_room": "资源教室配备达标率",
    "rotation.ratio": "教师交流轮岗比例",
    "rotation.backbone": "骨干教师占交流轮岗人数比例",
}

# The unit each indicator is measured in; a target must use the same one.
_COUNTS = ("cert.registration_overdue", "cert.registration_due_soon", "class.large", "class.oversized",
           "class.over_standard", "school.oversize", "seats.balance")
INDICATOR_UNITS: dict[str, str] = {
    code: "个" if code in _COUNTS else "学时" if code == "training.avg_hours"
    else "生/师" if code == "ratio.student_teacher" else "%"
    for code in INDICATORS
}

DEFAULT_SETTINGS: dict[str, Any] = {
    # Training cycle: cycles run anchor, anchor+len … (2021–2025, 2026–2030).
    "cycle_anchor_year": 2021,
    "cycle_years": 5,
    "cycle_hours_teacher": 450,
    "cycle_hours_principal": 450,
    # Lowest 最高学历 code that counts as 高一级学历, per stage.
    "degree_thresholds": {"preschool": "31", "primary": "21", "junior": "21", "senior": "14", "vocational": "14"},
    # Principals (校长/园长): 幼儿园 专科+, every other school 本科+.
    "principal_degree": {"preschool": "31", "other": "21"},
    # 城乡学历差距: the share compared between 城区 and 乡村, per stage.
    "gap_degree": {"primary": "31", "junior": "21"},
    "it_window_years": 3,
    "it_hours": 50,
    "three_zone": {"applies": False, "window_years": 3, "face_to_face_hours": 72, "online_hours": 60},
    "county_high_hours": 90,
    "county_high_window_years": 3,
    "researcher_hours_per_year": 90,
    "registration_due_months": 6,
    "class_large_min": 56,
    "class_oversized_min": 66,
    "kg_standard_sizes": {"K1": 25, "K2": 30, "K3": 35, "KM": 30},
    "school_size_max": 3000,
    "psych_min_students": {"secondary": 1000, "primary": 1200},
    "resource_room_min_disabled": 5,
    "backbone_levels": ["1", "2", "3", "4"],
    "rotation": {"urban_rural": ["1", "2"], "min_years_at_school": 6, "kinds": ["exchange", "support", "shadow"]},
    # 帮扶方案 alternative: a stage passes with the fixed target OR with
    # baseline + points_per_year × years since the baseline (per unit code).
    "annual_increase": {"enabled": False, "points_per_year": 2.0, "gap_points_per_year": 1.0,
                        "baseline_year": 2020, "baselines": {}},
}


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str
    stage: str | None
    comparison: str
    value: float
    unit: str
    issuer: str
    document: str
    paragraph: str
    file: str = ""

    @property
    def source(self) -> str:
        where = f"{self.document} {self.paragraph}".strip()
        return f"{self.issuer}《{where}》" if self.issuer else where

    def to_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "stage": self.stage, "comparison": self.comparison,
                "value": self.value, "unit": self.unit, "issuer": self.issuer, "document": self.document,
                "paragraph": self.paragraph, "file": self.file}


@dataclass(frozen=True, slots=True)
class TargetSetSpec:
    code: str
    name: str
    issuer: str
    document: str
    targets: tuple[Target, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    based_on: str | None = None
    description: str = ""
    # Data-quality rules the office hands to its schools with its targets (``domain.rules``;
    # kept as written, checked by ``services.returns.rules`` when the set is imported or used).
    rules: tuple[Mapping[str, Any], ...] = ()

    def target_for(self, indicator: str, stage: str | None = None) -> Target | None:
        for t in self.targets:
            if t.indicator == indicator and t.stage == stage:
                return t
        return None

    def setting(self, key: str) -> Any:
        """The set's value for ``key``; a partial table is completed from the defaults."""
        default = DEFAULT_SETTINGS[key]
        value = self.settings.get(key, default)
        if isinstance(default, dict) and isinstance(value, dict) and value is not default:
            return {**default, **value}
        return value

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "code": self.code, "name": self.name,
                "issuer": self.issuer, "document": self.document, "based_on": self.based_on,
                "description": self.description, "settings": copy.deepcopy(dict(self.settings)),
                "targets": [t.to_json() for t in self.targets]} | (
                    {"rules": [copy.deepcopy(dict(r)) for r in self.rules]} if self.rules else {})


def merged_settings(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overlaid with ``settings`` (nested dicts merged one level deep)."""
    out = copy.deepcopy(DEFAULT_SETTINGS)
    for key, value in (settings or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = copy.deepcopy(value)
    return out


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_settings(s: Mapping[str, Any], reasons: list[str]) -> None:
    unknown = sorted(set(s) - set(DEFAULT_SETTINGS))
    if unknown:
        reasons.append(f"设置项 {'、'.join(unknown)} 不认识，请删除或改正拼写。")
    m = merged_settings(s)
    for key in ("cycle_anchor_year", "cycle_years", "cycle_hours_teacher", "cycle_hours_principal", "it_hours",
                "it_window_years", "county_high_hours", "county_high_window_years", "researcher_hours_per_year",
                "registration_due_months", "class_large_min", "class_oversized_min", "school_size_max",
                "resource_room_min_disabled"):
        if not _num(m[key]) or m[key] <= 0:
            reasons.append(f"设置项“{key}”应为正数，现在是 {m[key]!r}。")
    if _num(m["cycle_anchor_year"]) and not 1990 <= m["cycle_anchor_year"] <= 2100:
        reasons.append("培训周期起始年份应在 1990–2100 之间。")
    if _num(m["class_large_min"]) and _num(m["class_oversized_min"]) and m["class_large_min"] >= m["class_oversized_min"]:
        reasons.append("大班额下限应小于超大班额下限（通常为 56 和 66）。")
    for key in ("degree_thresholds", "principal_degree", "gap_degree"):
        table = m[key]
        if not isinstance(table, dict):
            reasons.append(f"设置项“{key}”应为“学段: 学历代码”的对照表。")
            continue
        for stage, level in table.items():
            if stage != "other" and Stage.from_label(str(stage)) is None:
                reasons.append(f"设置项“{key}”中的学段“{stage}”不认识。")
            if EducationLevel.from_label(str(level)) is None:
                reasons.append(f"设置项“{key}”中学段“{stage}”的学历“{level}”不认识，请填学历代码（如 21 本科）。")
    for grade in m["kg_standard_sizes"]:
        if Grade.from_label(str(grade)) is None:
            reasons.append(f"幼儿园标准班额中的年龄班“{grade}”不认识。")
    rot = m["rotation"]
    for code in rot.get("urban_rural", []):
        if UrbanRural.from_label(str(code)) is None:
            reasons.append(f"交流轮岗设置中的城乡分类“{code}”不认识。")
    for kind in rot.get("kinds", []):
        if MovementKind.from_label(str(kind)) is None:
            reasons.append(f"交流轮岗设置中的经历类型“{kind}”不认识。")
    inc = m["annual_increase"]
    if not isinstance(inc.get("baselines", {}), dict):
        reasons.append("“每年提升”设置中的基线应为“单位代码: {指标: 数值}”的对照表。")


def _parse_target(raw: Any, n: int, reasons: list[str]) -> Target | None:
    where = f"第 {n} 条指标"
    if not isinstance(raw, dict):
        reasons.append(f"{where}格式不对，应为一个对象。")
        return None
    code = raw.get("indicator")
    if code not in INDICATORS:
        reasons.append(f"{where}的指标代码“{code}”不认识。")
        return None
    stage = raw.get("stage")
    if stage is not None and Stage.from_label(str(stage)) is None:
        reasons.append(f"{where}（{INDICATORS[code]}）的学段“{stage}”不认识。")
        return None
    cmp = raw.get("comparison")
    if cmp not in COMPARISONS:
        reasons.append(f"{where}（{INDICATORS[code]}）的比较方式应为 >= 或 <=，现在是“{cmp}”。")
        return None
    value = raw.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        reasons.append(f"{where}（{INDICATORS[code]}）的目标值应为数字，现在是“{value}”。")
        return None
    unit = raw.get("unit")
    if unit not in UNITS:
        reasons.append(f"{where}（{INDICATORS[code]}）的计量单位“{unit}”不认识，应为 {'、'.join(UNITS)} 之一。")
        return None
    if unit != INDICATOR_UNITS[code]:
        reasons.append(f"{where}（{INDICATORS[code]}）的计量单位应为“{INDICATOR_UNITS[code]}”，现在是“{unit}”。")
        return None
    if unit == "%" and code != "edu.urban_rural_gap" and not 0 <= value <= 100:
        reasons.append(f"{where}（{INDICATORS[code]}）的百分比目标应在 0–100 之间。")
        return None
    return Target(indicator=code, stage=Stage.from_label(stage).value if stage else None,  # type: ignore[union-attr]
                  comparison=cmp, value=float(value), unit=unit, issuer=str(raw.get("issuer") or ""),
                  document=str(raw.get("document") or ""), paragraph=str(raw.get("paragraph") or ""),
                  file=str(raw.get("file") or ""))


def parse_target_set(raw: Any) -> tuple[TargetSetSpec | None, list[str]]:
    """A spec from a JSON document, or None and the reasons (Chinese) it was refused."""
    reasons: list[str] = []
    if not isinstance(raw, dict):
        return None, ["文件内容不是指标方案（应为一个 JSON 对象）。"]
    if raw.get("format") != FORMAT:
        return None, ["这不是 EduReturns 指标方案文件（缺少 format 标记）。请选择从“指标方案 → 导出”得到的文件。"]
    version = raw.get("format_version")
    if not isinstance(version, int) or version < 1:
        return None, ["指标方案文件缺少格式版本号。"]
    if version > FORMAT_VERSION:
        return None, [f"该指标方案文件的格式版本为 {version}，本软件只支持到 {FORMAT_VERSION}。请先升级软件。"]
    code = raw.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        reasons.append("方案代码应为 2–60 位小写字母、数字或连字符（如 heyuan-2025）。")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        reasons.append("方案名称不能为空。")
    settings = raw.get("settings") or {}
    if not isinstance(settings, dict):
        reasons.append("settings 应为一个对象。")
        settings = {}
    else:
        _check_settings(settings, reasons)
    raw_targets = raw.get("targets")
    if not isinstance(raw_targets, list):
        reasons.append("方案中没有指标目标列表（targets）。")
        raw_targets = []
    targets: list[Target] = []
    seen: set[tuple[str, str | None]] = set()
    for n, item in enumerate(raw_targets, start=1):
        t = _parse_target(item, n, reasons)
        if t is None:
            continue
        if (t.indicator, t.stage) in seen:
            label = Stage.label_of(t.stage)
            reasons.append(f"指标“{INDICATORS[t.indicator]}”{label}重复出现，每个指标每个学段只能有一个目标。")
        seen.add((t.indicator, t.stage))
        targets.append(t)
    raw_rules = raw.get("rules") or []
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        reasons.append("rules 应为规则列表（每条规则一个对象），写法见 docs/rules.md。")
        raw_rules = []
    if reasons:
        return None, reasons
    return TargetSetSpec(rules=tuple(raw_rules), code=str(code), name=str(name).strip(), issuer=str(raw.get("issuer") or ""),
                         document=str(raw.get("document") or ""), targets=tuple(targets),
                         settings=dict(settings), based_on=raw.get("based_on"),
                         description=str(raw.get("description") or "")), []
