"""The 上报 page: packages dropped on the page or the dashboard are imported; a unit opens its 单位详情.

Real drops (QDragEnterEvent/QDropEvent with file URLs sent to the widgets),
a real school package with its PDF returns, a real double-click on the
dashboard row; the PDF opened from the dialog is read back from disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.data.models import Period
from desktop.gui.controllers.package_drop import dropped_paths
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.models.submissions import COL_KEY, COL_STATUS
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.packages.export import export_package
from desktop.services.records.units import home_unit
from desktop.services.returns.checks import run_checks, set_explanation
from tests.explained import explain_warnings

from .conftest import wait_idle
from .test_submit_page import _office

EXPLANATION = "该教师为今年新入职，证书正在申领中，预计12月取得。"


def _school_package(tmp_path: Path, *, with_returns: bool) -> Path:
    db = Database.for_path(tmp_path / "school.db")
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "school", school_size={"staff": 10, "training": 200, "classes": 6})
    unit = home_unit(db)
    with db.session() as s:
        period_id = s.scalars(select(Period.id)).one()
    warning = run_checks(db, unit.id, period_id).warnings()[0]
    set_explanation(db, unit.id, period_id, warning.finding.rule, warning.record_key, EXPLANATION)
    explain_warnings(db)
    path = export_package(db, tmp_path / "packages", with_returns=with_returns).path
    db.dispose()
    return path


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(widget: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag onto ``widget`` and drop; (drag accepted, drop accepted)."""
    pos = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_only_packages_and_folders_are_taken_from_a_drop(tmp_path: Path) -> None:
    pkg, book = tmp_path / "a.erp", tmp_path / "b.xlsx"
    pkg.write_bytes(b"x")
    book.write_bytes(b"x")
    mime = _mime(pkg, book, tmp_path)
    mime.setUrls([*mime.urls(), QUrl("https://example.com/c.erp")])
    assert dropped_paths(mime) == [pkg, tmp_path]
    assert dropped_paths(QMimeData()) == []


def test_dropping_a_folder_on_the_dashboard_imports_it(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    package = _school_package(tmp_path, with_returns=False)
    page = SubmitPage(_office(tmp_path, taskman))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.load()
    wait_idle(qtbot, taskman)
    # A spreadsheet is not taken: the drag is refused and nothing starts.
    sheet = tmp_path / "roster.xlsx"
    sheet.write_bytes(b"PK")
    assert _drop(page.view.table.viewport(), _mime(sheet)) == (False, False)
    assert page.last_import is None
    # The package folder dropped on the dashboard table starts the import in the background.
    assert _drop(page.view.table.viewport(), _mime(package.parent)) == (True, True)
    qtbot.waitUntil(lambda: page.last_import is not None and page.model.rowCount() == 1, timeout=60000)
    wait_idle(qtbot, taskman)
    assert page.model.index(0, COL_STATUS).data() == "已接收"
    assert page.model.index(0, COL_KEY).data().count("-") == 4  # the school's key, pinned on first receipt
    assert "已导入" in page.view.result.text()
    # The same file dropped on the page itself: imported before, so nothing changes and the summary says so.
    page.last_import = None
    assert _drop(page, _mime(package)) == (True, True)
    qtbot.waitUntil(lambda: page.last_import is not None, timeout=60000)
    wait_idle(qtbot, taskman)
    assert "未改动" in page.view.result.text()


def test_double_clicking_a_unit_opens_its_findings_and_returns(qtbot: QtBot, taskman: TaskManager,
                                                                tmp_path: Path) -> None:
    package = _school_package(tmp_path, with_returns=True)
    page = SubmitPage(_office(tmp_path, taskman))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.import_paths([package])
    qtbot.waitUntil(lambda: page.last_import is not None and page.model.rowCount() == 1, timeout=120000)
    wait_idle(qtbot, taskman)
    table = page.view.table
    rect = table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # starts with a press
    qtbot.waitUntil(lambda: page.review is not None and page.review.isVisible(), timeout=10000)
    dialog = page.review
    assert dialog is not None
    assert dialog.review.code in dialog.heading.text()
    findings = dialog.findings
    assert findings.rowCount() == len(dialog.review.findings) > 0
    texts = {findings.item(i, 2).text() for i in range(findings.rowCount())}
    assert EXPLANATION in texts
    assert {findings.item(i, 0).text() for i in range(findings.rowCount())} <= {"错误", "警告"}
    assert dialog.fingerprints.rowCount() == len(dialog.review.fingerprints) > 0
    assert len(dialog.fingerprints.item(0, 1).text()) == 64
    assert "签名密钥指纹" in dialog.key.text() and "-" in dialog.key.text()
    assert dialog.grab().save(str(tmp_path / "unit-review.png"))
    opened: list[QUrl] = []
    dialog.opener = opened.append
    assert dialog.open_pdf.isEnabled()
    qtbot.mouseClick(dialog.open_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    pdf = Path(opened[0].toLocalFile())
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert "已打开" in dialog.message.text()
    dialog.close()
