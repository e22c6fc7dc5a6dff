"""Rule files: the safe evaluator, loading with line and Chinese reason, judging with bands."""

from __future__ import annotations

import pytest

from desktop.domain.rules.expr import ExprError, Lookup, Name, NoPrevYear, Resolver, evaluate, parse
from desktop.domain.rules.figures import catalogue
from desktop.domain.rules.judge import FAIL, NO_DATA, NO_PREV, PASS, judge
from desktop.domain.rules.model import RuleFileError, load_toml

CAT = catalogue({"structure": frozenset({"teachers", "female"})})

GOOD = '''
[[rules]]
code = "staff.yoy"
name = "专任教师增减"
left = "teachers"
op = "="
right = "prev_year(teachers)"
band = "20%"
severity = "warning"
message = "{unit}专任教师 {left} 人，上年 {right} 人，增减 {diff}（{change}），超过 {band}。"

[[rules]]
code = "class.size"
each = "class"
left = "enrolled"
op = "between"
right = ["1", "65"]
severity = "error"
message = "{name}人数 {enrolled} 不在 {lo}–{hi} 之间。"
'''


class Figures(Resolver):
    def __init__(self, now: dict[str, float | None], last: dict[str, float | None] | None) -> None:
        self.now, self.last = now, last

    def name(self, ref: Name, prev: bool) -> float | None:
        if prev:
            if self.last is None:
                raise NoPrevYear(ref.name)
            return self.last.get(ref.name)
        return self.now.get(ref.name)

    def lookup(self, ref: Lookup, prev: bool) -> float | None:
        return {"indicator": 12.5, "target": 5.0}.get(ref.kind)


def test_expressions_evaluate_without_eval():
    node = parse("max(teachers, 1) * 2 + -students / 4 - round(7.25, 1)", CAT)
    assert evaluate(node, Figures({"teachers": 10, "students": 8}, None)) == pytest.approx(20 - 2 - 7.3)
    assert evaluate(parse("teachers / staff", CAT), Figures({"teachers": 3, "staff": 0}, None)) is None
    assert evaluate(parse('indicator("staff.temporary_ratio") - target("staff.temporary_ratio")', CAT),
                    Figures({}, None)) == 7.5
    assert evaluate(parse('students("P1") + classes("小学")', CAT), Figures({"students": 2, "classes": 1}, None)) == 3


@pytest.mark.parametrize(("text", "reason"), [
    ("__import__('os').system('x')", "不允许的写法"),
    ("teachers.__class__", "不允许的写法"),
    ("teachers[0]", "不允许的写法"),
    ("teachers > 1", "不允许的写法"),
    ("lambda: 1", "不允许的写法"),
    ("open('x')", "函数“open”不认识"),
    ("teacherz", "名称“teacherz”不认识"),
    ('indicator("no.such")', "指标代码“no.such”不认识"),
    ('cell("structure", "total", "nope")', "没有列“nope”"),
    ('cell("nope", "total", "teachers")', "报表代码“nope”不认识"),
    ('students("九十年级")', "参数“九十年级”不认识"),
    ("prev_year(prev_year(teachers))", "不能套用"),
    ("(teachers", "写法有误"),
])
def test_unsafe_or_unknown_expressions_are_refused(text, reason):
    with pytest.raises(ExprError, match=reason):
        parse(text, CAT)


def test_malformed_rule_file_is_refused_with_line_and_chinese_reason():
    bad = GOOD + '''
[[rules]]
code = "bad.rule"
left = "teachers + backbonez"
op = "≈"
right = "1"
severity = "fatal"
message = "说明 {nope}"
'''
    with pytest.raises(RuleFileError) as e:
        load_toml(bad, "县局规则.toml", CAT)
    text = str(e.value)
    line = bad.splitlines().index('code = "bad.rule"') + 1
    assert {ln for ln, _ in e.value.problems} == {line}
    assert f"规则文件“县局规则.toml”第 {line} 行：表达式“teachers + backbonez”中的名称“backbonez”不认识" in text
    assert "比较符“≈”不认识" in text and "严重程度 severity 应为 error" in text and "占位符 {nope} 不认识" in text


def test_toml_syntax_error_names_its_line():
    with pytest.raises(RuleFileError) as e:
        load_toml('[[rules]]\ncode = "a.b"\nleft = teachers\n', "x.toml", CAT)
    assert str(e.value) == "规则文件“x.toml”第 3 行：值的写法不对（文字要加引号，数字不加），请改正后再导入。"


def test_duplicate_codes_and_unknown_keys_are_refused():
    twice = GOOD + GOOD.split("[[rules]]")[1].join(["[[rules]]", ""]) + 'colour = "red"\n'
    with pytest.raises(RuleFileError) as e:
        load_toml(twice, "x.toml", CAT)
    assert "与第 3 行的规则重复" in str(e.value) and "键 colour 不认识" in str(e.value)


def test_judging_with_band_previous_year_and_missing_data():
    rules = {r.code: r for r in load_toml(GOOD, "x.toml", CAT).rules}
    yoy = rules["staff.yoy"]
    assert yoy.year_over_year and not rules["class.size"].year_over_year
    assert judge(yoy, Figures({"teachers": 24}, {"teachers": 20})).status == PASS  # +20 % is inside ±20 %
    out = judge(yoy, Figures({"teachers": 15}, {"teachers": 20}), {"unit": "甲校"})
    assert out.status == FAIL
    assert out.message == "甲校专任教师 15 人，上年 20 人，增减 −5（−25%），超过 ±20%。"
    assert judge(yoy, Figures({"teachers": 15}, None)).status == NO_PREV
    assert "无上年数据" in judge(yoy, Figures({"teachers": 15}, None)).message
    assert judge(yoy, Figures({"teachers": None}, {"teachers": 3})).status == NO_DATA
    size = rules["class.size"]
    fired = judge(size, Figures({"enrolled": 70}, None), {"name": "一(1)班", "enrolled": 70})
    assert fired.status == FAIL and fired.message == "一(1)班人数 70 不在 1–65 之间。"
    assert judge(size, Figures({"enrolled": 65}, None)).status == PASS

