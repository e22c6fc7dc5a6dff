"""Two offices import the same sheet at once: written once, the other told why (both engines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Staff, TrainingRecord
from desktop.domain.records import StaffData, UnitRecord
from desktop.services.core import audit
from desktop.services.core.errors import ConflictError
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.records.staff import create_staff
from tests.services.core.test_concurrency import _parallel
from tests.services.imports.test_imports import A, B, roster_file, roster_preview, xlsx


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_stale_preview_is_refused_instead_of_adding_people_twice(
    db: Database, school: UnitRecord, tmp_path: Path
) -> None:
    first, second = (roster_preview(db, roster_file(tmp_path)) for _ in range(2))
    commit_import(db, first, actor="一室")
    with pytest.raises(ConflictError, match="已由其他人录入或导入") as excinfo:
        commit_import(db, second, actor="二室")
    assert "没有写入任何数据" in excinfo.value.message
    assert _count(db, Staff) == 2


def test_parallel_roster_imports_write_each_person_once(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    previews = [roster_preview(db, roster_file(tmp_path)) for _ in range(3)]
    results = _parallel(*[lambda p=p: commit_import(db, p) for p in previews])
    assert sum(isinstance(r, ConflictError) for r in results) == 2, results
    with db.session() as session:
        digests = session.scalars(select(Staff.id_digest)).all()
        assert len(digests) == len(set(digests)) == 2
        assert audit.verify_chain(session) is None


def test_parallel_training_imports_write_each_record_once(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    create_staff(db, school.id, StaffData(name=A[0], id_number=A[1]))
    create_staff(db, school.id, StaffData(name=B[0], id_number=B[1]))
    path = xlsx(tmp_path / "training.xlsx", [
        ["姓名", "身份证号", "培训名称", "培训日期", "学时", "培训层级", "培训形式", "科目类别"],
        *[[name, number, f"专题{i}", "2024.4.2", 4, "县级", "面授", "公需"] for i in range(20) for name, number in (A, B)]])
    previews = [preview_import(db, "training", path) for _ in range(2)]
    assert previews[0].counts["add"] == 40
    results = _parallel(*[lambda p=p: commit_import(db, p) for p in previews])
    assert sum(isinstance(r, ConflictError) for r in results) == 1, results
    assert _count(db, TrainingRecord) == 40
