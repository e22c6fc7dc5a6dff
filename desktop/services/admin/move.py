"""Moving an office's SQLite database onto the shared PostgreSQL server, verified.

``move_database`` copies every table (``data/transfer.py``), then proves the copy:
per-table row counts and content fingerprints must match, and so must what the
office prints from the data — the indicators of the home unit and, where the
returns module is installed, the fingerprint of every return (the number on
each printed page). Nothing is trusted until all of them agree.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
from dataclasses import dataclass, field
from typing import Any

from desktop.data.engine import Database
from desktop.data.migrate import current_revision, head_revision
from desktop.data.transfer import Progress, TableCheck, copy_tables, nonempty_tables, verify_tables
from desktop.services.core.errors import ServiceError


@dataclass(frozen=True)
class ResultCheck:
    name: str  # e.g. "indicators" or a return code
    source: str
    target: str

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass
class MoveReport:
    tables: list[TableCheck] = field(default_factory=list)
    results: list[ResultCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables) and all(r.ok for r in self.results)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_fingerprints(db: Database) -> dict[str, str]:
    """What the home unit prints for its latest period, as fingerprints (empty for an empty database)."""
    from desktop.services.indicators.compute import compute_indicators
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    unit, period = home_unit(db), latest_period(db)
    if unit is None or period is None:
        return {}
    report = compute_indicators(db, unit.id, period.id)
    out = {"indicators": _digest([dataclasses.asdict(r) for r in report.results])}
    try:  # the returns module arrives in its own branch; use it when it is there
        returns: Any = importlib.import_module("desktop.services.returns.build")
    except ImportError:
        return out
    codes = [info.code for info in returns.list_returns(db, unit.id)]
    for data in returns.build_returns(db, codes, unit.id, period.id):
        out[f"return:{data.definition.code}"] = data.fingerprint
    return out


def check_ready(source: Database, target: Database) -> None:
    head = head_revision()
    if current_revision(source) != head:
        raise ServiceError("源数据库不是最新结构，请先用本版本程序打开它一次（会自动升级并备份）。")
    if current_revision(target) != head:
        raise ServiceError("服务器数据库还没有建立表结构，请先运行 upgrade（edureturns-cli migrate-to 会自动完成）。")
    filled = nonempty_tables(target)
    if filled:
        raise ServiceError(
            f"服务器数据库不是空的（{'、'.join(filled[:5])} 已有数据）。为避免混合两份数据，只能迁移到空数据库；"
            "请新建一个数据库后再迁移。"
        )


def move_database(source: Database, target: Database, *, progress: Progress | None = None) -> MoveReport:
    """Copy ``source`` into the empty, migrated ``target`` and verify the copy."""
    check_ready(source, target)
    copy_tables(source, target, progress=progress)
    return verify_move(source, target)


def verify_move(source: Database, target: Database) -> MoveReport:
    report = MoveReport(tables=verify_tables(source, target))
    a, b = result_fingerprints(source), result_fingerprints(target)
    report.results = [ResultCheck(name, a.get(name, ""), b.get(name, "")) for name in sorted(set(a) | set(b))]
    return report
