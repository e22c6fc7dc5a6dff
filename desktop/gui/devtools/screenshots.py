"""Offscreen screenshots of the main screens for docs/screenshots/ and the README.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots [--scale 1.5]

Builds the demo school in a temporary folder, opens the real main window and
grabs each page (and the first-run wizard). Look at the PNGs: Chinese must render
and nothing may be clipped, at 100 % and at 150 % (``--scale 1.5``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]  # the repository root
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--language", default="zh_CN", help="zh_CN or en (the English catalogue)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    home = Path(tempfile.mkdtemp(prefix="edureturns-shots-"))
    os.environ["EDURETURNS_HOME"] = str(home)


    from desktop.gui.compat import application, process_events
    from desktop.gui.controllers.main_window import MainWindow
    from desktop.gui.controllers.wizard import FirstRunWizard
    from desktop.gui.look import apply_look
    from desktop.gui.operations.setup import build_demo_database
    from desktop.gui.session import make_context
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager

    app = application(sys.argv)
    from desktop.gui.i18n import install_language

    install_language(app, args.language)
    apply_look(app)
    taskman = TaskManager()
    settings = AppSettings()
    suffix = ("" if args.scale == 1.0 else f"_{int(args.scale * 100)}") + (
        "" if args.language == "zh_CN" else f"_{args.language}")
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        # compat.process_events: PySide6 6.12 loses a reference to None on every
        # processEvents(), and waiting out the PDF preview spun enough calls to free None.
        while taskman.pending:
            process_events()
            time.sleep(0.01)  # and no busy loop on a shared machine
        for _ in range(5):
            process_events()

    def save(widget: object, name: str) -> None:
        settle()
        path = args.out / f"{name}{suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    wizard = FirstRunWizard(taskman, settings)
    wizard.show()
    save(wizard, "wizard")
    wizard.next.click()
    wizard.code.setText("2144162201")
    wizard.name.setText("龙川县实验学校")
    wizard.parent_code.setText("441622")
    save(wizard, "wizard_new")
    wizard.back.click()
    wizard.server_db.setChecked(True)
    wizard.next.click()
    form = wizard.server_form
    form.host.setText("127.0.0.1")
    form.port.setText("1")  # nothing listens there: shows how a failure is explained
    form.user.setText("zhangsan")
    form.password.setText("example")
    form.test.click()
    while "连接不到" not in form.result.text():
        # Not a tight loop, and compat.process_events: PySide6 6.12 on Python 3.11 drops a
        # reference to None on every processEvents() call.
        time.sleep(0.02)
        process_events()
    save(wizard, "wizard_server")
    wizard.close()

    opened = build_demo_database(path=home / "demo-school.db", scale="school", report=lambda *_: None)
    window = MainWindow(make_context(opened, taskman, settings))
    window.resize(1366, 820)
    window.show()
    window.load_start_page()
    save(window, "overview")
    for key in ("staff", "credentials", "training", "classes", "reports", "settings"):
        page = window.show_page(key)
        if key in ("credentials", "training"):  # the side form shows the selected record
            settle()
            page.view.table.selectRow(1)  # type: ignore[attr-defined]
        save(window, key)
    reports_page = window.show_page("reports")
    reports_page.view.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    save(window, "reports_indicators")
    reports_page.make_preview()  # type: ignore[attr-defined]
    save(window, "reports_preview")
    staff_page = window.show_page("staff")
    # Pinyin initials of someone in the demo, e.g. "hz" for 黄志.
    initials = staff_page.model.row(20).name_initials[:2]  # type: ignore[attr-defined]
    staff_page.view.search.setText(initials)  # type: ignore[attr-defined]
    save(window, "staff_search")
    staff_page.view.search.clear()  # type: ignore[attr-defined]
    first = staff_page.model.row(0).id  # type: ignore[attr-defined]
    window.ctx.events.open_staff.emit(first)
    save(window, "person")
    _import_wizard(window, home, save, settle)
    _trust_screens(window, opened, save)
    window.close()
    _office_review(home, opened.db, taskman, settings, save)
    taskman.shutdown()
    opened.db.dispose()
    return 0


def _import_wizard(window: Any, home: Path, save: Any, settle: Any) -> None:
    """The import wizard's preview step over a small roster: new people, one change, one bad row."""
    import openpyxl

    from desktop.domain.idcard import id_check_char
    from desktop.gui.operations.samples import first_person

    someone = first_person(window.ctx.db)
    path = home / "教职工花名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["龙川县实验学校教职工花名册（2025年9月）"])
    ws.append(["姓名", "身份证号", "性别", "最高学历", "职称", "联系电话"])
    for i, name in enumerate(("赵晓明", "钱丽华", "孙建国", "李静")):
        first17 = f"44162219{88 + i}0{i + 1}1{i}0{i}{i + 2}"
        ws.append([name, first17 + id_check_char(first17), "", "本科", "二级教师", f"1380000{i:04d}"])
    ws.append([someone.name, someone.id_number, "", "硕士研究生", "", "13912345678"])
    ws.append(["周敏", "44162219900101123", "女", "大本", "一级教师", ""])
    wb.save(path)
    wizard = window.show_page("staff").open_import()
    wizard.open_file(path)
    settle()
    wizard.next()
    wizard.next()
    settle()
    wizard.next()
    settle()
    save(wizard, "import-wizard")
    wizard.preview_page.tabs.setCurrentIndex(1)
    save(wizard, "import-wizard-updates")
    wizard.preview_page.tabs.setCurrentIndex(2)
    save(wizard, "import-wizard-errors")
    wizard.reject()


def _office_review(home: Path, school_db: object, taskman: object, settings: object,
                   save: Callable[[object, str], None]) -> None:
    """The county's 上报 page after importing the demo school's package, and that school's 单位详情."""
    from desktop.gui.controllers.submit_page import SubmitPage
    from desktop.gui.operations.samples import county_with_school_package
    from desktop.gui.session import make_context

    county = county_with_school_package(home, school_db)  # type: ignore[arg-type]
    db = county.db
    ctx = make_context(county, taskman, settings)  # type: ignore[arg-type]
    page = SubmitPage(ctx)
    page.resize(1366, 720)
    page.show()
    page.load()
    save(page, "submit_office")
    page.review_unit(page.model.row(0).code)
    save(page, "submit_office")  # again: settles the background task that opens the dialog
    if page.review is not None:
        save(page.review, "unit_review")
        page.review.close()
    page.close()
    db.dispose()


def _trust_screens(window: object, opened: object, save: object) -> None:
    """The login dialog (after one wrong password) and 工具 → 操作日志 with the admin's edits."""
    from desktop.gui.controllers.login import LoginDialog
    from desktop.gui.operations import staff as staff_ops
    from desktop.gui.operations import trust
    from desktop.gui.signin import set_actor

    db, unit = opened.db, opened.unit  # type: ignore[attr-defined]
    admin = trust.create_user(db, None, "admin", "王校长", "admin", "demo-pass-2025")
    login = LoginDialog(db, unit.name, window.ctx.taskman, username="admin")  # type: ignore[attr-defined]
    login.show()
    login.password.setText("wrong-password")
    login.try_login()
    save(login, "login")  # type: ignore[operator]
    login.close()
    set_actor(db, admin)
    staff_page = window.pages["staff"]  # type: ignore[attr-defined]
    person = staff_page.model.row(1)
    staff_ops.edit_staff(db=db, staff_id=person.id, changes={"subject": "02"})
    window.audit_action.trigger()  # type: ignore[attr-defined]
    dialog = window.audit_dialog  # type: ignore[attr-defined]
    save(dialog, "audit_log")  # type: ignore[operator]
    dialog.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
