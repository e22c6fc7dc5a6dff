"""Test setups that send a package: every warning explained first, as the rule for sending asks.

``export_package`` refuses while a warning has no 填写说明 (services/packages/export.py,
SEND_RULE). A setup that only needs *a* package explains its warnings the way a clerk does
in bulk: one text per rule, through the service the 报表 page's 选中同类警告 uses.
"""

from __future__ import annotations

from desktop.data.engine import Database
from desktop.services.records.units import home_unit
from desktop.services.returns.checks import run_checks, set_explanations
from desktop.services.year.periods import latest_period

TEXT = "已核实，情况属实，已列入本学年整改计划。"


def explain_warnings(db: Database, text: str = TEXT) -> int:
    """Explain every unexplained warning of the home unit's latest period; returns how many."""
    home, period = home_unit(db), latest_period(db)
    assert home is not None and period is not None
    pending = [(i.finding.rule, i.record_key) for i in run_checks(db, home.id, period.id).unexplained()]
    for rule in sorted({r for r, _ in pending}):  # one text per rule, as 选中同类警告 does
        set_explanations(db, home.id, period.id, [p for p in pending if p[0] == rule], text)
    return len(pending)
