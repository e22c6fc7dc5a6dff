"""The package container: written and read back, and every hostile or wrong file refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.exchange.package import FORMAT_VERSION, Manifest, PackageWriter, package_file_name
from desktop.exchange.tables import STAFF, TRAINING
from desktop.exchange.verify import Destination, PackageError, check_destination, open_package


def _manifest(**kw: object) -> Manifest:
    base: dict[str, object] = dict(unit_code="2144162201", unit_name="龙川县实验学校", unit_kind="school",
                                   parent_code="441622", school_year=2025, census_date="2025-09-01",
                                   created_at="2025-09-15T08:00:00Z", app_version="0.1.0")
    return Manifest(**(base | kw))  # type: ignore[arg-type]


# Rows a clerk could have saved: the reader checks every row with the domain validators.
_STAFF = ["", "2144162201", None, "", "zhupingna", "zpn", "1", "445202199306017544", "7544", "2", "1993-06-01", "01",
          "01", None, "11", "1", "01", "2016-04-02", "2017-09-14", "primary", "02", True, "31", "0", None, True, "31",
          "2", None, None, "active", None, None, None]
_TRAINING = ["", "uid0", "作业设计与双减落实专题", "本校", "2024-05-15", "2024-05-15", "4", "02", "2", "", 2.5, None,
             None, None, "package"]


def _staff_row(i: int) -> list[object]:
    assert len(_STAFF) == len(STAFF.columns)
    row: list[object] = list(_STAFF)
    row[0], row[3] = f"uid{i}", f"教师{i}"
    return row


def _training_row(i: int) -> list[object]:
    assert len(_TRAINING) == len(TRAINING.columns)
    row: list[object] = list(_TRAINING)
    row[0] = f"t{i}"
    return row


def write_package(folder: Path, rows: int = 5000, **kw: object) -> Path:
    w = PackageWriter(_manifest(**kw))
    w.add_table("staff", (_staff_row(i) for i in range(3)))
    w.add_table("training", (_training_row(i) for i in range(rows)))
    return w.write(folder / package_file_name("2144162201", 2025, "school"))


def test_a_written_package_reads_back_every_row_in_batches(tmp_path: Path) -> None:
    path = write_package(tmp_path)
    assert path.name == "2144162201_2025学年_school.erp"
    with open_package(path) as pkg:
        assert pkg.manifest.counts == {"staff": 3, "training": 5000}
        rows = list(pkg.rows("training"))
        assert len(rows) == 5000 and rows[-1][0] == "t4999" and rows[0][10] == 2.5
        assert pkg.count_rows() == {"staff": 3, "training": 5000}


def test_the_same_rows_give_the_same_member_hashes(tmp_path: Path) -> None:
    a = write_package(tmp_path / "a")
    b = write_package(tmp_path / "b")
    with open_package(a) as pa, open_package(b) as pb:
        assert pa.manifest.members == pb.manifest.members


def _reason(path: Path) -> PackageError:
    with pytest.raises(PackageError) as info:
        open_package(path).close()
    return info.value


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.erp"
    p.write_text("hello")
    err = _reason(p)
    assert err.reason == "not_zip" and "不是上报数据包" in err.message


def test_member_names_that_climb_out_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "evil.erp"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("../../etc/passwd.pdf", "x")
    err = _reason(p)
    assert err.reason == "unsafe" and "不允许的文件名" in err.message


def test_a_compression_bomb_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "bomb.erp"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("returns/big.pdf", b"\0" * (4 << 20))
    err = _reason(p)
    assert err.reason == "unsafe" and "压缩比" in err.message


def test_a_zip_without_a_manifest_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "plain.erp"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("returns/a.pdf", "x")
    assert _reason(p).reason == "no_manifest"


def test_a_newer_format_version_is_refused_with_the_upgrade_hint(tmp_path: Path) -> None:
    src = write_package(tmp_path, rows=10)
    p = tmp_path / "newer.erp"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "manifest.json":
                raw = json.loads(data)
                raw["format_version"] = FORMAT_VERSION + 1
                data = json.dumps(raw).encode()
            zout.writestr(info.filename, data)
    err = _reason(p)
    assert err.reason == "newer_format" and "升级" in err.message


def test_an_extra_member_not_in_the_manifest_is_tampering(tmp_path: Path) -> None:
    src = write_package(tmp_path, rows=10)
    with zipfile.ZipFile(src, "a") as zf:
        zf.writestr("returns/extra.pdf", "x")
    assert _reason(src).reason == "tampered"


def test_a_count_that_does_not_match_the_rows_is_refused_while_reading(tmp_path: Path) -> None:
    src = write_package(tmp_path, rows=10)
    p = tmp_path / "count.erp"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "manifest.json":
                raw = json.loads(data)
                raw["counts"]["training"] = 11
                data = json.dumps(raw).encode()
            zout.writestr(info.filename, data)
    with open_package(p) as pkg, pytest.raises(PackageError) as info:
        pkg.count_rows()
    assert info.value.reason == "count_mismatch" and "11" in info.value.message


DEST = Destination("441622", "龙川县教育局", frozenset({"2144162299"}), 2025)


def test_destination_checks_office_period_type_and_own_package() -> None:
    check_destination(_manifest(), DEST)  # parent is the office: accepted
    check_destination(_manifest(parent_code="441621", unit_code="2144162299"), DEST)  # a known unit moved here
    cases = {
        "wrong_office": _manifest(parent_code="441621"),
        "wrong_period": _manifest(school_year=2024),
        "wrong_type": _manifest(package_type="reply"),
        "own_package": _manifest(unit_code="441622", parent_code="441600"),
    }
    for reason, manifest in cases.items():
        with pytest.raises(PackageError) as info:
            check_destination(manifest, DEST)
        assert info.value.reason == reason
