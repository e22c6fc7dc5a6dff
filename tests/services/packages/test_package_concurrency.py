"""Two office PCs import the same folder of school packages at the same moment (both engines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from package_world import CITY, COUNTY, make_school
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Staff, Submission, TrainingRecord
from desktop.domain.records import UnitData
from desktop.services.core import audit
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.core.test_concurrency import _parallel

pytestmark = pytest.mark.slow


def test_parallel_imports_of_the_same_packages_write_each_school_once(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "packages"
    schools = [make_school(tmp_path, i) for i in (1, 2)]
    for school in schools:
        explain_warnings(school)
        export_package(school, folder)
    create_home_unit(db, UnitData(code=COUNTY[0], name=COUNTY[1], kind="county", parent_code=CITY[0]))
    ensure_period(db, 2025)

    results = _parallel(lambda: import_packages(db, [folder]), lambda: import_packages(db, [folder]))
    assert not any(isinstance(r, BaseException) for r in results), results
    statuses = sorted(r.status for summary in results for r in summary.results)  # type: ignore[attr-defined]
    assert statuses.count("unchanged") == 2, statuses  # each package applied once, the copy said so

    expected_staff, expected_training = 0, 0
    for school in schools:
        with school.session() as s:
            expected_staff += s.scalar(select(func.count()).select_from(Staff)) or 0
            expected_training += s.scalar(select(func.count()).select_from(TrainingRecord)) or 0
        school.dispose()
    with db.session() as s:
        uids = s.scalars(select(Staff.uid)).all()
        assert len(uids) == len(set(uids)) == expected_staff
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == expected_training
        per_unit = s.execute(select(Submission.unit_id, func.count()).group_by(Submission.unit_id)).all()
        assert len(per_unit) == 2 and all(n == 1 for _, n in per_unit)
        assert audit.verify_chain(s) is None
