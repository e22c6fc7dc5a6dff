"""Shared fixtures: real temporary databases built with ``alembic upgrade head``.

SQLite files by default; when ``EDURETURNS_TEST_DATABASE_URL`` names a PostgreSQL
server (``.ci/pg.sh start``), every ``db`` is a fresh database on that server and
tests marked ``sqlite_only`` (they test SQLite itself: files, PRAGMAs,
sqlite_master) are skipped; tests marked ``postgres_only`` need the server.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import PeriodRecord, UnitData, UnitRecord
from desktop.gui.compat import reserve_references
from tests.serverdb import ServerDatabases, server_url

# PySide6 6.12 on Python 3.11 loses a reference to None (and True) on calls such as
# ``QCoreApplication.processEvents()``, which pytest-qt makes around every test and in every
# ``waitUntil`` loop; the test tools' calls get the reserve the program gives itself.
reserve_references()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

# CI and developer machines are small shared 2-core boxes: a property test that is slow
# once under load is not a failure of the property. Examples and shrinking stay as they are.
settings.register_profile("edureturns", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("edureturns")

SCHOOL_CODE = "2144012345"  # 小学, Guangdong
COUNTY_CODE = "441622"  # 龙川县


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's data folder (settings, logs, demo databases) out of the real one."""
    monkeypatch.setenv("EDURETURNS_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def _this_pc_key_store() -> Iterator[object]:
    """Every test gets an empty key store of its own, in memory: never the developer's real one.

    A server database's package-signing key lives in the signing PC's key store
    (services/signing/key_store.py), so exporting from a server database needs one;
    CI machines have no OS key store. Tests that need a second PC install another.
    """
    import keyring

    from tests.keystore import MemoryKeyring

    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(_this_pc_key_store: object) -> object:
    """This test's own key store (the one ``_this_pc_key_store`` installed), for tests that look into it."""
    return _this_pc_key_store


@pytest.fixture
def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``os.fsync`` as Windows has it; returns the descriptors it flushed.

    On Windows ``os.fsync`` is FlushFileBuffers, which refuses a handle opened without
    write access (PermissionError, errno 13); Linux's fsync(2) accepts any handle, so a
    read-only open passed every test here and failed every backup on a clerk's PC. On
    Windows the real function is left in place; elsewhere only this OS edge is replaced,
    by one that checks the handle's access mode the way Windows does and then flushes.
    """
    flushed: list[int] = []
    if sys.platform == "win32":
        return flushed
    import fcntl

    real = os.fsync

    def flush_file_buffers(fd: int) -> None:
        # Files only: a directory cannot be opened on Windows at all (flush_directory skips it
        # there), while POSIX flushes one through the read-only handle it must use.
        is_file = stat.S_ISREG(os.fstat(fd).st_mode)
        if is_file and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise PermissionError(13, "Permission denied")
        real(fd)
        flushed.append(fd)

    monkeypatch.setattr(os, "fsync", flush_file_buffers)
    return flushed


_OTHER_WINDOW = """
import sys
from pathlib import Path
from desktop.data.engine import Database
from desktop.services.year.periods import ensure_period
db = Database.for_path(Path(sys.argv[1]))
ensure_period(db, 2031)  # writes beside the test process
print("ready", flush=True)
sys.stdin.read()  # stays open, idle, until the test closes our standard input
db.dispose()
"""


@pytest.fixture
def other_window(db: Database, db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process with the database open (as a second EduReturns window)."""
    proc = subprocess.Popen([sys.executable, "-c", _OTHER_WINDOW, str(db_path)],
                            cwd=Path(__file__).resolve().parents[1], text=True, encoding="utf-8",
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)


@pytest.fixture
def hold_open(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], contextlib.AbstractContextManager[None]]:
    """``with hold_open(path):`` keeps ``path`` open as another program would (Excel, a PDF reader).

    On Windows the file is really opened, and Windows refuses to replace an open file
    (a sharing violation). Linux lets an open file be replaced, so there only that OS
    edge is changed: ``os.replace`` of or onto a held file raises PermissionError as on Windows.
    """
    held: set[Path] = set()
    if sys.platform != "win32":
        real = os.replace

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], **kw: object) -> None:
            if {Path(src).resolve(), Path(dst).resolve()} & held:  # Windows renames neither from nor onto it
                raise PermissionError(13, "The process cannot access the file because it is being used "
                                          "by another process", str(dst))
            real(src, dst, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "replace", replace)

    @contextlib.contextmanager
    def hold(path: Path) -> Iterator[None]:
        with path.open("rb"):
            held.add(path.resolve())
            try:
                yield
            finally:
                held.discard(path.resolve())

    return hold


SQLITE_ONLY_REASON = "tests SQLite itself (files, PRAGMAs, sqlite_master); this run uses PostgreSQL"
POSTGRES_ONLY_REASON = "needs a PostgreSQL server: set EDURETURNS_TEST_DATABASE_URL (see .ci/pg.sh)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_server = server_url() is not None
    for item in items:
        if on_server and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason=SQLITE_ONLY_REASON))
        if not on_server and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason=POSTGRES_ONLY_REASON))


@pytest.fixture(scope="session")
def server_databases() -> Iterator[ServerDatabases | None]:
    url = server_url()
    if url is None:
        yield None
        return
    servers = ServerDatabases(url)
    yield servers
    servers.drop_all()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


MakeDatabase = Callable[..., Database]


@pytest.fixture
def make_db(tmp_path: Path, server_databases: ServerDatabases | None) -> Iterator[MakeDatabase]:
    """Factory for more databases on the engine under test: ``make_db("name", migrated=True)``."""
    made: list[Database] = []

    def make(name: str = "extra", *, migrated: bool = True) -> Database:
        if server_databases is None:
            database = Database.for_path(tmp_path / f"{name}.db")
        else:
            database = Database(server_databases.create(migrated=migrated))
        if migrated:
            upgrade(database, backup_dir=tmp_path / "backups")
        made.append(database)
        return database

    yield make
    for database in made:
        database.dispose()
        if server_databases is not None:
            server_databases.drop(database.url)


@pytest.fixture
def db(db_path: Path, server_databases: ServerDatabases | None) -> Iterator[Database]:
    """An empty database at the newest schema revision (SQLite file, or a server database)."""
    if server_databases is None:
        database = Database.for_path(db_path)
        upgrade(database, backup_dir=db_path.parent / "backups")
        yield database
        database.dispose()
        return
    database = Database(server_databases.create())
    upgrade(database)
    yield database
    database.dispose()
    server_databases.drop(database.url)


@pytest.fixture
def school(db: Database) -> UnitRecord:
    """A primary school as the home unit of ``db``."""
    from desktop.services.records.units import create_home_unit

    return create_home_unit(
        db,
        UnitData(code=SCHOOL_CODE, name="龙川县第一小学", kind="school", parent_code=COUNTY_CODE,
                 category="211", ownership="1", urban_rural="2"),
    )


@pytest.fixture
def period(db: Database) -> PeriodRecord:
    from desktop.services.year.periods import ensure_period

    return ensure_period(db, 2025)
