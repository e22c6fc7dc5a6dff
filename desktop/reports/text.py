"""The words printed around a return's table, shared by the Excel and PDF renderers."""

from __future__ import annotations

from desktop.reports.model import ReturnData

EMPTY = "—"  # a cell with no value (e.g. a rate whose denominator is 0)
BLANK = "＿＿＿＿＿＿"
MARKER_KEYS = ("表号", "制表机关", "制定机关", "批准机关", "批准文号", "有效期至")  # 制表机关: the 教基 forms
DRAFT_MARK = "草稿（校验未通过）"


def draft_lines(data: ReturnData) -> list[str]:
    """What a draft prints under its title: the mark and each failed relation."""
    if not data.is_draft:
        return []
    return [f"{DRAFT_MARK}：以下合计关系不成立，本表不能作为正式报表上报。",
            *(f"{i}. {m}" for i, m in enumerate(data.failed_relations, start=1))]


def marker_lines(data: ReturnData) -> list[str]:
    """Top-right legal marker block; 批准文号 always printed, blank unless the unit set one."""
    out = []
    always = ("表号", "批准文号") + (() if "制表机关" in data.header else ("制定机关",))
    for key in MARKER_KEYS:
        value = data.header.get(key, "")
        if value or key in always:
            label = "表　　号" if key == "表号" else key
            out.append(f"{label}：{value}")
    out.append(f"计量单位：{data.definition.measure}")
    return out


def unit_lines(data: ReturnData) -> list[str]:
    lines = [f"填报单位（盖章）：{data.unit_name}", f"单位代码：{data.unit_code}　　统计时点：{data.time_label}"]
    if data.info:
        lines.append("　".join(f"{k}：{v}" for k, v in data.info))
    if data.signoff.proxy_by:
        lines.append(proxy_line(data.signoff.proxy_by))
    return lines


def proxy_line(office: str) -> str:
    """What a return entered by an office for a school prints (代报)."""
    return f"本表由{office}代报"


def footer_line(data: ReturnData) -> str:
    s = data.signoff
    date_text = (f"{s.report_date.year}年{s.report_date.month}月{s.report_date.day}日"
                 if s.report_date else "　　年　　月　　日")
    return "　　".join([
        f"单位负责人（签字）：{s.head or BLANK}",
        f"统计负责人（签字）：{s.statistician or BLANK}",
        f"填表人：{s.preparer or BLANK}",
        f"联系电话：{s.phone or BLANK}",
        f"报出日期：{date_text}",
    ])


def footer_parts(data: ReturnData) -> list[tuple[str, str]]:
    s = data.signoff
    date_text = (f"{s.report_date.year}年{s.report_date.month}月{s.report_date.day}日"
                 if s.report_date else "　　年　　月　　日")
    return [("单位负责人（签字）", s.head), ("统计负责人（签字）", s.statistician), ("填表人", s.preparer),
            ("联系电话", s.phone), ("报出日期", date_text)]


def explanation_rows(data: ReturnData) -> list[tuple[str, str, str, str]]:
    return [(str(i), e.rule, e.text, e.record_key) for i, e in enumerate(data.explanations, start=1)]
