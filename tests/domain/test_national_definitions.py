"""National form definitions and mapping tables: one test per mapping row, and the loader's refusals."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.codes import PoliticalStatus, Post, StaffCategory, Subject, Title
from desktop.domain.national import NationalSet, load_set
from desktop.domain.national.checks import check_ages, check_cross, check_form
from desktop.domain.national.definition import NationalDefinitionError, load_definition
from desktop.domain.national.engine import StaffFacts, fill, to_person
from desktop.domain.national.mappings import SPECS, MappingError, load_mappings

ROOT = Path(__file__).resolve().parents[2] / "templates" / "national"
CENSUS = date(2025, 9, 1)


@pytest.fixture(scope="module")
def nset() -> NationalSet:
    return load_set(ROOT / "2026", ROOT / "mappings")


def _rows(file: str) -> list[tuple[int, str, str]]:
    with (ROOT / "mappings" / file).open(encoding="utf-8") as f:
        return [(n, a, b) for n, (a, b) in enumerate(list(csv.reader(f))[1:], start=2)]


def _teacher(**kw: object) -> StaffFacts:
    base: dict[str, object] = dict(id=1, name="张三", unit_id=1, gender="2", birth_date=date(1990, 9, 2),
                                   ethnicity="01", political_status="13", category="11", employment_form="1",
                                   teaching_stage="primary", subject="01", main_course=None, education="21",
                                   title="9")
    return StaffFacts(**(base | kw))  # type: ignore[arg-type]


def _where(nset: NationalSet, form: str, person: StaffFacts) -> tuple[set[str], set[str]]:
    """The rows and columns of ``form`` that count ``person``."""
    filled = fill(nset.form(form), [to_person(person, nset.mappings, CENSUS)])
    return {r for r, _ in filled.people}, {c for _, c in filled.people}


@pytest.mark.parametrize(("line", "left", "right"), _rows("staff_category_column.csv"))
def test_staff_category_row_counts_in_its_4149_column(nset: NationalSet, line: int, left: str, right: str) -> None:
    code = StaffCategory.from_label(left)
    assert code is not None
    _, cols = _where(nset, "教基4149", _teacher(category=code.value, teaching_stage=None))
    named = {nset.form("教基4149").column(c).name for c in cols}
    assert named == {"教职工数", right}


@pytest.mark.parametrize(("line", "left", "right"), _rows("title_level.csv"))
def test_title_row_counts_in_its_4153_level_row(nset: NationalSet, line: int, left: str, right: str) -> None:
    code = Title.from_label(left)
    assert code is not None
    rows, _ = _where(nset, "教基4153", _teacher(title=code.value, gender="1"))
    assert {nset.form("教基4153").row(r).name for r in rows} == {"小学", right}


@pytest.mark.parametrize(("line", "left", "right"), _rows("subject_course.csv"))
def test_subject_row_counts_in_its_4155_course_column(nset: NationalSet, line: int, left: str, right: str) -> None:
    code = Subject.from_label(left)
    assert code is not None
    _, cols = _where(nset, "教基4155", _teacher(main_course=code.value, gender="1"))
    named = {nset.form("教基4155").column(c).name for c in cols} - {"合计"}
    group = {"英语": "外语", "日语": "外语", "俄语": "外语", "音乐": "艺术", "美术": "艺术"}.get(right)
    assert named == {right, *([group] if group else [])}


@pytest.mark.parametrize(("line", "left", "right"), _rows("political_column.csv"))
def test_political_row_counts_in_its_4067_column(nset: NationalSet, line: int, left: str, right: str) -> None:
    code = PoliticalStatus.from_label(left)
    assert code is not None
    _, cols = _where(nset, "教基4067", _teacher(political_status=code.value))
    assert {nset.form("教基4067").column(c).name for c in cols} == ({right} if right else set())


def test_age_is_counted_at_the_census_date(nset: NationalSet) -> None:
    d = nset.form("教基4153")
    for birth, band in ((date(2001, 9, 1), "24岁及以下"), (date(2000, 9, 1), "25-29岁"), (date(2000, 9, 2), "24岁及以下"),
                        (date(1965, 9, 1), "60岁及以上"), (date(1965, 9, 2), "55-59岁")):
        _, cols = _where(nset, "教基4153", _teacher(birth_date=birth, gender="1"))
        assert {d.column(c).name for c in cols} == {"合计", band}, birth


def test_main_course_wins_and_not_teaching_has_no_course(nset: NationalSet) -> None:
    d = nset.form("教基4155")
    _, cols = _where(nset, "教基4155", _teacher(subject="01", main_course="02", gender="1"))
    assert {d.column(c).name for c in cols} == {"合计", "数学"}
    _, cols = _where(nset, "教基4155", _teacher(subject="01", main_course="02", gender="1", not_teaching=True))
    assert {d.column(c).name for c in cols} == {"合计", "本学年不授课"}


def test_every_shipped_form_loads_with_its_header_block(nset: NationalSet) -> None:
    assert [f.form for f in nset.forms] == ["教基4149", "教基4153", "教基4155", "教基4067", "教基2105", "教基2106",
                                            "教基2107", "教基4148", "教基4159", "教基4150"]
    for f in nset.forms:
        assert f.header["表号"] == f.form and f.header["制表机关"] == "教育部" and f.header["批准机关"] == "国家统计局"
        assert [c.code for c in f.columns] == [str(i) for i in range(1, len(f.columns) + 1)]
        assert [r.code for r in f.rows] == [f"{i:02d}" for i in range(1, len(f.rows) + 1)]
        assert f.relations


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT, tmp_path / "national")
    return tmp_path / "national"


@pytest.mark.parametrize(("old", "new", "expect"), [
    ('name = "#女", where = { gender = "女" }', 'name = "#女", where = { sex = "女" }', "第 28 行：条件“sex”不在查询词表中"),
    ('name = "#女", where = { gender = "女" }', 'name = "#女", where = { gender = "妇女" }', "第 28 行：条件“gender”的值“妇女”"),
    ('{ code = "03", name = "#少数民族"', '{ code = "02", name = "#少数民族"', "第 29 行：rows 中代码“02”重复"),
    ('"(1)=(2)+(3)+(4)+(5)+(6)"', '"(1)=(2)+(9)"', "中的 (9) 不是本表的栏代码"),
    ('{ category = "专任教师", external', '{ category = "教师", external', "第 17 行：条件“category”的值“教师”不是映射表"),
    ('title = "中小学教职工"', 'title = "中小学教职工', "第 5 行：不是有效的 TOML"),
])
def test_a_malformed_definition_is_refused_naming_file_and_line(tmp_path: Path, old: str, new: str,
                                                              expect: str) -> None:
    folder = _copy(tmp_path)
    path = folder / "2026" / "教基4149.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(NationalDefinitionError) as err:
        load_definition(path)
    assert str(err.value).startswith("报表定义 教基4149.toml") and expect in str(err.value)


@pytest.mark.parametrize(("file", "old", "new", "expect"), [
    ("title_level.csv", "一级,中级", "一級,中级", "第 4 行：“一級”不是职称的代码或名称"),
    ("title_level.csv", "一级,中级", "一级,中等", "第 4 行：“中等”不是报表的级别"),
    ("title_level.csv", "三级,员级\n", "", "缺少 三级 的映射"),
    ("staff_category_column.csv", "工勤人员,工勤人员", "工勤人员,", "第 5 行：“”不是报表的4149列"),
])
def test_a_malformed_mapping_is_refused_naming_file_and_line(tmp_path: Path, file: str, old: str, new: str,
                                                           expect: str) -> None:
    folder = _copy(tmp_path) / "mappings"
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mappings(folder)
    assert f"映射表 {file}" in str(err.value) and expect in str(err.value)


def test_every_code_of_each_table_is_mapped() -> None:
    m = load_mappings(ROOT / "mappings")
    for spec in SPECS:
        assert set(m.tables[spec.key]) == {c.value for c in spec.table}


def test_class_forms_count_classes_by_size_band(nset: NationalSet) -> None:
    from desktop.domain.national.engine import ClassFacts, class_item

    d = nset.form("教基2106")
    assert d.subject == "classes"
    classes = [class_item(ClassFacts(i, f"{i}班", 1, g, n)) for i, (g, n) in
               enumerate([("P1", 25), ("P1", 26), ("P3", 56), ("P6", 66), ("J1", 40)], start=1)]
    filled = fill(d, classes)
    named = {(d.row(r).name, d.column(c).name): ids for (r, c), ids in filled.people.items()}
    assert named[("总计", "合计")] == [1, 2, 3, 4]
    # The 班额 bands are rows (the public importer reads the ≤40 bands as rows 02–05 of column (1)).
    assert named[("25人及以下", "一年级")] == [1] and named[("26-30人", "一年级")] == [2]
    assert named[("56-60人", "三年级")] == [3] and named[("66人及以上", "六年级")] == [4]
    assert [r.name for r in d.rows[1:5]] == ["25人及以下", "26-30人", "31-35人", "36-40人"]
    assert [r.name for r in nset.form("教基2107").rows[1:6]][-1] == "41-45人"
    assert check_form(filled) == []


def test_a_class_form_refuses_a_people_condition(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "2026" / "教基2106.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("size = [0, 25]", 'gender = "女"'),
                    encoding="utf-8")
    with pytest.raises(NationalDefinitionError, match="条件“gender”不在查询词表中，应为 stage、grade、size 之一"):
        load_definition(path)


def test_logic_checks_find_gaps_and_name_the_people(nset: NationalSet) -> None:
    ok = _teacher(id=1)
    no_stage = _teacher(id=2, teaching_stage=None)
    no_course = _teacher(id=3, subject=None)
    no_birth = _teacher(id=4, birth_date=None)
    people = [to_person(p, nset.mappings, CENSUS) for p in (ok, no_stage, no_course, no_birth)]
    filled = {f.form: fill(f, people) for f in nset.forms}
    cross = check_cross(nset.cross, filled)
    assert [(c.rule, c.staff_ids) for c in cross] == [
        ("专任教师：教基4149 专任教师 = 教基4153 各学段合计", (2,)),
        ("女专任教师：教基4149 专任教师#女 = 教基4153 各学段#女", (2,))]
    f4155 = check_form(filled["教基4155"])
    assert {f.rule for f in f4155} == {"(1)=(3)+(4)+(5)+(6)+(10)+(11)+(12)+(13)+(14)+(15)+(16)+(17)+(18)+(21)+(22)+(23)+(24)"}
    assert all(3 in f.staff_ids for f in f4155)
    f4153 = check_form(filled["教基4153"])
    assert f4153 and all(4 in f.staff_ids for f in f4153)
    ages = check_ages(people, [1, 3, 4])
    assert [a.staff_ids for a in ages] == [(4,)]


@pytest.mark.parametrize(("line", "left", "right"), _rows("post_kg_column.csv"))
def test_post_row_counts_in_its_4148_column(nset: NationalSet, line: int, left: str, right: str) -> None:
    """A 幼儿园 post with a column counts there; a blank one falls back to the 教职工类别 (专任教师 or 其他)."""
    code = Post.from_label(left)
    assert code is not None
    for category, fallback in ((StaffCategory.TEACHER, "专任教师"), (StaffCategory.WORKER, "其他")):
        _, cols = _where(nset, "教基4148", _teacher(post=code.value, category=category.value))
        named = {nset.form("教基4148").column(c).name for c in cols}
        assert named == {"教职工数", right or fallback}


def test_4159_counts_kindergarten_heads_and_teachers_by_education_level_and_age(nset: NationalSet) -> None:
    head = _teacher(post="04", education="11", title="1", birth_date=date(1965, 9, 2), ethnicity="08")
    rows, cols = _where(nset, "教基4159", head)
    f = nset.form("教基4159")
    assert {f.row(r).name for r in rows} == {"园长", "#女", "#少数民族"} and {"01", "02", "03"} == rows
    assert {f.column(c).name for c in cols} == {"合计", "博士研究生", "正高级", "55-59岁"}
    rows, cols = _where(nset, "教基4159", _teacher(education="71", title="5", birth_date=date(1965, 9, 1)))
    assert rows == {"04", "05"} and {f.column(c).name for c in cols} == {"合计", "高中阶段以下", "员级", "60岁及以上"}
    assert _where(nset, "教基4159", _teacher(post="07", category="12")) == (set(), set())  # 保育员: not here
