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
        # Two schools carry the human-readable returns as well (the rest skip them to keep the test fast).
        export_package(db, folder, with_returns=i <= 2)
        schools.append(db)
    county = make_office(root / "county.db", *COUNTY, "county", CITY[0])
    summary = import_packages(county, [folder])
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
