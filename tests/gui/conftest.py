"""GUI fixtures: a real temporary database with a few people, the context and main window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.domain.records import (
    ClassData,
    CredentialData,
    PeriodRecord,
    RegistrationData,
    StaffData,
    UnitRecord,
)
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.look import apply_look
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.records import classes, credentials, staff, training

# Valid resident IDs (GB 11643 check digit) for the people below.
ZHANG_SAN_ID = "44162219850312001X"
PEOPLE = (
    ("张三", "11", "primary", "01"),
    ("李四", "11", "primary", "02"),
    ("王芳", "11", "primary", "03"),
    ("欧阳娜娜", "12", None, None),
)


def resident_id(region: str, birth: str, seq: str) -> str:
    from desktop.domain.idcard import id_check_char

    first17 = region + birth + seq
    return first17 + id_check_char(first17)


@pytest.fixture(scope="session", autouse=True)
def _look(qapp: object) -> None:
    apply_look(qapp)  # type: ignore[arg-type]


# How long a test waits for background work before calling it stuck. A ceiling, not a speed
# target (those live in benchmarks/): the wait ends as soon as the work is done. Under Wine on a
# loaded CI machine one PKCS#12 decryption and PDF signature has taken more than 10 s.
WORKER_TIMEOUT_MS = 60_000


@pytest.fixture
def taskman(qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    qtbot.waitUntil(lambda: manager.pending == 0, timeout=WORKER_TIMEOUT_MS)
    manager.shutdown()


def wait_idle(qtbot: QtBot, taskman: TaskManager) -> None:
    """Let the worker finish and its results arrive on the main thread."""
    qtbot.waitUntil(lambda: taskman.pending == 0, timeout=WORKER_TIMEOUT_MS)


@pytest.fixture
def staffed(db: Database, school: UnitRecord, period: PeriodRecord) -> dict[str, int]:
    """Four people, a certificate, some training and two classes in the school."""
    ids: dict[str, int] = {}
    for i, (name, category, stage, subject) in enumerate(PEOPLE):
        number = resident_id("441622", f"1985031{i}", f"00{i + 1}")
        rec = staff.create_staff(db, school.id, StaffData(name=name, id_number=number, category=category,
                                                          teaching_stage=stage, subject=subject, education="21"))
        ids[name] = rec.id
    cred = credentials.create_credential(db, ids["张三"], CredentialData(kind="teacher", cert_type="2", number="20104400121000001",
                                                                       issue_date=date(2010, 7, 1)))
    credentials.add_registration(db, cred.id, RegistrationData(reg_date=date(2019, 6, 1), result="1"))
    from desktop.domain.records import TrainingData

    training.create_training(db, ids["李四"], TrainingData(
        title="县级班主任培训", start_date=date(2025, 3, 1), end_date=date(2025, 3, 2), hours=16, level="4",
        mode="01", category="2"))
    classes.create_class(db, school.id, period.id, ClassData(grade="P3", name="三年级(1)班", enrolled=45))
    classes.create_class(db, school.id, period.id, ClassData(grade="P3", name="三年级(2)班", enrolled=50))
    return ids


@pytest.fixture
def ctx(db: Database, school: UnitRecord, period: PeriodRecord, taskman: TaskManager,
        db_path: object) -> AppContext:
    from pathlib import Path

    return make_context(OpenedDatabase(Path(str(db_path)), db, school, period), taskman, AppSettings())


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int]) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 820)
    win.show()
    win.load_start_page()
    wait_idle(qtbot, ctx.taskman)
    return win
