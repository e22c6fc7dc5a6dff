"""An independent count of a national form cell in plain SQL (for the tests only).

It reads the same definition files and mapping CSVs as the app (they are the
specification) but evaluates them in SQLite, not through ``domain.national.engine``:
the in-post rule, the age at the census date, the main 任教课程 and the mappings are
written out here again as SQL.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date
from pathlib import Path

from desktop.domain.national.definition import Condition, FormDefinition

MAPPINGS = Path(__file__).resolve().parents[3] / "templates" / "national" / "mappings"
_FILES = {"category": ("staff_category_column.csv", "staff_category"), "level": ("title_level.csv", "title"),
          "course": ("subject_course.csv", "subject"), "political": ("political_column.csv", "political"),
          "kg_column": ("post_kg_column.csv", "post")}
_COLUMN = {"category": "s.category", "level": "s.title", "political": "s.political_status",
           "course": "CASE WHEN s.not_teaching THEN NULL ELSE COALESCE((SELECT c.course FROM staff_courses c "
                     "WHERE c.staff_id = s.id AND c.main ORDER BY c.id LIMIT 1), s.subject) END"}


def _codes(table: str) -> dict[str, str]:
    """label/alias → code, read from the code table by name (the only app import used)."""
    from desktop.domain.codes import PoliticalStatus, Post, StaffCategory, Subject, Title

    enum = {"staff_category": StaffCategory, "title": Title, "subject": Subject, "political": PoliticalStatus,
            "post": Post}[table]
    out: dict[str, str] = {}
    for m in enum:
        for key in (m.value, m.label, *m.aliases):
            out.setdefault(key, m.value)
    return out


def mapped_codes(key: str, target: str) -> list[str]:
    file, table = _FILES[key]
    codes = _codes(table)
    with (MAPPINGS / file).open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return [codes[a.strip()] for a, b in rows if b.strip() == target]


def _kg_column_sql() -> str:
    """The 教基4148 column: the post's column if the post has one, else 专任教师 by 教职工类别, else 其他."""
    whens = [f"WHEN s.post IN ({', '.join(repr(c) for c in codes)}) THEN '{target}'"
             for target in ("园长", "专任教师", "卫生保健人员", "保育员", "其他")
             if (codes := mapped_codes("kg_column", target))]
    teachers = ", ".join(repr(c) for c in mapped_codes("category", "专任教师"))
    return f"(CASE {' '.join(whens)} WHEN s.category IN ({teachers}) THEN '专任教师' ELSE '其他' END)"


def _sql(cond: Condition, census: date) -> str:
    k = cond.key
    if k == "kg_column":
        return f"({_kg_column_sql()} IN ({', '.join(repr(str(v)) for v in cond.values)}))"
    if cond.age is not None:
        age = (f"(CAST(strftime('%Y', '{census}') AS INTEGER) - CAST(strftime('%Y', s.birth_date) AS INTEGER)"
               f" - (strftime('%m-%d', s.birth_date) > '{census:%m-%d}'))")
        return f"(s.birth_date IS NOT NULL AND {age} BETWEEN {cond.age[0]} AND {cond.age[1]})"
    flags = {"not_teaching": "s.not_teaching", "external": "s.external_teacher", "foreign": "s.foreign_national",
             "established": "(s.employment_form = '1')", "silver": "(s.employment_form = '6')",
             "minority": "(s.ethnicity IS NOT NULL AND s.ethnicity NOT IN ('01', '98'))"}
    if k in flags:
        (value,) = cond.values
        return f"({flags[k]} = {1 if value else 0})"
    if k in _COLUMN:
        codes = [c for t in cond.values for c in mapped_codes(k, str(t))]
        return f"({_COLUMN[k]} IN ({', '.join(repr(c) for c in codes) or 'NULL'}))"
    column = {"gender": "s.gender", "stage": "s.teaching_stage", "education": "s.education",
              "overseas": "s.overseas"}[k]
    return f"({column} IN ({', '.join(repr(str(v)) for v in cond.values)}))"


def _class_sql(cond: Condition) -> str:
    from desktop.domain.codes import Grade, Stage

    if cond.key == "size":
        assert cond.age is not None
        return f"(c.enrolled BETWEEN {cond.age[0]} AND {cond.age[1]})"
    if cond.key == "grade":
        grades = [str(v) for v in cond.values]
    else:  # stage: the grades of the stage (特教班 SP is 特教)
        grades = [g.value for g in Grade if g.stage in {Stage(str(v)) for v in cond.values}]
    return f"(c.grade IN ({', '.join(repr(g) for g in grades)}))"


def count_cell(conn: sqlite3.Connection, d: FormDefinition, row: str, col: str, unit_ids: list[int],
               census: date) -> int:
    conds = [*d.population, *d.row(row).where, *d.column(col).where]
    if d.subject == "classes":
        where = " AND ".join(_class_sql(c) for c in conds) or "1"
        sql = (f"SELECT COUNT(*) FROM classes c JOIN periods p ON p.id = c.period_id "
               f"WHERE p.census_date = '{census}' AND c.unit_id IN ({', '.join(map(str, unit_ids))}) AND {where}")
        return int(conn.execute(sql).fetchone()[0])
    where = " AND ".join(_sql(c, census) for c in conds) or "1"
    sql = (f"SELECT COUNT(*) FROM staff s WHERE s.unit_id IN ({', '.join(map(str, unit_ids))}) "
           f"AND (s.status = 'active' OR s.end_date > '{census}') "
           f"AND (s.join_date IS NULL OR s.join_date <= '{census}') AND {where}")
    return int(conn.execute(sql).fetchone()[0])
