"""The shared reads (data/queries.py): home unit, period of a year, the unit-tree walk."""

from __future__ import annotations

from datetime import date

from desktop.data import queries
from desktop.data.engine import Database
from desktop.data.models import Period, Unit

CENSUS_2025 = date(2025, 9, 1)


def _tree(db: Database) -> dict[str, int]:
    """City → two counties; county 441622 has three schools, one closed in the year, one before it."""
    with db.session(write=True) as s:
        city = Unit(code="441600", name="河源市", kind="city", is_home=True)
        s.add(city)
        s.flush()
        c1 = Unit(code="441622", name="龙川县", kind="county", parent_id=city.id)
        c2 = Unit(code="441623", name="连平县", kind="county", parent_id=city.id, closed_on=date(2024, 12, 31))
        s.add_all([c1, c2])
        s.flush()
        schools = [
            Unit(code="2144000002", name="二小", kind="school", parent_id=c1.id),
            Unit(code="2144000001", name="一小", kind="school", parent_id=c1.id, closed_on=date(2026, 3, 1)),
            Unit(code="2144000003", name="三小", kind="school", parent_id=c1.id, closed_on=date(2025, 6, 30)),
            Unit(code="2144000009", name="连平一小", kind="school", parent_id=c2.id),
        ]
        s.add_all(schools)
        s.add_all([Period(school_year=2024, census_date=date(2024, 9, 1)),
                   Period(school_year=2025, census_date=CENSUS_2025)])
        s.flush()
        return {u.code: u.id for u in [city, c1, c2, *schools]}


def test_home_unit_and_period_for_a_year(db: Database) -> None:
    with db.session() as s:
        assert queries.home_unit(s) is None
        assert queries.home_unit_id(s) is None
        assert queries.period_for_year(s, None) is None
    ids = _tree(db)
    with db.session() as s:
        home = queries.home_unit(s)
        assert home is not None and home.code == "441600"
        assert queries.home_unit_id(s) == ids["441600"]
        latest = queries.period_for_year(s, None)
        assert latest is not None and latest.school_year == 2025
        p2024 = queries.period_for_year(s, 2024)
        assert p2024 is not None and p2024.census_date == date(2024, 9, 1)
        assert queries.period_for_year(s, 2019) is None


def test_the_walk_gives_parents_before_children_in_code_order_with_closed_units_when_asked(db: Database) -> None:
    ids = _tree(db)
    with db.session() as s:
        rows = queries.unit_tree(s, ids["441600"], include_closed=True)
        assert [r.code for r in rows] == ["441600", "441622", "441623",
                                          "2144000001", "2144000002", "2144000003", "2144000009"]
        below = queries.unit_tree(s, ids["441600"], include_closed=True, include_root=False)
        assert [r.code for r in below] == [r.code for r in rows[1:]]
        named = queries.unit_tree(s, ids["441622"], include_closed=True, columns=(Unit.name,))
        assert [r.name for r in named] == ["龙川县", "一小", "二小", "三小"]
        assert queries.unit_tree(s, 999_999, include_closed=True) == []


def test_a_school_closed_during_the_year_counts_for_that_year_only(db: Database) -> None:
    ids = _tree(db)
    county = ids["441622"]
    with db.session() as s:
        in_2025 = queries.school_ids(s, county, include_closed=False, counted_on=CENSUS_2025)
        in_2026 = queries.school_ids(s, county, include_closed=False, counted_on=date(2026, 9, 1))
        today = queries.school_ids(s, county, include_closed=False)
        everything = queries.school_ids(s, county, include_closed=True)
    # 一小 closed 2026-03-01, during 2025学年: it reported for 2025 and counts there.
    # 三小 closed 2025-06-30, before the 2025 census: it never counts for 2025.
    assert sorted(in_2025) == sorted([ids["2144000001"], ids["2144000002"]])
    assert in_2026 == [ids["2144000002"]]
    assert today == [ids["2144000002"]]
    assert sorted(everything) == sorted([ids["2144000001"], ids["2144000002"], ids["2144000003"]])


def test_a_closed_office_takes_its_schools_out_of_the_walk(db: Database) -> None:
    ids = _tree(db)
    with db.session() as s:
        counted = queries.school_ids(s, ids["441600"], include_closed=False, counted_on=CENSUS_2025)
        recorded = queries.school_ids(s, ids["441600"], include_closed=True)
    assert ids["2144000009"] not in counted
    assert ids["2144000009"] in recorded


def test_a_school_gives_itself_even_when_closed(db: Database) -> None:
    ids = _tree(db)
    with db.session() as s:
        assert queries.school_ids(s, ids["2144000003"], include_closed=False, counted_on=CENSUS_2025) == [
            ids["2144000003"]]


def test_counts_on() -> None:
    assert queries.counts_on(None, None)
    assert queries.counts_on(date(2026, 3, 1), CENSUS_2025)
    assert not queries.counts_on(CENSUS_2025, CENSUS_2025)
    assert not queries.counts_on(date(2026, 3, 1), None)


def test_as_stored_selects_the_same_dates_as_the_column(db: Database) -> None:
    """``as_stored`` (no SQLite affinity) filters a DATE column exactly like the column itself."""
    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql, sqlite

    ids = _tree(db)
    with db.session() as s:
        for bound in (date(2024, 12, 31), date(2025, 6, 30), date(2026, 3, 1), date(1999, 1, 1)):
            for cmp in ("__gt__", "__ge__", "__lt__", "__le__", "__eq__"):
                plain = set(s.scalars(select(Unit.id).where(getattr(Unit.closed_on, cmp)(bound))))
                stored = set(s.scalars(select(Unit.id).where(getattr(queries.as_stored(Unit.closed_on), cmp)(bound))))
                assert stored == plain, (bound, cmp)
        assert set(s.scalars(select(Unit.id).where(queries.as_stored(Unit.closed_on) > date(2025, 1, 1)))) == {
            ids["2144000001"], ids["2144000003"]}
    query = select(Unit.id).where(queries.as_stored(Unit.closed_on) > date(2025, 1, 1))
    assert "+units.closed_on >" in str(query.compile(dialect=sqlite.dialect()))
    assert "+units.closed_on" not in str(query.compile(dialect=postgresql.dialect()))
