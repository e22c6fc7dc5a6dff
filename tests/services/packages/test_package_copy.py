"""Packages into PostgreSQL by binary COPY (``data.bulk``, ``services.packages.staged_server``).

The server path must store exactly what SQLite stores for the same packages, with the
decode-ahead worker or without it; a package refused part-way (a bad row found while its
rows stream to the server) leaves nothing behind and the batch goes on; values that need
escaping in COPY's text format arrive unchanged; and the import works for a reviewer's or
an administrator's own login, under row-level security, pinning each new sender's key —
while a clerk's login is told to let a reviewer import, and no reviewer's login can replace
a pinned key (``data.roles.PIN_FIRST_USE``). The offices run on the server
(``make_db``), the reference office and the schools are SQLite files.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import psycopg
import pytest
from package_world import (
    CITY,
    COUNTY,
    make_office,
    make_school,
    read_table,
    repack,
    setup_office,
    signing_key_of,
)
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop.data.engine import Database
from desktop.data.models import Base, Setting, Staff, TrainingRecord, Unit
from desktop.data.roles import PIN_FIRST_USE, create_login, setup_roles
from desktop.exchange import tables as T
from desktop.exchange.package import EXTENSION
from desktop.exchange.verify import open_package
from desktop.services.core.errors import ServiceError
from desktop.services.packages.export import export_package, import_packages
from desktop.services.signing.package_keys import pinned_key, pinned_keys, signer_code
from tests.conftest import MakeDatabase
from tests.explained import explain_warnings

pytestmark = pytest.mark.postgres_only

#: Text COPY would have to escape every one of these; the binary format sends them as they are.
NOTE = "第一行\r\n第二行 \\N 反斜杠\\t 'single' \"double\" |竖线|"
ORGANISER = "河源市\\教师发展中心 \\N（中文）"
VERIFIED_AT = "2025-09-01T08:30:15"
#: Columns that differ between two databases by design: insert times, and the identity digest keyed per database.
_SKIP = {"created_at", "updated_at", "found_at", "id_digest", "received_at", "imported_at", "applied_at"}
_COMPARED = ("units", "staff", "credentials", "registrations", "training_records", "movements", "appraisals",
             "ethics_records", "staff_courses", "classes", "stage_capacities", "seat_additions", "seat_tasks",
             "explanations", "findings", "unit_periods")


def _awkward(package: Path, key: bytes, dest: Path) -> Path:
    """The package with values that need escaping, NULLs and a time in text, signed again by its school."""
    staff, training = read_table(package, "staff"), read_table(package, "training")
    note, major = T.STAFF.columns.index("note"), T.STAFF.columns.index("major")
    staff[0][note], staff[0][major] = NOTE, "汉语言文学\\师范"
    staff[1][note] = None
    org, cert, by, at = (T.TRAINING.columns.index(c) for c in ("organiser", "certificate_no", "verified_by",
                                                                "verified_at"))
    training[0][org], training[0][by], training[0][at] = ORGANISER, "张三", VERIFIED_AT
    training[1][org], training[1][cert] = None, None
    return repack(package, dest, key, {"staff": staff, "training": training})


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copy")
    folder = root / "packages"
    for i in (1, 2, 3):
        school = make_school(root, i)
        explain_warnings(school)
        path = export_package(school, root / "exported", with_returns=False).path
        if i == 3:
            _awkward(path, signing_key_of(school), folder / path.name)
        else:
            folder.mkdir(exist_ok=True)
            path.rename(folder / path.name)
        school.dispose()
    return folder


def _contents(db: Database) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.session() as s:
        for name in _COMPARED:
            table = Base.metadata.tables[name]
            cols = [c for c in table.columns if c.name not in _SKIP]
            out[name] = sorted((tuple(r) for r in s.execute(select(*cols))), key=repr)
    return out


def _office(make_db: MakeDatabase, name: str) -> Database:
    return setup_office(make_db(name), *COUNTY, "county", CITY[0])


def test_the_server_stores_what_sqlite_stores_with_and_without_the_worker(
    packages: Path, tmp_path: Path, make_db: MakeDatabase
) -> None:
    reference = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(reference, [packages], stage=False).count("imported") == 3
    staged, direct = _office(make_db, "staged"), _office(make_db, "direct")
    summary = import_packages(staged, [packages], stage=True)
    assert summary.count("imported") == 3
    assert summary.staged == 2  # the first group is read in-process while the worker starts
    assert import_packages(direct, [packages], stage=False).count("imported") == 3
    expected = _contents(reference)
    assert sum(len(rows) for rows in expected.values()) > 1500
    assert _contents(staged) == expected
    assert _contents(direct) == expected
    for server in (staged, direct):
        with server.session() as s:
            notes = set(s.scalars(select(Staff.note)))
            majors = set(s.scalars(select(Staff.major)))
            training = s.execute(select(TrainingRecord.organiser, TrainingRecord.verified_by,
                                        TrainingRecord.verified_at, TrainingRecord.start_date)).all()
        assert NOTE in notes and None in notes and "汉语言文学\\师范" in majors
        assert (ORGANISER, "张三", datetime.fromisoformat(VERIFIED_AT)) in {r[:3] for r in training}
        assert None in {r[0] for r in training}
        assert all(type(r[3]) is date for r in training)
    reference.dispose()


def _bad_copies(packages: Path, tmp_path: Path, char: str) -> Path:
    """Three packages: the first as it is, the second with a training uid the first already holds (refused by
    the server's unique index while its rows stream in), the third with ``char`` in a person's name (refused by
    the row checks while its staff rows stream in)."""
    folder = tmp_path / "bad"
    folder.mkdir()
    first, second, third = sorted(packages.glob(f"*{EXTENSION}"))
    (folder / first.name).write_bytes(first.read_bytes())
    school2 = Database.for_path(next(packages.parent.glob("school*-02.db")))
    school3 = Database.for_path(next(packages.parent.glob("school*-03.db")))
    training = read_table(second, "training")
    training[-1][0] = read_table(first, "training")[0][0]
    repack(second, folder / second.name, signing_key_of(school2), {"training": training})
    staff = read_table(third, "staff")
    staff[0][T.STAFF.columns.index("name")] = f"张{char}三"
    repack(third, folder / third.name, signing_key_of(school3), {"staff": staff})
    school2.dispose()
    school3.dispose()
    return folder


@pytest.mark.parametrize(("stage", "char"), [(True, "\x00"), (False, "\t")], ids=["staged-nul", "direct-tab"])
def test_a_package_refused_while_its_rows_stream_in_leaves_nothing_behind(
    packages: Path, tmp_path: Path, make_db: MakeDatabase, stage: bool, char: str
) -> None:
    folder = _bad_copies(packages, tmp_path, char)
    office = _office(make_db, f"bad{int(stage)}")
    results = import_packages(office, [folder], stage=stage).results
    assert [r.status for r in results] == ["imported", "refused", "refused"], [r.message for r in results]
    assert "未写入任何数据" in results[1].message
    assert "控制字符" in results[2].message and f"U+{ord(char):04X}" in results[2].message
    with office.session() as s:
        codes = set(s.scalars(select(Unit.code)))
        staff_units = set(s.scalars(select(Staff.unit_id).distinct()))
        training = s.scalars(select(TrainingRecord.uid)).all()
    assert results[0].unit_code in codes and not {results[1].unit_code, results[2].unit_code} & codes
    assert len(staff_units) == 1 and len(training) == 500 and len(set(training)) == 500
    # The batch's transaction is still sound: the refused packages go in once corrected.
    assert import_packages(office, [packages], stage=stage).count("imported") == 2


@pytest.fixture
def login_of(make_db: MakeDatabase) -> Iterator[tuple[Database, dict[str, Database]]]:
    """An office database with the server roles set up, and a Database opened as a clerk, a reviewer and an admin."""
    office = _office(make_db, "roles")
    tag = uuid.uuid4().hex[:8]
    names = {role: f"t_{role}_{tag}" for role in ("clerk", "reviewer", "admin")}
    with office.engine.begin() as conn:
        setup_roles(conn)
        for role, name in names.items():
            create_login(conn, name, f"pw-{name}", role)
    base = make_url(office.url)
    opened = {role: Database(base.set(username=name, password=f"pw-{name}").render_as_string(hide_password=False))
              for role, name in names.items()}
    yield office, opened
    for database in opened.values():
        database.dispose()
    office.dispose()
    with psycopg.connect(base.set(drivername="postgresql", database="postgres")
                         .render_as_string(hide_password=False), autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'DROP OWNED BY "{name}" CASCADE')  # type: ignore[arg-type]
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')  # type: ignore[arg-type]


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_a_reviewer_or_an_admin_login_imports_under_row_level_security(
    packages: Path, tmp_path: Path, login_of: tuple[Database, dict[str, Database]], role: str
) -> None:
    office, logins = login_of
    reference = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    import_packages(reference, [packages], stage=False)
    summary = import_packages(logins[role], [packages], stage=True, actor=f"t_{role}")
    assert summary.count("imported") == 3, [r.message for r in summary.results]
    assert _contents(office) == _contents(reference)
    reference.dispose()
    # Each sender's key is pinned on first use, in the name of the login that imported it.
    with office.session() as s, logins[role].session() as mine:
        pins = pinned_keys(s)
        login = mine.execute(text("SELECT session_user")).scalar_one()
    codes = {r.unit_code for r in summary.results}
    assert codes <= pins.keys() and len(codes) == 3
    assert {pins[c].pinned_by for c in codes} == {login if role == "reviewer" else f"t_{role}"}


def test_a_clerk_login_is_told_to_let_a_reviewer_import(
    packages: Path, login_of: tuple[Database, dict[str, Database]]
) -> None:
    office, logins = login_of
    with office.session() as s:
        before = s.scalar(select(func.count()).select_from(Unit))
    with pytest.raises(ServiceError, match="请由审核人或管理员登录后再导入") as caught:
        import_packages(logins["clerk"], [packages], stage=True, actor="t_clerk")
    assert "没有导入任何数据包" in str(caught.value)
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == before and not pinned_keys(s)


def test_a_reviewer_login_cannot_replace_a_pinned_key(
    packages: Path, login_of: tuple[Database, dict[str, Database]]
) -> None:
    office, logins = login_of
    first = sorted(packages.glob(f"*{EXTENSION}"))[0]
    with open_package(first) as reader:
        code, key = signer_code(reader.manifest), reader.signature.public_key  # type: ignore[union-attr]
    other = bytes(range(32))
    assert other != key
    with logins["reviewer"].session(write=True) as s:  # the first pin, through the definer function
        assert s.execute(text(f"SELECT {PIN_FIRST_USE}(:c, :k, 'x')"), {"c": code, "k": other}).scalar() is True
    with logins["reviewer"].session(write=True) as s:  # a second call adds nothing …
        assert s.execute(text(f"SELECT {PIN_FIRST_USE}(:c, :k, 'x')"), {"c": code, "k": key}).scalar() is False
    for statement in (f"UPDATE settings SET value = '{{}}' WHERE key = 'package_pin:{code}'",  # … nor by hand
                      f"DELETE FROM settings WHERE key = 'package_pin:{code}'",
                      "INSERT INTO settings (key, value) VALUES ('package_pin:000000', '{}')"):
        with pytest.raises(DBAPIError, match="permission denied"), logins["reviewer"].session(write=True) as s:
            s.execute(text(statement))
    for bad_code, bad_key in (("../x", key), ("package_pin:1", key), (code + "0", key[:31])):
        with pytest.raises(DBAPIError, match=r"not a unit code|not an Ed25519"), \
                logins["reviewer"].session(write=True) as s:
            s.execute(text(f"SELECT {PIN_FIRST_USE}(:c, :k, 'x')"), {"c": bad_code, "k": bad_key})
    with office.session() as s:
        assert pinned_key(s, code).public_key == other  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Setting)
                        .where(Setting.key.like("package_pin:%"))) == 1
    # So the package signed with the real key is refused for the reviewer: re-pinning is an admin's act.
    result = import_packages(logins["reviewer"], [first], stage=False, actor="t_reviewer").results[0]
    assert result.status == "refused" and result.reason == "key_mismatch", result.message
