"""The checks of a 零上报 (packages/zero.py) under the rule for sending (packages/export.py, SEND_RULE).

A school with nothing to report and no classes exports its 零上报: the check that only says
"no classes" (class.missing, an error) does not stand in its way. Any other finding still
does: a warning the school has not explained blocks the 零上报 as it blocks every package.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.data.engine import Database
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.targets import (
    choose_target_set,
    copy_target_set,
    export_target_set,
    import_target_set,
)
from desktop.services.packages.export import export_package
from desktop.services.records.units import home_unit
from desktop.services.returns.checks import run_checks
from desktop.services.year.periods import latest_period
from tests.explained import explain_warnings
from tests.services.package_world import read_table
from tests.services.season_world import ZERO_REASON, make_zero_school


def _ids(db: Database) -> tuple[int, int]:
    home, period = home_unit(db), latest_period(db)
    assert home is not None and period is not None
    return home.id, period.id


def _manifest(pkg: Path) -> dict[str, object]:
    with zipfile.ZipFile(pkg) as zf:
        return json.loads(zf.read("manifest.json"))  # type: ignore[no-any-return]


def test_a_school_with_nothing_to_report_sends_its_zero_report(tmp_path: Path) -> None:
    school = make_zero_school(tmp_path)
    checks = run_checks(school, *_ids(school))
    assert [i.finding.rule for i in checks.errors()] == ["class.missing"] and not checks.warnings()
    with pytest.raises(ServiceError, match="错误"):  # an ordinary package of no data: refused
        export_package(school, tmp_path / "plain", with_returns=False)
    pkg = export_package(school, tmp_path / "zero", with_returns=False, zero_report=ZERO_REASON).path
    m = _manifest(pkg)
    assert m["extra"]["zero_report"] == ZERO_REASON and m["findings"] == {"errors": 0, "warnings": 0}  # type: ignore[index]
    assert read_table(pkg, "findings") == []


def _few_teachers_rule(db: Database, folder: Path) -> None:
    """The county's target set adds a warning every school without three teachers gets."""
    copy_target_set(db, "heyuan-2025", "longchuan-2026", "龙川县2026")
    raw = json.loads(export_target_set(db, "longchuan-2026", folder / "set.json").read_text("utf-8"))
    raw["code"] = "longchuan-rules"
    raw["rules"] = [{"code": "school.few_teachers", "name": "专任教师过少", "left": "teachers", "op": ">=",
                     "right": "3", "severity": "warning", "scope": {"levels": ["school"]},
                     "message": "{unit}专任教师只有 {left} 人。"}]
    path = folder / "rules.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    import_target_set(db, path)
    choose_target_set(db, *_ids(db), "longchuan-rules")


def test_a_zero_report_still_needs_its_warnings_explained(tmp_path: Path) -> None:
    school = make_zero_school(tmp_path)
    _few_teachers_rule(school, tmp_path)
    checks = run_checks(school, *_ids(school))
    assert [i.finding.rule for i in checks.unexplained()] == ["school.few_teachers"] and checks.errors()
    with pytest.raises(ServiceError, match="1 条警告没有填写说明"):
        export_package(school, tmp_path / "zero", with_returns=False, zero_report=ZERO_REASON)
    assert not list((tmp_path / "zero").glob("*"))  # nothing written, the period not marked submitted
    assert explain_warnings(school, "本学年暂停办学，无专任教师。") == 1
    pkg = export_package(school, tmp_path / "zero", with_returns=False, zero_report=ZERO_REASON).path
    (finding,) = read_table(pkg, "findings")
    assert finding[1] == "school.few_teachers" and finding[6] == "本学年暂停办学，无专任教师。"
    assert _manifest(pkg)["extra"]["zero_report"] == ZERO_REASON  # type: ignore[index]
