"""The names a data-quality rule may use, and the check of the rules a target set carries.

Here, below ``services.returns``, so that importing a target set (``targets``) can refuse a
set whose rules are wrong, with the line and the reason, before anything is stored.
"""

from __future__ import annotations

import json
from functools import cache

from desktop.domain.rules.expr import Catalogue
from desktop.domain.rules.figures import catalogue
from desktop.domain.rules.model import RuleFileError, RuleSet, rules_from
from desktop.reports.definition import load_definitions


@cache
def rule_catalogue() -> Catalogue:
    """Every name a rule may use; ``cell`` accepts each return's column keys."""
    returns: dict[str, set[str]] = {}
    for d in load_definitions():
        for scope in d.scopes:
            returns.setdefault(d.code, set()).update(c.key for c in d.variant(scope).columns)
    return catalogue({k: frozenset(v) for k, v in returns.items()})


def rules_in_target_set_text(text: str, source: str) -> RuleSet:
    """The ``rules`` list of a target-set file (JSON); RuleFileError names the line in ``text``."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise RuleFileError(source, [(e.lineno, "JSON 格式错误，请检查逗号、引号和括号。")]) from None
    items = raw.get("rules", []) if isinstance(raw, dict) else None
    return rules_from(items, text, source, rule_catalogue())
