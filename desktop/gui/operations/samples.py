"""Data the screenshot tool (``gui/devtools/screenshots.py``) sets up, through the services."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.records import StaffRecord, UnitData
from desktop.gui.operations.setup import OpenedDatabase
from desktop.services.admin.database import Database, new_database
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.staff import list_staff
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period


def first_person(db: Database) -> StaffRecord:
    return list_staff(db)[0]


def county_with_school_package(home: Path, school_db: Database) -> OpenedDatabase:
    """A county database (龙川县) that has imported the demo school's package."""
    package = export_package(school_db, home / "packages").path
    db = new_database(home / "county.db")
    unit = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    period = ensure_period(db, 2025)
    import_packages(db, [package])
    return OpenedDatabase(home / "county.db", db, unit, period)
