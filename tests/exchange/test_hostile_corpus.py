"""Hostile input corpus (R9, R10): every file is refused or reported in Chinese, and nothing is written.

Spreadsheet importer: the hostile cases of ``import_corpus`` (formulas, XML
bomb, zip bomb, a million rows, not a spreadsheet, empty, duplicate and broken
IDs …) plus the files built here (control characters, over-long fields, invalid
IDs, dates out of range, DDE/formula strings, path traversal inside the zip,
truncated, a zip that is no workbook, NUL bytes).

Package importer: not a zip, empty, truncated, zip bomb, gzip bomb in a member,
path traversal and absolute member names, duplicate members, a flipped byte, an
edited row, a removed member, a forged or broken manifest, a newer format, the
wrong office and the wrong period.

For every file the test counts the rows of every table before and after —
including the audit log — and requires them equal.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Base
from desktop.domain.idcard import id_check_char
from desktop.domain.records import UnitRecord
from desktop.services.core.errors import ServiceError
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.packages.export import export_package, import_packages
from tests.exchange import import_corpus
from tests.explained import explain_warnings
from tests.services.package_world import (
    edit_manifest,
    gz_edit,
    make_office,
    make_school,
    rewrite_member,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]{4,}")
HEAD = ["姓名", "身份证号", "参加工作年月", "学历"]


def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


GOOD, GOOD2 = _id("44162219850301123"), _id("44162219900512234")


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: int(s.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables}


# ------------------------------------------------------------------ spreadsheets built here
def _book(d: Path, name: str, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    wb.save(d / name)
    return d / name


def _control(d: Path) -> Path:
    p = d / "control.csv"
    p.write_text(f"{','.join(HEAD)}\n张\x07三,{GOOD},2010年9月,本科\n李\x1b四,{GOOD2},2010年9月,本科\n", encoding="utf-8")
    return p


def _overlong(d: Path) -> Path:
    return _book(d, "overlong.xlsx", [HEAD, ["张" * 300, GOOD, "2010年9月", "本科"],
                                      ["李四", GOOD2 + "9" * 5000, "2010年9月", "本科"]])


def _bad_ids(d: Path) -> Path:
    wrong = "0" if id_check_char("44162219850301123") != "0" else "1"
    return _book(d, "bad_ids.xlsx", [HEAD, ["张三", "44162219850301123" + wrong, "2010年9月", "本科"],
                                     ["李四", "4416221985", "2010年9月", "本科"],
                                     ["王五", _id("44162230850301123"), "2010年9月", "本科"]])


def _dates(d: Path) -> Path:
    return _book(d, "dates.xlsx", [HEAD, ["张三", GOOD, "1850年9月", "本科"], ["李四", GOOD2, "2150年1月", "本科"]])


def _dde(d: Path) -> Path:
    return _book(d, "dde.xlsx", [HEAD, ["=cmd|' /C calc'!A0", GOOD, "2010年9月", "本科"],
                                 ["@SUM(1+1)", GOOD2, "2010年9月", "本科"],
                                 ["+HYPERLINK(\"http://x\")", _id("44162219780101345"), "2010年9月", "本科"]])


def _traversal(d: Path) -> Path:
    base = _book(d, "base.xlsx", [HEAD, ["张三", GOOD, "2010年9月", "本科"]])
    p = d / "traversal.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("../../evil.txt", b"x")
    return p


def _truncated(d: Path) -> Path:
    data = _book(d, "whole.xlsx", [HEAD, ["张三", GOOD, "2010年9月", "本科"]]).read_bytes()
    (d / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    return d / "truncated.xlsx"


def _zip_not_workbook(d: Path) -> Path:
    with zipfile.ZipFile(d / "archive.xlsx", "w") as zf:
        zf.writestr("readme.txt", "hello")
    return d / "archive.xlsx"


def _nul_bytes(d: Path) -> Path:
    (d / "nul.csv").write_bytes("姓名,身份证号\n张\x00三,".encode() + GOOD.encode() + b"\n")
    return d / "nul.csv"


SHEETS_HERE: list[Callable[[Path], Path]] = [_control, _overlong, _bad_ids, _dates, _dde, _traversal, _truncated,
                                             _zip_not_workbook, _nul_bytes]
# Hostile cases of the import corpus: every row bad, or the file refused.
CORPUS = ["formulas", "xml_bomb", "zip_bomb", "million_rows", "not_a_spreadsheet", "empty_file",
          "id_lost_digits_csv", "duplicate_ids"]


def _corpus_builders() -> list[Callable[[Path], object]]:
    return [getattr(import_corpus, name) for name in CORPUS]


def _assert_nothing_written_by_sheet(db: Database, school: UnitRecord, path: Path, kind: str = "roster") -> str:
    before = row_counts(db)
    try:
        preview = preview_import(db, kind, path, unit_id=school.id)
    except ServiceError as exc:
        assert CHINESE.search(exc.message), exc.message
        assert row_counts(db) == before
        return "refused"
    assert row_counts(db) == before, "a preview must not write"
    bad = [r for r in preview.rows if r.status == "error"]
    assert bad, f"{path.name}: nothing reported"
    assert all(CHINESE.search(e) for r in bad for e in r.errors)
    good = [r for r in preview.rows if r.status in ("add", "update")]
    if not good:
        try:
            commit_import(db, preview, actor="clerk")
        except ServiceError as exc:
            assert CHINESE.search(exc.message)
        assert row_counts(db) == before, "committing a file with only bad rows must not write"
    return "reported"


@pytest.mark.parametrize("build", SHEETS_HERE, ids=lambda f: f.__name__.strip("_"))
def test_hostile_spreadsheet(build: Callable[[Path], Path], tmp_path: Path, db: Database, school: UnitRecord) -> None:
    _assert_nothing_written_by_sheet(db, school, build(tmp_path))


@pytest.mark.parametrize("build", _corpus_builders(), ids=CORPUS)
def test_hostile_spreadsheet_from_the_import_corpus(build: Callable[[Path], object], tmp_path: Path, db: Database,
                                                    school: UnitRecord) -> None:
    case = build(tmp_path)
    _assert_nothing_written_by_sheet(db, school, case.path, case.kind)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ packages
@dataclass
class PackageWorld:
    root: Path
    good: Path
    county: Database
    other: Path


@pytest.fixture(scope="module")
def pworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PackageWorld]:
    root = tmp_path_factory.mktemp("hostile-packages")
    school = make_school(root, 1)
    explain_warnings(school)
    good = export_package(school, root / "out", with_returns=False).path
    school.dispose()
    foreign = make_school(root, 2, county="441621")
    explain_warnings(foreign)
    other = export_package(foreign, root / "foreign", with_returns=False).path
    foreign.dispose()
    county = make_office(root / "county.db", "441622", "龙川县教育局", "county", "441600")
    yield PackageWorld(root, good, county, other)
    county.dispose()


def _zip_with(src: Path, dest: Path, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename), compress_type=info.compress_type)
        for name, data in extra.items():
            zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return dest


def _gzip_bomb() -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        for _ in range(64):
            gz.write(b"\0" * (1 << 20))  # 64 MB of zeros in ~64 KB
    return buf.getvalue()


def _package_cases(w: PackageWorld, d: Path) -> dict[str, Path]:
    good = w.good
    staff_member = "data/staff.jsonl.gz"
    cases: dict[str, Path] = {}
    (d / "text.erp").write_text("这不是数据包", encoding="utf-8")
    cases["not_a_zip"] = d / "text.erp"
    (d / "empty.erp").write_bytes(b"")
    cases["empty"] = d / "empty.erp"
    data = good.read_bytes()
    (d / "truncated.erp").write_bytes(data[: len(data) // 2])
    cases["truncated"] = d / "truncated.erp"
    cases["zip_bomb"] = _zip_with(good, d / "zipbomb.erp", {"data/bomb.bin": b"\0" * (64 << 20)})
    cases["gzip_bomb_member"] = d / "gzbomb.erp"
    rewrite_member(good, cases["gzip_bomb_member"], staff_member, lambda _b: _gzip_bomb())
    cases["traversal"] = _zip_with(good, d / "traversal.erp", {"../../evil.txt": b"x"})
    cases["absolute"] = _zip_with(good, d / "absolute.erp", {"/etc/evil.txt": b"x"})
    with pytest.warns(UserWarning):
        cases["duplicate_member"] = _zip_with(good, d / "dup.erp", {staff_member: b"x"})
    flipped = bytearray(data)
    flipped[data.find(b"data/training.jsonl.gz") + 200] ^= 0xFF
    (d / "flipped.erp").write_bytes(bytes(flipped))
    cases["flipped_byte"] = d / "flipped.erp"
    cases["edited_row"] = d / "edited.erp"
    rewrite_member(good, cases["edited_row"], staff_member, lambda b: gz_edit(b, '"active"', '"ended"'))
    cases["removed_member"] = d / "removed.erp"
    rewrite_member(good, cases["removed_member"], "data/credentials.jsonl.gz", None)
    cases["forged_member_hash"] = d / "forged_hash.erp"
    edit_manifest(good, cases["forged_member_hash"],
                  lambda m: m["members"][staff_member].update(sha256="0" * 64))
    cases["forged_counts"] = d / "forged_counts.erp"
    edit_manifest(good, cases["forged_counts"], lambda m: m["counts"].update(staff=m["counts"]["staff"] + 1))
    # The forged manifest: a member edited AND its hash and size rewritten to match; only the signature catches it.
    forged_staff = gz_edit(zipfile.ZipFile(good).read(staff_member), '"active"', '"ended"')
    step = d / "forged_step.erp"
    rewrite_member(good, step, staff_member, lambda _b: forged_staff)
    cases["forged_manifest"] = d / "forged_manifest.erp"
    edit_manifest(step, cases["forged_manifest"], lambda m: m["members"][staff_member].update(
        sha256=hashlib.sha256(forged_staff).hexdigest(), size=len(forged_staff)))
    cases["unsigned"] = d / "unsigned.erp"
    rewrite_member(good, cases["unsigned"], "signature.json", None)
    cases["manifest_not_json"] = d / "badjson.erp"
    rewrite_member(good, cases["manifest_not_json"], "manifest.json", lambda _b: b"{not json")
    cases["no_manifest"] = d / "nomanifest.erp"
    rewrite_member(good, cases["no_manifest"], "manifest.json", None)
    cases["newer_format"] = d / "newer.erp"
    edit_manifest(good, cases["newer_format"], lambda m: m.update(format_version=99))
    cases["wrong_office"] = w.other
    return cases


def test_hostile_packages_are_refused_and_write_nothing(pworld: PackageWorld, tmp_path: Path) -> None:
    cases = _package_cases(pworld, tmp_path)
    cases["wrong_period"] = pworld.good  # imported into a period it was not made for
    from desktop.services.year.periods import ensure_period

    ensure_period(pworld.county, 2024)
    assert len(cases) >= 16
    outcomes: dict[str, str] = {}
    for name, path in cases.items():
        before = row_counts(pworld.county)
        kw = {"school_year": 2024} if name == "wrong_period" else {}
        [result] = import_packages(pworld.county, [path], **kw).results  # type: ignore[arg-type]
        assert result.status == "refused", (name, result.status, result.message)
        assert CHINESE.search(result.message), (name, result.message)
        assert row_counts(pworld.county) == before, f"{name}: a refused package wrote rows"
        outcomes[name] = result.reason
    # …and the good package still imports afterwards (the refusals left nothing half-done).
    [ok] = import_packages(pworld.county, [pworld.good]).results
    assert ok.status == "imported", ok.message
    assert outcomes["forged_manifest"] == "bad_signature" and outcomes["unsigned"] == "unsigned"
    assert json.dumps(outcomes)  # reasons recorded per case for the report
