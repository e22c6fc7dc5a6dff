"""Demo data: deterministic, valid, with the planted findings the checks must find."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop.data.engine import Database
from desktop.domain.records import StaffData
from desktop.domain.validate import validate_staff
from desktop.services.core.errors import ServiceError
from desktop.services.demo import build_demo, count_rows
from desktop.services.records import staff
from tests.conftest import MakeDatabase


def test_school_demo_counts_and_every_person_is_valid(db: Database) -> None:
    summary = build_demo(db, "school")
    assert (summary.staff, summary.training, summary.classes) == (80, 8000, 30)
    assert count_rows(db) == {"units": 1, "staff": 80, "training": 8000, "classes": 30}
    people = staff.list_staff(db)
    fields = [f.name for f in dataclasses.fields(StaffData)]
    for p in people:
        assert validate_staff(StaffData(**{f: getattr(p, f) for f in fields}), today=date(2025, 9, 1)) == []
    assert any(ch in "".join(p.name for p in people) for ch in "堃喆赟玥䶮昇珺祎彧旻翀镕焜犇垚琍曌")
    assert summary.planted["class.large"] >= 1 and summary.planted["registration.overdue"] >= 1


def test_same_seed_builds_the_same_people(make_db: MakeDatabase) -> None:
    a, b = make_db("a"), make_db("b")
    build_demo(a, "school", seed=7)
    build_demo(b, "school", seed=7)
    assert [(p.name, p.id_number) for p in staff.list_staff(a)] == [(p.name, p.id_number) for p in staff.list_staff(b)]


def test_demo_refuses_a_database_that_has_data(db: Database) -> None:
    build_demo(db, "school")
    with pytest.raises(ServiceError):
        build_demo(db, "school")


def test_school_codes_are_distinct_across_the_city_and_valid() -> None:
    """Every county of the city demo gets its own 300 school codes (a city build once collided)."""
    import random

    from desktop.domain.unitcodes import validate_school_code
    from desktop.services.demo import CITY_COUNTIES
    from desktop.services.demo.schools import plan_schools

    codes: list[str] = []
    for code, name in CITY_COUNTIES:
        schools = plan_schools(random.Random(1), code, name, 8000, 2400)
        codes += [s.code for s in schools]
        assert not [f for s in schools for f in validate_school_code(s.code, s.category) if f.severity == "error"]
    assert len(codes) == len(set(codes)) == 300 * len(CITY_COUNTIES)
