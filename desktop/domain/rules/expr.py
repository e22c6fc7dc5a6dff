"""The rule expressions (规则表达式): a small, safe arithmetic language over named figures.

An expression is parsed with Python's ``ast`` in ``eval`` mode and then walked over an
allow-list of nodes: numbers, names, ``+ - * /``, unary minus and calls of a fixed set of
functions. Nothing is ever passed to ``eval``; an attribute, a subscript, a comparison or any
other node is refused with a Chinese reason, and so is a name the catalogue does not know,
when the rule file loads.

Functions:

- ``prev_year(expr)`` — ``expr`` for the same unit in the previous school year;
- ``indicator("code"[, "stage"])`` / ``target("code"[, "stage"])`` — an indicator's value and its target;
- ``cell("return", "row", "column")`` — a cell of a return (row by code or label, column by key);
- ``abs``, ``min``, ``max``, ``round(x[, places])`` and ``if_zero(x, y)`` (``y`` when ``x`` is 0);
- a catalogue name that takes an argument, e.g. ``students("P1")`` (一年级在校生).

Values are floats, or None when there is nothing to measure (a share of nobody); None spreads
through arithmetic, so a rule over a missing figure is "无数据", never a false alarm.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.domain.numbers import rounded

Value = float | None


class ExprError(ValueError):
    """An expression the loader refuses; ``args[0]`` is the Chinese reason."""


class NoPrevYear(LookupError):
    """Raised by a resolver asked for last year's figures when there are none."""


@dataclass(frozen=True, slots=True)
class Name:  # a figure from the catalogue, e.g. teachers or students("P1")
    name: str
    arg: str | None = None


@dataclass(frozen=True, slots=True)
class Lookup:  # indicator(...), target(...), cell(...)
    kind: str
    args: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Prev:
    inner: Node


@dataclass(frozen=True, slots=True)
class Bin:
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    fn: str  # abs min max round if_zero
    args: tuple[Node, ...]


Node = Name | Lookup | Num | Prev | Bin | Call

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_MATH = {"abs": (1, 1), "min": (2, 9), "max": (2, 9), "round": (1, 2), "if_zero": (2, 2)}
_LOOKUPS = {"indicator": (1, 2), "target": (1, 2), "cell": (3, 3)}


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What names a rule may use: ``names`` → whether it takes an argument (and which ones)."""

    names: Mapping[str, str]  # name → Chinese label
    name_args: Mapping[str, Callable[[str], bool]]  # names that take one argument → its check
    indicators: Mapping[str, str]
    returns: Mapping[str, frozenset[str]]  # return code → column keys (for cell)


def parse(text: str, catalogue: Catalogue, *, allow_prev: bool = True) -> Node:
    """The expression tree of ``text``; ExprError with a Chinese reason when it is not allowed."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("表达式为空。")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as e:
        raise ExprError(f"表达式“{text}”写法有误（第 {e.offset or 1} 个字符附近），请检查括号、引号和运算符。") from None
    return _walk(tree.body, text, catalogue, allow_prev, in_prev=False)


def _string(node: ast.AST, text: str, what: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise ExprError(f"表达式“{text}”中{what}应为带引号的文字。")


def _walk(node: ast.AST, text: str, cat: Catalogue, allow_prev: bool, in_prev: bool) -> Node:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return Num(float(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _walk(node.operand, text, cat, allow_prev, in_prev)
        return Bin("-", Num(0.0), inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return Bin(_OPS[type(node.op)], _walk(node.left, text, cat, allow_prev, in_prev),
                   _walk(node.right, text, cat, allow_prev, in_prev))
    if isinstance(node, ast.Name):
        if node.id not in cat.names:
            raise ExprError(f"表达式“{text}”中的名称“{node.id}”不认识。可用的名称见 docs/rules.md。")
        return Name(node.id)  # a name that takes an argument means all grades / stages without one
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return _call(node, node.func.id, text, cat, allow_prev, in_prev)
    raise ExprError(f"表达式“{text}”中含有不允许的写法（{type(node).__name__}）。"
                    "只能使用数字、名称、+ - * / 、括号和规定的函数。")


def _call(node: ast.Call, fn: str, text: str, cat: Catalogue, allow_prev: bool, in_prev: bool) -> Node:
    args = node.args
    if fn == "prev_year":
        if not allow_prev:
            raise ExprError(f"表达式“{text}”：逐条记录检查的规则不能使用 prev_year。")
        if in_prev:
            raise ExprError(f"表达式“{text}”：prev_year 不能套用 prev_year。")
        if len(args) != 1:
            raise ExprError(f"表达式“{text}”：prev_year 只能有一个参数。")
        return Prev(_walk(args[0], text, cat, allow_prev, in_prev=True))
    if fn in _LOOKUPS:
        lo, hi = _LOOKUPS[fn]
        if not lo <= len(args) <= hi:
            raise ExprError(f"表达式“{text}”：{fn} 需要 {lo}–{hi} 个参数。")
        values = tuple(_string(a, text, f"{fn} 的参数") for a in args)
        if fn in ("indicator", "target") and values[0] not in cat.indicators:
            raise ExprError(f"表达式“{text}”中的指标代码“{values[0]}”不认识。")
        if fn == "cell":
            cols = cat.returns.get(values[0])
            if cols is None:
                raise ExprError(f"表达式“{text}”中的报表代码“{values[0]}”不认识。")
            if values[2] not in cols:
                raise ExprError(f"表达式“{text}”：报表“{values[0]}”没有列“{values[2]}”。")
        return Lookup(fn, values)
    if fn in _MATH:
        lo, hi = _MATH[fn]
        if not lo <= len(args) <= hi:
            raise ExprError(f"表达式“{text}”：{fn} 需要 {lo}–{hi} 个参数。")
        return Call(fn, tuple(_walk(a, text, cat, allow_prev, in_prev) for a in args))
    if fn in cat.name_args:
        if len(args) != 1:
            raise ExprError(f"表达式“{text}”：{fn} 只能有一个参数。")
        arg = _string(args[0], text, f"{fn} 的参数")
        if not cat.name_args[fn](arg):
            raise ExprError(f"表达式“{text}”：{fn} 的参数“{arg}”不认识（应为年级或学段代码）。")
        return Name(fn, arg)
    if fn in cat.names:
        raise ExprError(f"表达式“{text}”：{fn} 不带参数。")
    raise ExprError(f"表达式“{text}”中的函数“{fn}”不认识。")


def names_in(node: Node) -> list[Name]:
    """The catalogue names an expression uses, in order (the first decides the drafted 填写说明)."""
    if isinstance(node, Name):
        return [node]
    if isinstance(node, Prev):
        return names_in(node.inner)
    if isinstance(node, Bin):
        return names_in(node.left) + names_in(node.right)
    if isinstance(node, Call):
        return [n for a in node.args for n in names_in(a)]
    return []


def uses_prev(node: Node) -> bool:
    if isinstance(node, Prev):
        return True
    if isinstance(node, Bin):
        return uses_prev(node.left) or uses_prev(node.right)
    if isinstance(node, Call):
        return any(uses_prev(a) for a in node.args)
    return False


class Resolver:
    """Where the figures come from; ``prev`` asks for last year's (raise NoPrevYear when none)."""

    def name(self, ref: Name, prev: bool) -> Value:  # pragma: no cover - interface
        raise NotImplementedError

    def lookup(self, ref: Lookup, prev: bool) -> Value:  # pragma: no cover - interface
        raise NotImplementedError


def evaluate(node: Node, resolver: Resolver, prev: bool = False) -> Value:
    """The value of ``node``; None when a figure is missing or a division by zero occurs."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return resolver.name(node, prev)
    if isinstance(node, Lookup):
        return resolver.lookup(node, prev)
    if isinstance(node, Prev):
        return evaluate(node.inner, resolver, prev=True)
    if isinstance(node, Bin):
        a, b = evaluate(node.left, resolver, prev), evaluate(node.right, resolver, prev)
        if a is None or b is None:
            return None
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        return None if b == 0 else a / b
    values = [evaluate(a, resolver, prev) for a in node.args]
    if node.fn == "if_zero":
        return values[1] if values[0] == 0 else values[0]
    if any(v is None for v in values):
        return None
    nums = [float(v) for v in values if v is not None]
    if node.fn == "abs":
        return abs(nums[0])
    if node.fn == "min":
        return min(nums)
    if node.fn == "max":
        return max(nums)
    return rounded(nums[0], int(nums[1]) if len(nums) > 1 else 0)
