"""Every item model passes pytest-qt's qtmodeltester and shows what its columns say."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.gui.controllers.classes_page import CapacityRow, FlaggedClassModel
from desktop.gui.models.completeness import (
    C_CODE,
    C_EXPLAINED,
    C_FIRST_TIME,
    C_REASON,
    C_TIMELINESS,
    C_UNEXPLAINED,
    C_ZERO,
    CompletenessModel,
)
from desktop.gui.models.credentials import COL_STATUS, CredentialTableModel, credential_predicate
from desktop.gui.models.records import (
    CapacityModel,
    ClassTableModel,
    MovementModel,
    PersonCredentialModel,
    PersonTrainingModel,
)
from desktop.gui.models.staff import COL_ID, COL_NAME, StaffTableModel, staff_predicate
from desktop.gui.models.training import PAGE_SIZE, TrainingTableModel
from desktop.gui.operations.shapes import CompletenessRow
from desktop.services.records import credentials, staff, training
from desktop.services.records import tables as browse
from desktop.services.records.tables import TrainingQuery

TODAY = date(2026, 11, 25)


def test_staff_model(qtmodeltester: ModelTester, db: Database, staffed: dict[str, int]) -> None:
    model = StaffTableModel()
    model.set_rows(browse.staff_rows(db))
    qtmodeltester.check(model)
    names = {model.data(model.index(i, COL_NAME)) for i in range(model.rowCount())}
    assert names == {"张三", "李四", "王芳", "欧阳娜娜"}
    assert all("*" in model.data(model.index(i, COL_ID)) for i in range(model.rowCount()))
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)  # by pinyin: li, ou, wang, zhang
    assert [model.row(i).name for i in range(4)] == ["李四", "欧阳娜娜", "王芳", "张三"]
    model.set_filter(staff_predicate(values={"category": "12"}))
    assert [model.row(i).name for i in range(model.rowCount())] == ["欧阳娜娜"]
    qtmodeltester.check(model)


def test_credential_model(qtmodeltester: ModelTester, db: Database, staffed: dict[str, int]) -> None:
    model = CredentialTableModel(TODAY)
    model.set_rows(browse.credential_rows(db))
    qtmodeltester.check(model)
    assert model.data(model.index(0, COL_STATUS)) == "注册已逾期"
    model.set_filter(credential_predicate(search="ls", today=TODAY))
    assert model.rowCount() == 0


def test_training_model_reads_pages_on_demand(qtmodeltester: ModelTester, db: Database,
                                              staffed: dict[str, int]) -> None:
    from desktop.data.models import TrainingRecord

    with db.session(write=True) as session:  # one transaction: the service path is tested elsewhere
        session.add_all(TrainingRecord(
            staff_id=staffed["张三"], title=f"校本研修第{i + 1}次", start_date=date(2026, 1, 5),
            end_date=date(2026, 1, 5), hours=2, level="5", mode="03", category="3") for i in range(PAGE_SIZE + 20))
    model = TrainingTableModel(lambda q: browse.count_training(db, q),
                               lambda q, o, n: browse.training_page(db, q, o, n))
    model.set_query(TrainingQuery())
    assert model.rowCount() == PAGE_SIZE + 21
    assert model.cached_pages() == 0  # nothing read before a cell is asked for
    qtmodeltester.check(model)
    model.set_query(TrainingQuery(search="ls"))
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "李四"
    qtmodeltester.check(model)


def test_person_page_models(qtmodeltester: ModelTester, db: Database, staffed: dict[str, int]) -> None:
    creds = PersonCredentialModel()
    creds.set_rows(credentials.list_credentials(db, staff_id=staffed["张三"]))
    qtmodeltester.check(creds)
    assert creds.data(creds.index(0, PersonCredentialModel.COL_NEXT_DUE)) == "2024-06-01"
    history = PersonTrainingModel()
    history.set_rows(training.list_training(db, staffed["李四"]))
    qtmodeltester.check(history)
    assert history.data(history.index(0, PersonTrainingModel.COL_HOURS)) == "16"
    from desktop.domain.records import MovementData

    staff.add_movement(db, staffed["李四"], MovementData(kind="exchange", start_date=date(2024, 9, 1),
                                                       to_unit_name="城关二小"))
    moves = MovementModel()
    moves.set_rows(staff.list_movements(db, staffed["李四"]))
    assert moves.rowCount() == 1
    qtmodeltester.check(moves)


def test_class_and_capacity_models(qtmodeltester: ModelTester, db: Database, school: UnitRecord,
                                   period: PeriodRecord, staffed: dict[str, int]) -> None:
    model = FlaggedClassModel()
    model.set_rows(browse.class_rows(db, period.id))
    qtmodeltester.check(model)
    plain = ClassTableModel()
    plain.set_rows(browse.class_rows(db, period.id))
    qtmodeltester.check(plain)
    seats = CapacityModel()
    seats.set_rows([CapacityRow("primary", 100, 95)])
    qtmodeltester.check(seats)
    assert seats.data(seats.index(0, CapacityModel.COL_FREE)) == "5"


def test_completeness_model(qtmodeltester: ModelTester) -> None:
    due = date(2025, 9, 20)
    rows = [  # on time and approved first time; late and explained in part; a 零上报; missing with a reason
        CompletenessRow(1, "2144162201", "测试第1学校", "approved", due, datetime(2025, 9, 15, 4), -5, 0, True, 3, 0,
                        False, None),
        CompletenessRow(2, "2144162217", "测试第17学校", "received", due, datetime(2025, 9, 25, 4), 5, 1, None, 2, 4,
                        False, None),
        CompletenessRow(3, "2144162220", "测试第20学校", "received", due, datetime(2025, 9, 16, 4), -4, 0, None, 0, 0,
                        True, None),
        CompletenessRow(4, "2144162218", "测试第18学校", "missing", due, None, 10, 0, None, 0, 0, False, "已撤并"),
    ]
    model = CompletenessModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    shown = {model.index(i, C_CODE).data(): i for i in range(model.rowCount())}
    late, zero, missing = shown["2144162217"], shown["2144162220"], shown["2144162218"]
    assert model.index(late, C_TIMELINESS).data() == "逾期 5 天"
    assert model.index(late, C_EXPLAINED).data() == "2" and model.index(late, C_UNEXPLAINED).data() == "4"
    assert model.index(shown["2144162201"], C_FIRST_TIME).data() == "是" and model.index(late, C_FIRST_TIME).data() == ""
    assert model.index(zero, C_ZERO).data() == "零上报" and model.index(late, C_ZERO).data() == ""
    assert model.index(missing, C_TIMELINESS).data() == "未报，已逾期 10 天"
    assert model.index(missing, C_REASON).data() == "已撤并"
    model.sort(C_TIMELINESS, Qt.SortOrder.DescendingOrder)  # by days late, not by the text
    assert [model.index(i, C_CODE).data() for i in range(model.rowCount())] == [
        "2144162218", "2144162217", "2144162220", "2144162201"]
    qtmodeltester.check(model)


# Every item model of the GUI and the test that runs qtmodeltester on it.
CHECKED = {
    "StaffTableModel": "test_staff_model", "CredentialTableModel": "test_credential_model",
    "TrainingTableModel": "test_training_model_reads_pages_on_demand",
    "PersonCredentialModel": "test_person_page_models", "PersonTrainingModel": "test_person_page_models",
    "MovementModel": "test_person_page_models", "ClassTableModel": "test_class_and_capacity_models",
    "FlaggedClassModel": "test_class_and_capacity_models", "CapacityModel": "test_class_and_capacity_models",
    "DashboardModel": "tests/gui/test_submit_page.py::test_dashboard_model",
    "ImportRowsModel": "tests/gui/test_import_wizard.py::test_preview_models_pass_the_model_tester",
    "CompletenessModel": "test_completeness_model",
}


def test_every_item_model_is_checked() -> None:
    """A new model under desktop/gui without a qtmodeltester run fails here."""
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtCore import QAbstractItemModel

    import desktop.gui

    found = set()
    for info in pkgutil.walk_packages(desktop.gui.__path__, "desktop.gui."):
        if ".devtools" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if (issubclass(obj, QAbstractItemModel) and obj.__module__ == module.__name__
                    and not inspect.isabstract(obj) and name != "RowTableModel"):
                found.add(name)
    assert found == set(CHECKED), f"models without a qtmodeltester test: {found - set(CHECKED)}"
