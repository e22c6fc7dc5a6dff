"""上年、本年、增减（%） in the returns: equal to an independent count, marked beyond the band in Excel and PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import and_, func, or_, select

from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, Staff, Unit
from desktop.domain.numbers import rounded
from desktop.services.demo import build_demo
from desktop.services.records.classes import edit_class
from desktop.services.records.staff import end_staff
from desktop.services.returns.build import build_returns, export_returns
from desktop.services.year.rollover import apply_rollover
from tests.pdfread import pdf_text


def _teachers(db: Database, unit: int, census: date, stage: str | None = None) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Staff).where(
            Staff.unit_id == unit, Staff.category == "11",
            or_(Staff.status == "active", Staff.end_date > census),
            or_(Staff.join_date.is_(None), Staff.join_date <= census),
            *([Staff.teaching_stage == stage] if stage else []))) or 0


def _classes(db: Database, period: int, prefix: str = "") -> tuple[int, int, int]:
    with db.session() as s:
        rows = s.execute(select(SchoolClass.enrolled).where(
            SchoolClass.period_id == period, SchoolClass.grade.like(f"{prefix}%"))).scalars().all()
    return len(rows), sum(rows), sum(1 for n in rows if 56 <= n <= 65)


def _change(now: float, last: float) -> float | None:
    return rounded((now - last) * 100 / last, 1) if last else None


def test_yoy_columns_equal_an_independent_count_and_are_marked(db: Database, tmp_path: Path) -> None:
    build_demo(db, "school")
    with db.session() as s:
        unit = s.scalars(select(Unit)).one().id
        first = s.scalars(select(Period)).one()
        census0 = first.census_date
    second = apply_rollover(db, unit, first.id).period
    with db.session() as s:
        staff = s.scalars(select(Staff.id).where(Staff.unit_id == unit, Staff.category == "11",
                                                 Staff.teaching_stage == "primary").order_by(Staff.id)).all()
        p1 = s.scalars(select(SchoolClass.id).where(and_(SchoolClass.period_id == second.id,
                                                         SchoolClass.grade == "P1"))).all()[:3]
    for sid in staff[:4]:
        end_staff(db, sid, date(2026, 6, 30), "退休")
    for cid in p1:
        edit_class(db, cid, {"enrolled": 57})

    structure, profile, credentials, training = build_returns(
        db, ["structure", "profile", "credentials", "training"], unit, second.id)
    lines = {(ln.row_label, ln.column): ln for ln in structure.yoy}
    total = lines[("总计", "teachers")]
    last, now = _teachers(db, unit, census0), _teachers(db, unit, second.census_date)
    assert (total.last, total.now, total.change) == (last, now, _change(now, last))
    prim = lines[("小学", "teachers")]
    p_last, p_now = _teachers(db, unit, census0, "primary"), _teachers(db, unit, second.census_date, "primary")
    assert (prim.last, prim.now, prim.change) == (p_last, p_now, _change(p_now, p_last))
    assert prim.beyond == (abs(_change(p_now, p_last) or 0) > 5)
    assert p_now == p_last - 4

    plines = {(ln.row_label, ln.column): ln for ln in profile.yoy}
    for label, prefix in (("总计", ""), ("小学", "P"), ("初中", "J")):
        (c0, e0, l0), (c1, e1, l1) = _classes(db, first.id, prefix), _classes(db, second.id, prefix)
        for key, a, b in (("classes", c0, c1), ("enrolled", e0, e1), ("large", l0, l1)):
            line = plines[(label, key)]
            assert (line.last, line.now, line.change) == (a, b, _change(b, a)), (label, key)
            assert line.beyond == ((abs(_change(b, a) or 0) > 5) or (a == 0 and b != 0))
    assert {ln.column for ln in credentials.yoy} == {"teachers", "holders", "matching", "reg_over"}
    assert next(ln for ln in credentials.yoy if ln.row_label == "总计" and ln.column == "teachers").now == now
    assert {(ln.row_label, ln.column) for ln in training.yoy} == {("合计", "hours")}  # the school layout has one
    # Not part of what this year's data say: the fingerprint is the same with or without them.
    from dataclasses import replace
    assert replace(structure, yoy=()).fingerprint == structure.fingerprint

    out = tmp_path / "out"
    paths = export_returns(db, unit, second.id, ["structure", "profile"], ["xlsx", "pdf"], out)
    xlsx = next(p for p in paths if p.suffix == ".xlsx")
    ws = load_workbook(xlsx)[load_workbook(xlsx).sheetnames[0]]
    rows = [[c for c in r if c.value is not None] for r in ws.iter_rows()]
    found = {r[0].value: r for r in rows if r and isinstance(r[0].value, str) and " · " in r[0].value}
    cells = found["总计 · 专任教师合计"]
    assert [c.value for c in cells[1:4]] == [last, now, _change(now, last)]
    marked = found["小学 · 专任教师合计"]
    assert marked[-1].value == "※" and marked[-1].style == "er_mark"
    calm = [r for k, r in found.items() if not any(c.value == "※" for c in r)]
    assert calm and all(c.style != "er_mark" for r in calm for c in r)
    text = pdf_text(next(p for p in paths if p.suffix == ".pdf"))
    assert "与上年比较" in text and "2025学年→2026学年" in text
    line = next(t for t in text.splitlines() if "小学 · 专任教师合计" in t)
    assert line.split()[-1] == "※" and str(p_now) in line.split()


def test_first_year_prints_no_yoy_lines(db: Database) -> None:
    build_demo(db, "school")
    with db.session() as s:
        unit = s.scalars(select(Unit)).one().id
        period = s.scalars(select(Period)).one().id
    (structure,) = build_returns(db, ["structure"], unit, period)
    assert structure.yoy == ()
