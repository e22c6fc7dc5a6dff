"""When a sum relation does fail (a fault injected into one builder), only the package is refused,
and 标记为可上报 refuses too, since the mark promises a package that can be exported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop.reports import builders
from desktop.reports.builders.common import BuildContext, Built
from desktop.reports.model import Row
from desktop.services.core.errors import ServiceError
from desktop.services.packages.export import export_package
from desktop.services.returns.build import export_returns_checked
from desktop.services.returns.checks import run_checks, set_explanation
from desktop.services.returns.readiness import mark_ready, ready_status
from tests.services.package_world import make_school


def _broken(real: Any) -> Any:
    def build(ctx: BuildContext) -> Built:
        built = real(ctx)
        total = built.rows[0]
        values = (int(total.values[0] or 0) + 2, *total.values[1:])
        return replace(built, rows=(Row(total.code, total.label, values, total.group), *built.rows[1:]))
    return build


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(builders.BUILDERS, "structure", _broken(builders.BUILDERS["structure"]))


def test_mark_ready_and_the_package_refuse_but_the_files_are_written(tmp_path: Path, broken: None) -> None:
    db = make_school(tmp_path, 1)
    try:
        from desktop.data import queries
        from desktop.services.year.periods import list_periods

        with db.session() as s:
            unit_id = queries.home_unit(s).id  # type: ignore[union-attr]
        period_id = list_periods(db)[0].id
        for item in run_checks(db, unit_id, period_id).unexplained():
            set_explanation(db, unit_id, period_id, item.finding.rule, item.record_key, "已核实。", "校长")
        with pytest.raises(ServiceError, match="合计关系不成立") as err:
            mark_ready(db, unit_id, period_id)
        assert "第 01 行（总计）" in err.value.message and "可上报" in err.value.message
        assert not ready_status(db, unit_id, period_id).ready
        with pytest.raises(ServiceError, match="不能导出数据包"):
            export_package(db, tmp_path / "pkg")
        done = export_returns_checked(db, unit_id, period_id, "all", ["xlsx", "pdf"], tmp_path / "out")
        assert done.is_draft and len(done.paths) == 2 and all(p.exists() for p in done.paths)
    finally:
        db.dispose()
