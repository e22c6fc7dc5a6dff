"""A small reporting chain for the package tests: 20 demo schools → a county → a city.

Each school is its own database (demo generator, distinct codes and seeds,
small sizes so the whole chain builds in well under a minute) and exports its
package into one folder, which a county database imports.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import UnitData
from desktop.services.demo import build_demo
from desktop.services.packages.export import ImportSummary, export_package, import_packages
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings

COUNTY = ("441622", "龙川县教育局")
CITY = ("441600", "河源市教育局")
SMALL = {"staff": 12, "training": 500, "classes": 8}


def new_db(path: Path) -> Database:
    db = Database.for_path(path)
    upgrade(db, backup_dir=path.parent / "backups")
    return db


def school_code(i: int, county: str = COUNTY[0]) -> str:
    return f"21{county}{i:02d}"


def make_school(folder: Path, i: int, *, county: str = COUNTY[0], seed: int | None = None) -> Database:
    db = new_db(folder / f"school{county}-{i:02d}.db")
    build_demo(db, "school", seed=seed if seed is not None else 1000 + i, school_code=school_code(i, county),
               school_name=f"测试第{i}学校", parent_code=county, school_size=SMALL)
    return db


def setup_office(db: Database, code: str, name: str, kind: str, parent: str) -> Database:
    """Make ``db`` (migrated, empty) an office: its home unit and the 2025 period."""
    create_home_unit(db, UnitData(code=code, name=name, kind=kind, parent_code=parent))
    ensure_period(db, 2025)
    return db


def make_office(path: Path, code: str, name: str, kind: str, parent: str) -> Database:
    return setup_office(new_db(path), code, name, kind, parent)


@dataclass
class World:
    root: Path
    schools: list[Database]
    school_folder: Path
    county: Database
    county_import: ImportSummary
    county_package: Path
    city: Database
    city_import: ImportSummary


def build_world(root: Path, n: int = 20) -> World:
    folder = root / "school-packages"
    schools = []
    for i in range(1, n + 1):
        db = make_school(root, i)
        explain_warnings(db)  # the rule for sending: every warning explained
        # Two schools carry the human-readable returns as well (the rest skip them to keep the test fast).
        export_package(db, folder, with_returns=i <= 2)
        schools.append(db)
    county = make_office(root / "county.db", *COUNTY, "county", CITY[0])
    summary = import_packages(county, [folder])
    explain_warnings(county)
    county_pkg = export_package(county, root / "county-package").path
    city = make_office(root / "city.db", *CITY, "city", "440000")
    city_summary = import_packages(city, [county_pkg])
    return World(root, schools, folder, county, summary, county_pkg, city, city_summary)


def rewrite_member(src: Path, dest: Path, member: str, edit: object) -> None:
    """Copy a package, passing one member's bytes through ``edit`` (None drops it); manifest untouched."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = edit(data) if callable(edit) else None  # type: ignore[assignment]
                if data is None:
                    continue
            zout.writestr(info.filename, data, compress_type=info.compress_type)


def edit_manifest(src: Path, dest: Path, change: object) -> None:
    def edit(data: bytes) -> bytes:
        raw = json.loads(data)
        change(raw)  # type: ignore[operator]
        return json.dumps(raw, ensure_ascii=False).encode()

    rewrite_member(src, dest, "manifest.json", edit)


def gz_edit(data: bytes, old: str, new: str) -> bytes:
    import gzip

    text = gzip.decompress(data).decode()
    assert old in text
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(text.replace(old, new, 1).encode())
    return buf.getvalue()


def read_table(pkg: Path, table: str) -> list[list[object]]:
    """The rows of one table of a package, decoded as the importer reads them."""
    import gzip

    from desktop.exchange.tables import member_name

    with zipfile.ZipFile(pkg) as zf:
        if member_name(table) not in zf.namelist():
            return []
        lines = gzip.decompress(zf.read(member_name(table))).splitlines()
    return [row for line in lines[1:] for row in json.loads(line)]


def signing_key_of(db: Database) -> bytes:
    from desktop.services.signing.package_keys import signing_key

    with db.session() as s:
        return signing_key(s)


def repack(src: Path, dest: Path, key: bytes, tables: dict[str, list[list[object]]] | None = None,
           change: object = None) -> Path:
    """A package as its signer could make it by hand: tables replaced, manifest edited, hashes and counts
    rewritten, signed again with ``key`` — every check on the way in passes except the ones under test."""
    import hashlib

    from desktop.exchange.package import encode_table
    from desktop.exchange.package_sign import SIGNATURE, sign_manifest
    from desktop.exchange.tables import member_name

    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        members = {n: zin.read(n) for n in zin.namelist() if n not in ("manifest.json", SIGNATURE)}
    for table, rows in (tables or {}).items():
        data, count = encode_table(table, rows)
        members[member_name(table)] = data
        manifest["members"][member_name(table)] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        manifest["counts"][table] = count
    if change is not None:
        change(manifest)  # type: ignore[operator]
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    with zipfile.ZipFile(dest, "w") as zout:
        zout.writestr("manifest.json", raw)
        zout.writestr(SIGNATURE, sign_manifest(key, raw))
        for name, data in members.items():
            zout.writestr(name, data)
    return dest
