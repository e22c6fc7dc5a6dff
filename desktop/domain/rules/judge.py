"""Judging one rule for one unit (or one record): compare, apply the band, fill the message.

``judge`` returns an ``Outcome``: ``fail`` (the rule fires), ``pass``, ``no_prev`` (the rule
needs last year's figures and there are none: it says 无上年数据 instead of failing) or
``no_data`` (a figure has nothing to measure, e.g. a share of nobody).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.domain.numbers import amount
from desktop.domain.rules.expr import NoPrevYear, Resolver, Value, evaluate
from desktop.domain.rules.model import PLACEHOLDER_RE, Rule

FAIL, PASS, NO_PREV, NO_DATA = "fail", "pass", "no_prev", "no_data"
STATUS_LABELS = {FAIL: "不通过", PASS: "通过", NO_PREV: "无上年数据", NO_DATA: "无数据"}


@dataclass(frozen=True, slots=True)
class Outcome:
    rule: Rule
    status: str
    left: Value = None
    right: tuple[Value, ...] = ()
    message: str = ""

    @property
    def fired(self) -> bool:
        return self.status == FAIL

    @property
    def diff(self) -> float | None:
        if self.left is None or len(self.right) != 1 or self.right[0] is None:
            return None
        return self.left - self.right[0]


EPS = 1e-9  # figures are sums and quotients of counts: compare with a hair of tolerance, not rounded text


def _holds(rule: Rule, left: float, right: tuple[float, ...]) -> bool:
    if rule.op == "between":
        lo, hi = sorted(right)
        w_lo = rule.band.width(lo) if rule.band else 0.0
        w_hi = rule.band.width(hi) if rule.band else 0.0
        return lo - w_lo - EPS <= left <= hi + w_hi + EPS
    r = right[0]
    w = rule.band.width(r) if rule.band else 0.0
    if rule.op == "=":
        return abs(left - r) <= w + EPS
    if rule.op == "<=":
        return left <= r + w + EPS
    if rule.op == ">=":
        return left >= r - w - EPS
    if rule.op == "<":
        return left < r + w - EPS
    return left > r - w + EPS


def _text(v: Value) -> str:
    return "—" if v is None else amount(v, 2)


def _signed(v: float) -> str:
    text = amount(abs(v), 2)
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else "0")


def fill(rule: Rule, left: Value, right: tuple[Value, ...], values: Mapping[str, object]) -> str:
    """The rule's message with ``{left}``, ``{right}`` … and record fields filled in."""
    r0 = right[0] if right else None
    diff = left - r0 if left is not None and r0 is not None else None
    change = (diff * 100 / r0) if diff is not None and r0 else None
    known: dict[str, str] = {
        "left": _text(left), "right": _text(r0), "lo": _text(min(right, key=lambda v: v or 0) if right else None),
        "hi": _text(max(right, key=lambda v: v or 0) if right else None),
        "diff": _signed(diff) if diff is not None else "—",
        "change": (_signed(change) + "%") if change is not None else "—",
        "band": rule.band.text if rule.band else "", "name": rule.name,
    }
    known |= {k: ("" if v is None else str(v)) for k, v in values.items()}
    return PLACEHOLDER_RE.sub(lambda m: known.get(m.group(1), m.group(0)), rule.message)


def no_previous(rule: Rule) -> Outcome:
    return Outcome(rule, NO_PREV, message=f"{rule.name}：无上年数据，本规则本年不作比较。")


def judge(rule: Rule, resolver: Resolver, values: Mapping[str, object] = {}) -> Outcome:
    """Evaluate ``rule`` with ``resolver``; ``values`` fill the message (unit name, record fields)."""
    try:
        left = evaluate(rule.left, resolver)
        right = tuple(evaluate(r, resolver) for r in rule.right)
    except NoPrevYear:
        return no_previous(rule)
    if left is None or any(r is None for r in right):
        return Outcome(rule, NO_DATA, left, right)
    nums = tuple(float(r) for r in right if r is not None)
    if _holds(rule, left, nums):
        return Outcome(rule, PASS, left, right)
    return Outcome(rule, FAIL, left, right, fill(rule, left, right, values))
