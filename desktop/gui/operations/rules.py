"""Worker-side job of the 规则试算 dialog: run a rule file over this database's units and years."""

from __future__ import annotations

from pathlib import Path

from desktop.services.admin.database import Database
from desktop.services.returns import bench
from desktop.services.returns.bench import BenchReport


def bench_rules(db: Database, path: Path, unit_id: int) -> BenchReport:
    """Load the file (refused with the line and reason) and count what each rule would flag."""
    return bench.bench_rule_file(db, path, unit_id)
