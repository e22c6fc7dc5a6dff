"""Rule files (规则文件): TOML under ``templates/rules/``, or the ``rules`` list of a target set.

A rule compares a left and a right expression (``expr``) with an operator and an optional
band, applies to a scope (the unit levels, stages and school categories), has a severity
(``error`` blocks marking ready, ``warning`` needs a 填写说明) and a Chinese message whose
``{left}``, ``{right}``, ``{diff}``, ``{change}``, ``{band}`` … are filled with the values.
A rule with ``each = "class"`` is checked on every class and its names are the class's fields.

Loading refuses the whole file when anything is wrong, naming the file, the line and the
reason in Chinese: a TOML syntax error (the line tomllib reports), an unknown key, operator,
severity, stage, category or name, or an expression that is not allowed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.codes import SchoolCategory, Severity, Stage
from desktop.domain.numbers import amount
from desktop.domain.rules.expr import Catalogue, ExprError, Node, parse, uses_prev

OPERATORS = {"=": "=", "==": "=", "≤": "<=", "<=": "<=", "≥": ">=", ">=": ">=", "<": "<", ">": ">",
             "between": "between", "介于": "between"}
LEVELS = ("school", "county", "city", "self")  # self: the unit the checks run for, whatever its kind
LEVEL_LABELS = {"school": "学校", "county": "县级", "city": "市级", "self": "本单位"}
CODE_RE = re.compile(r"^[a-z][a-z0-9_.]{1,39}$")
BAND_RE = re.compile(r"^\s*[±+]?\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
VALUE_KEYS = ("left", "right", "lo", "hi", "diff", "change", "band", "unit", "name")
RULE_KEYS = {"code", "name", "left", "op", "right", "band", "severity", "scope", "message", "citation", "each",
             "explain", "field"}
SCOPE_KEYS = {"levels", "stages", "categories"}

# Fields of the records a rule can be checked on one by one: numeric fields (usable in
# expressions) and text fields (usable in messages only).
RECORD_FIELDS: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "class": ({"enrolled": "在校生", "boarders": "寄宿生", "disabled": "残疾学生"}, ("name", "grade", "school")),
}


@dataclass(frozen=True, slots=True)
class Band:
    value: float
    percent: bool

    def width(self, base: float) -> float:
        return abs(base) * self.value / 100 if self.percent else self.value

    @property
    def text(self) -> str:
        return f"±{amount(self.value, 2)}{'%' if self.percent else ''}"


@dataclass(frozen=True, slots=True)
class Scope:
    levels: tuple[str, ...] = ("school",)
    stages: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    left: Node
    op: str  # = <= >= < > between
    right: tuple[Node, ...]  # one node; two for between
    severity: Severity
    message: str
    scope: Scope = field(default_factory=Scope)
    band: Band | None = None
    citation: str = ""
    each: str = ""  # "" (the unit) or "class" (every class of the unit, its fields as names)
    explain: str = ""  # which drafted 填写说明 (default: the first name of the left expression)
    field: str = ""  # the field a finding points at (default: the first name of the left expression)
    source: str = ""  # file name
    line: int = 0
    left_text: str = ""
    right_text: tuple[str, ...] = ()

    year_over_year: bool = False  # uses prev_year (set by the loader)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    source: str = ""

    def codes(self) -> list[str]:
        return [r.code for r in self.rules]


class RuleFileError(ValueError):
    """A rule file refused at load; ``problems`` are (line, reason) and str() says them all."""

    def __init__(self, source: str, problems: Sequence[tuple[int, str]]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__("\n".join(f"规则文件“{source}”第 {line} 行：{why}" if line else f"规则文件“{source}”：{why}"
                                   for line, why in self.problems))


_TOML_REASONS = {
    "Invalid value": "值的写法不对（文字要加引号，数字不加）",
    "Cannot overwrite a value": "同一个键写了两次",
    "Cannot declare": "同一个表写了两次",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
    "Unterminated string": "文字缺少结尾的引号",
    "Invalid statement": "这一行不是合法的写法",
    "Unclosed array": "方括号 [ ] 没有配对",
    "Invalid initial character for a key part": "键名的写法不对",
}


def _toml_problem(err: tomllib.TOMLDecodeError, text: str) -> tuple[int, str]:
    msg = str(err)
    m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    line = int(m.group(1)) if m else max(1, text.count("\n"))
    head = msg.split(" (at ")[0]
    why = next((v for k, v in _TOML_REASONS.items() if head.startswith(k)), f"TOML 格式错误（{head}）")
    return line, f"{why}，请改正后再导入。"


def line_of(text: str, key: str, value: str, start: int = 0) -> int:
    """The line (1-based) where ``key = "value"`` (TOML) or ``"key": "value"`` (JSON) is written."""
    pat = re.compile(rf'^\s*"?{re.escape(key)}"?\s*[=:]\s*"{re.escape(value)}"', re.M)
    m = pat.search(text, start)
    return text.count("\n", 0, m.start()) + 1 if m else 0


class _Codes(dict[str, str]):
    """A code table as a lookup by code, label or alias."""

    def __init__(self, enum: type[Stage] | type[SchoolCategory]) -> None:
        super().__init__()
        self.enum = enum

    def get(self, key: str, default: Any = None) -> Any:
        member = self.enum.from_label(key)
        return member.value if member is not None else default


def _names(raw: Any, known: Mapping[str, Any], what: str, probs: list[str]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        probs.append(f"{what}应为列表。")
        return ()
    out = []
    for item in raw:
        code = known.get(str(item))
        if code is None:
            probs.append(f"{what}中的“{item}”不认识。")
        else:
            out.append(code)
    return tuple(out)


def _scope(raw: Any, probs: list[str]) -> Scope:
    if raw is None:
        return Scope()
    if not isinstance(raw, dict):
        probs.append("scope 应为一个表，如 scope = { levels = [\"school\"] }。")
        return Scope()
    extra = sorted(set(raw) - SCOPE_KEYS)
    if extra:
        probs.append(f"scope 中的 {'、'.join(extra)} 不认识（只能有 levels、stages、categories）。")
    levels = _names(raw.get("levels", ["school"]), {**{v: v for v in LEVELS}, **{v: k for k, v in LEVEL_LABELS.items()}},
                    "适用层级 levels", probs)
    stages = _names(raw.get("stages"), _Codes(Stage), "学段 stages", probs)
    cats = _names(raw.get("categories"), _Codes(SchoolCategory), "学校类别 categories", probs)
    return Scope(levels or ("school",), stages, cats)


def _catalogue_for(each: str, base: Catalogue) -> Catalogue:
    if not each:
        return base
    numeric, _ = RECORD_FIELDS[each]
    return Catalogue(names=numeric, name_args={}, indicators={}, returns={})


def _rule(raw: Any, n: int, base: Catalogue, probs: list[str], source: str, line: int) -> Rule | None:
    if not isinstance(raw, dict):
        probs.append(f"第 {n} 条规则应为一个表。")
        return None
    code = raw.get("code")
    before = len(probs)
    if not isinstance(code, str) or not CODE_RE.match(code):
        probs.append(f"规则代码“{code}”不合规：应为 2–40 位小写字母、数字、点或下划线，以字母开头。")
    extra = sorted(set(raw) - RULE_KEYS)
    if extra:
        probs.append(f"键 {'、'.join(extra)} 不认识，请删除或改正拼写。")
    each = str(raw.get("each") or "")
    if each and each not in RECORD_FIELDS:
        probs.append(f"each 应为 {'、'.join(RECORD_FIELDS)} 之一，现在是“{each}”。")
        each = ""
    cat = _catalogue_for(each, base)
    op = OPERATORS.get(str(raw.get("op", "")).strip())
    if op is None:
        probs.append(f"比较符“{raw.get('op')}”不认识，应为 =、<=（≤）、>=（≥）、<、> 或 between。")
    severity = {"error": Severity.ERROR, "错误": Severity.ERROR, "warning": Severity.WARNING,
                "警告": Severity.WARNING}.get(str(raw.get("severity", "")))
    if severity is None:
        probs.append(f"严重程度 severity 应为 error（错误，阻止上报）或 warning（警告，需填写说明），现在是“{raw.get('severity')}”。")
    left = right = None
    left_text = str(raw.get("left", ""))
    right_raw = raw.get("right")
    right_texts = tuple(str(x) for x in right_raw) if isinstance(right_raw, list) else (str(right_raw or ""),)
    try:
        left = parse(left_text, cat, allow_prev=not each)
    except ExprError as e:
        probs.append(str(e))
    try:
        if op == "between" and len(right_texts) != 2:
            raise ExprError("between 的 right 应为两个表达式的列表，如 right = [\"0\", \"100\"]。")
        if op != "between" and not isinstance(right_raw, str | int | float):
            raise ExprError("right 应为一个表达式（写在引号里）。")
        right = tuple(parse(t, cat, allow_prev=not each) for t in right_texts)
    except ExprError as e:
        probs.append(str(e))
    band = None
    if raw.get("band") is not None:
        m = BAND_RE.match(str(raw["band"]))
        if m is None:
            probs.append(f"容差 band 应为百分比（如 \"20%\"）或数值（如 3），现在是“{raw['band']}”。")
        else:
            band = Band(float(m.group(1)), bool(m.group(2)))
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        probs.append("缺少提示信息 message（中文，说明哪里不对、如何改正）。")
        message = ""
    allowed = set(VALUE_KEYS) | (set(RECORD_FIELDS[each][0]) | set(RECORD_FIELDS[each][1]) if each else set())
    for ph in PLACEHOLDER_RE.findall(message):
        if ph not in allowed:
            probs.append(f"提示信息中的占位符 {{{ph}}} 不认识，可用：{'、'.join(sorted(allowed))}。")
    scope = _scope(raw.get("scope"), probs)
    if len(probs) > before or left is None or right is None or op is None or severity is None:
        return None
    return Rule(code=str(code), name=str(raw.get("name") or code), left=left, op=op, right=right, severity=severity,
                message=message.strip(), scope=scope, band=band, citation=str(raw.get("citation") or ""), each=each,
                year_over_year=uses_prev(left) or any(uses_prev(r) for r in right),
                explain=str(raw.get("explain") or ""), field=str(raw.get("field") or ""), source=source, line=line, left_text=left_text,
                right_text=right_texts)


def rules_from(items: Any, text: str, source: str, catalogue: Catalogue) -> RuleSet:
    """Rules from a parsed list (TOML ``[[rules]]`` or a target set's ``"rules"``), lines from ``text``."""
    if not isinstance(items, list):
        raise RuleFileError(source, [(0, "没有规则列表：请用 [[rules]] 写每条规则。")])
    problems: list[tuple[int, str]] = []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    cursor = 0
    for n, raw in enumerate(items, start=1):
        code = str(raw.get("code")) if isinstance(raw, dict) else ""
        line = line_of(text, "code", code, cursor) if code else 0
        cursor = _after(text, line) if line else cursor
        probs: list[str] = []
        rule = _rule(raw, n, catalogue, probs, source, line)
        if code in seen:
            probs.append(f"规则代码“{code}”与第 {seen[code]} 行的规则重复。")
        seen.setdefault(code, line)
        problems += [(line, p) for p in probs]
        if rule is not None and not probs:
            rules.append(rule)
    if problems:
        raise RuleFileError(source, problems)
    return RuleSet(tuple(rules), source)


def _after(text: str, line: int) -> int:
    pos = 0
    for _ in range(line):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def load_toml(text: str, source: str, catalogue: Catalogue) -> RuleSet:
    """A rule file's rules; RuleFileError (file, line, Chinese reason) when anything is wrong."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleFileError(source, [_toml_problem(e, text)]) from None
    extra = sorted(set(doc) - {"rules", "title", "description"})
    if extra:
        key = extra[0]
        line = next((i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith(key)), 0)
        raise RuleFileError(source, [(line, f"顶层的 {'、'.join(extra)} 不认识（规则请写在 [[rules]] 下）。")])
    return rules_from(doc.get("rules", []), text, source, catalogue)
