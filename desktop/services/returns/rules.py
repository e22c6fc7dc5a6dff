"""Rule files (规则文件): the shipped ones in ``templates/rules/``, a target set's own, a file to test.

The rules themselves (parsing, judging) are pure and live in ``desktop.domain.rules``; this
module finds the files, gives the loader the names it may accept (the figures, the
indicators and the columns of every return definition) and turns a refused file into a
``ServiceError`` whose text names the file, the line and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.rules.model import Rule, RuleFileError, RuleSet, load_toml, rules_from
from desktop.paths import templates_dir
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.rulecheck import rule_catalogue, rules_in_target_set_text
from desktop.services.indicators.targets import chosen_code, spec_in_session


def rules_dir() -> Path:
    return templates_dir() / "rules"


def load_rule_file(path: Path | str) -> RuleSet:
    """One rule file (TOML, or a target-set JSON with a ``rules`` list); refused with the line and reason."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ServiceError(f"找不到规则文件 {p}。") from None
    except UnicodeDecodeError:
        raise ServiceError(f"规则文件“{p.name}”不是 UTF-8 编码的文本，请用记事本另存为 UTF-8 后再试。") from None
    try:
        if p.suffix.lower() == ".json":
            return rules_in_target_set_text(text, p.name)
        return load_toml(text, p.name, rule_catalogue())
    except RuleFileError as e:
        raise ServiceError(str(e)) from None


def target_set_rules(content: Mapping[str, Any], source: str) -> RuleSet:
    """The rules a stored target set carries (its JSON content), checked like a file."""
    items = content.get("rules") or []
    text = json.dumps({"rules": items}, ensure_ascii=False, indent=2)
    return rules_from(items, text, source, rule_catalogue())


@cache
def _shipped(folder: str) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            out += load_toml(path.read_text(encoding="utf-8"), path.name, rule_catalogue()).rules
        except RuleFileError as e:  # a broken shipped file is a packaging bug: fail loudly
            raise RuntimeError(str(e)) from None
    return tuple(out)


def shipped_rules(files: Iterable[str] | None = None) -> tuple[Rule, ...]:
    """Every rule in ``templates/rules/*.toml`` (or only those from the named files)."""
    rules = _shipped(str(rules_dir()))
    wanted = set(files) if files is not None else None
    return tuple(r for r in rules if wanted is None or r.source in wanted)


def rules_for(session: Session, unit_id: int, period_id: int) -> tuple[Rule, ...]:
    """The shipped rules, then the unit's target set's own (a code the set repeats replaces the shipped one)."""
    code = chosen_code(session, unit_id, period_id)
    spec = spec_in_session(session, code)
    own = spec.rules
    if not own:
        return shipped_rules()
    try:
        extra = target_set_rules({"rules": list(own)}, f"指标方案 {code}").rules
    except RuleFileError as e:
        raise ServiceError(str(e)) from None
    replaced = {r.code for r in extra}
    return tuple(r for r in shipped_rules() if r.code not in replaced) + extra
