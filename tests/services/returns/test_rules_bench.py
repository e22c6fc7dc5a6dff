"""The rule test bench: its counts equal a direct evaluation; the CLI prints them and refuses bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import and_, func, or_, select

from desktop.cli import main
from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, Staff, Unit
from desktop.services.core.errors import ServiceError
from desktop.services.returns.bench import bench_rule_file

RULES = '''
[[rules]]
code = "bench.few_teachers"
name = "专任教师少于3人"
left = "teachers"
op = ">="
right = "3"
severity = "warning"
message = "{unit}专任教师只有 {left} 人。"

[[rules]]
code = "bench.teachers_changed"
name = "专任教师人数变化"
left = "teachers"
op = "="
right = "prev_year(teachers)"
severity = "warning"
message = "{unit}专任教师 {left} 人，上年 {right} 人。"

[[rules]]
code = "bench.class_over_50"
name = "班额超过50人"
each = "class"
left = "enrolled"
op = "<="
right = "50"
severity = "error"
message = "{name} {enrolled} 人"
'''


def _in_post(census: date) -> object:  # written here again on purpose: an independent count
    return and_(or_(Staff.status == "active", Staff.end_date > census),
                or_(Staff.join_date.is_(None), Staff.join_date <= census))


def _direct(db: Database) -> dict[tuple[str, int], set[str]]:
    """rule, year → codes of the schools a hand evaluation flags."""
    out: dict[tuple[str, int], set[str]] = {}
    with db.session() as s:
        years = {p.school_year: p for p in s.scalars(select(Period))}
        schools = s.execute(select(Unit.id, Unit.code).where(Unit.kind == "school")).all()

        def teachers(uid: int, census: date) -> int:
            return s.scalar(select(func.count()).select_from(Staff).where(
                Staff.unit_id == uid, Staff.category == "11", _in_post(census))) or 0

        def reported(uid: int, period_id: int) -> bool:  # a year the school reported has its classes
            return bool(s.scalar(select(func.count()).select_from(SchoolClass).where(
                SchoolClass.unit_id == uid, SchoolClass.period_id == period_id)))

        for year, p in years.items():
            out[("bench.few_teachers", year)] = {c for uid, c in schools if teachers(uid, p.census_date) < 3}
            last = years.get(year - 1)
            out[("bench.teachers_changed", year)] = {
                c for uid, c in schools if last is not None and reported(uid, last.id)
                and teachers(uid, p.census_date) != teachers(uid, last.census_date)}
            big = s.execute(select(Unit.code).join(SchoolClass, SchoolClass.unit_id == Unit.id).where(
                SchoolClass.period_id == p.id, SchoolClass.enrolled > 50)).scalars()
            out[("bench.class_over_50", year)] = set(big)
    return out


def test_bench_counts_match_a_direct_evaluation(county, tmp_path: Path) -> None:
    path = tmp_path / "县局新规则.toml"
    path.write_text(RULES, encoding="utf-8")
    # B and A reported in 2024 too (their classes); a teacher of B left on 2025-06-30.
    with county.db.session(write=True) as s:
        b1 = s.scalars(select(Staff).where(Staff.name == "周七")).one()
        b1.status, b1.end_date, b1.end_reason = "ended", date(2025, 6, 30), "2"
        p2024 = s.scalars(select(Period).where(Period.school_year == 2024)).one().id
        for c in s.scalars(select(SchoolClass).where(SchoolClass.unit_id.in_([county.units["A"], county.units["B"]]))).all():
            s.add(SchoolClass(unit_id=c.unit_id, period_id=p2024, grade=c.grade, name=c.name, enrolled=c.enrolled))
    report = bench_rule_file(county.db, path, county.office)
    direct = _direct(county.db)
    assert {(ln.rule, ln.school_year) for ln in report.lines} == set(direct)
    for line in report.lines:
        flagged = {f.unit_code for f in line.flagged}
        assert flagged == direct[(line.rule, line.school_year)], (line.rule, line.school_year)
        assert line.flagged_units == len(flagged)
    changed = next(ln for ln in report.lines if ln.rule == "bench.teachers_changed" and ln.school_year == 2025)
    assert {f.unit_code for f in changed.flagged} == {"3144000002"}  # B lost 周七; A unchanged; K, H: 无上年数据
    assert changed.no_prev == 2
    first = next(ln for ln in report.lines if ln.rule == "bench.teachers_changed" and ln.school_year == 2020)
    assert first.no_prev == first.judged == 4 and not first.flagged  # 2019 is not in the database
    classes = next(ln for ln in report.lines if ln.rule == "bench.class_over_50" and ln.school_year == 2025)
    assert classes.judged == 11 and len(classes.flagged) == 3  # A 二年级 58, 三年级 70; H 高一 60

    if county.db.path is not None:
        assert main(["rules", "test", str(path), "--db", str(county.db.path), "--year", "2025"]) == 1


def test_bench_refuses_a_malformed_file_with_line_and_reason(county, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "坏规则.toml"
    path.write_text(RULES.replace('right = "50"', 'right = "fifty"'), encoding="utf-8")
    line = RULES.splitlines().index('code = "bench.class_over_50"') + 1
    with pytest.raises(ServiceError, match=f"规则文件“坏规则.toml”第 {line} 行：表达式“fifty”中的名称“fifty”不认识"):
        bench_rule_file(county.db, path, county.office)
    if county.db.path is not None:
        capsys.readouterr()
        assert main(["rules", "test", str(path), "--db", str(county.db.path)]) == 2
        assert f"第 {line} 行" in capsys.readouterr().err
