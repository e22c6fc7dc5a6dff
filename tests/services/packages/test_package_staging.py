"""Training records decoded ahead in a worker process (exchange.staging, services.packages.stage).

The staged import must store exactly what the in-process import stores, refuse
what the in-process reader refuses, and fall back to reading in-process when the
worker cannot stage. These run the real spawned worker and real SQLite files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from package_world import CITY, COUNTY, gz_edit, make_office, make_school, rewrite_member
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Period, Unit
from desktop.exchange.package import EXTENSION
from desktop.exchange.staging import StageJob, stage_group, staged_name
from desktop.exchange.verify import PackageError, member_rows, open_package
from desktop.services.packages import stage as package_stage
from desktop.services.packages.apply import apply_package
from desktop.services.packages.export import export_package, import_packages
from tests.explained import explain_warnings

pytestmark = pytest.mark.sqlite_only  # the ATTACH path; the server reads the staging file instead: test_package_copy.py

TRAINING = (
    "SELECT t.uid, s.uid, t.title, t.organiser, t.start_date, t.end_date, t.level, t.mode, t.category, t.topics, "
    "t.hours, t.certificate_no, t.verified_by, t.verified_at, t.source, t.version, typeof(t.hours), "
    "typeof(t.start_date), typeof(t.created_at) FROM training_records t JOIN staff s ON s.id = t.staff_id "
    "ORDER BY t.uid"
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("staging")
    folder = root / "packages"
    for i in (1, 2, 3):
        school = make_school(root, i)
        explain_warnings(school)
        export_package(school, folder, with_returns=False)
    return folder


def _county(path: Path) -> Database:
    return make_office(path, *COUNTY, "county", CITY[0])


def _rows(db: Database, sql: str = TRAINING) -> list[tuple[object, ...]]:
    with db.session() as s:
        return [tuple(r) for r in s.connection().exec_driver_sql(sql)]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{EXTENSION}"))


def test_the_staged_import_stores_what_the_in_process_import_stores(packages: Path, tmp_path: Path) -> None:
    staged, direct = _county(tmp_path / "staged.db"), _county(tmp_path / "direct.db")
    summary = import_packages(staged, [packages], stage=True)
    assert summary.count("imported") == 3
    # The first group (one package here) is staged in this process while the worker starts, the others by the
    # worker: all three go in with INSERT … SELECT from a staging file.
    assert summary.staged == 3
    assert import_packages(direct, [packages], stage=False).staged == 0
    rows = _rows(staged)
    assert len(rows) == 1500 and rows == _rows(direct)
    assert {r[-3:] for r in rows} == {("real", "text", "text")}  # stored as the ORM stores them
    people = "SELECT uid, unit_id, name, id_number, status FROM staff ORDER BY uid"  # id_digest: keyed per database
    assert _rows(staged, people) == _rows(direct, people)


def test_staging_files_go_and_no_connection_keeps_one_attached(
    packages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "stage"
    folder.mkdir()
    monkeypatch.setattr(package_stage.tempfile, "mkdtemp", lambda prefix: str(folder))
    county = _county(tmp_path / "county.db")
    assert import_packages(county, [packages], stage=True).count("imported") == 3
    assert not folder.exists()
    attached = [r[1] for r in _rows(county, "PRAGMA database_list")]
    assert attached and not [name for name in attached if name.startswith("edr_stage")]


def test_when_the_worker_cannot_stage_the_packages_are_read_in_process(
    packages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A staging folder that does not exist: the worker cannot create its files, every group fails.
    monkeypatch.setattr(package_stage.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "no-such-folder"))
    county, direct = _county(tmp_path / "county.db"), _county(tmp_path / "direct.db")
    summary = import_packages(county, [packages], stage=True)
    assert summary.count("imported") == 3 and summary.staged == 0
    import_packages(direct, [packages], stage=False)
    assert _rows(county) == _rows(direct)


def test_the_worker_refuses_a_damaged_member_with_the_reader_reason(packages: Path, tmp_path: Path) -> None:
    source = _files(packages)[0]
    damaged = tmp_path / source.name
    # A row one field short: the JSON stays valid, the shape does not.
    rewrite_member(source, damaged, "data/training.jsonl.gz", lambda b: gz_edit(b, ',"demo"]', "]"))
    [member] = stage_group(StageJob(str(tmp_path / "stage.db"), [str(damaged)]))
    with zipfile.ZipFile(damaged) as zf:
        data = zf.read("data/training.jsonl.gz")
    with pytest.raises(PackageError) as caught:  # what the in-process reader says about the same bytes
        list(member_rows(io.BytesIO(data), "training", len(data)))
    assert member.error == (caught.value.reason, caught.value.message)
    assert caught.value.reason == "bad_member" and member.rows == 0


def _apply_staged(county: Database, package: Path, staged_from: Path, tmp_path: Path, **change: object) -> None:
    """Apply ``package`` with the training rows staged from ``staged_from`` (altered by ``change``)."""
    [member] = stage_group(StageJob(str(tmp_path / "stage.db"), [str(staged_from)]))
    member = replace(member, name=f"edr_stage_test.{staged_name(0, 'training')}", **change)  # type: ignore[arg-type]
    with county.session(write=True) as s, open_package(package) as reader:
        s.connection().detach()  # as the stager does: this connection is closed, not pooled, afterwards
        s.connection().exec_driver_sql("ATTACH DATABASE ? AS edr_stage_test", (str(tmp_path / "stage.db"),))
        home = s.scalars(select(Unit.id).where(Unit.is_home.is_(True))).one()
        period = s.scalars(select(Period.id)).one()
        apply_package(s, reader, home_id=home, period_id=period, staged=member)


def test_staged_rows_that_differ_from_the_verified_manifest_are_refused(packages: Path, tmp_path: Path) -> None:
    first, second = _files(packages)[:2]
    county = _county(tmp_path / "county.db")
    # Another file's rows (as if the package changed between verification and staging): tampered.
    with pytest.raises(PackageError) as caught:
        _apply_staged(county, first, second, tmp_path)
    assert caught.value.reason == "tampered" and "培训记录" in caught.value.message
    (tmp_path / "stage.db").unlink()
    # The right rows but a count that disagrees with the manifest: refused with the reader's reason.
    with pytest.raises(PackageError) as caught:
        _apply_staged(county, first, first, tmp_path, rows=499)
    assert caught.value.reason == "count_mismatch"
    assert _rows(county, "SELECT count(*) FROM training_records") == [(0,)]
