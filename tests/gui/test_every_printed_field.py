"""Every field the 花名册 prints can be entered by hand: 民族, 政治面貌, 岗位/职务, 骨干级别.

On main these came only from an import, and a person added by hand printed with
empty cells. A rare-character name (䶮, CJK Extension A) goes through too.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.services.records import staff
from desktop.services.returns.build import build_return
from tests.gui.conftest import resident_id, wait_idle
from tests.gui.test_unsaved_input import type_chinese

pytestmark = pytest.mark.gui


def choose(combo: object, label: str) -> None:
    i = combo.findText(label)  # type: ignore[attr-defined]
    assert i >= 0, label
    combo.setCurrentIndex(i)  # type: ignore[attr-defined]


def fill_every_field(form: object, name: str, id_number: str) -> None:
    f = form
    type_chinese(f.name, name)  # type: ignore[attr-defined]
    f.id_number.setText(id_number)  # type: ignore[attr-defined]
    for key, label in (("ethnicity", "壮族"), ("political_status", "中共党员"), ("category", "专任教师"),
                       ("employment_form", "在编"), ("post", "副校长"), ("teaching_stage", "小学"),
                       ("subject", "数学"), ("education", "本科"), ("title", "一级"), ("honour_level", "市级")):
        choose(getattr(f, key), label)
    f.join_date.setDate(QDate(2016, 9, 1))  # type: ignore[attr-defined]
    f.phone.setText("13800001234")  # type: ignore[attr-defined]


def test_a_person_added_by_hand_prints_every_roster_cell(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                         staffed: dict[str, int]) -> None:
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, ctx.taskman)
    page.add_new()
    fill_every_field(page.form, "王䶮", resident_id("441622", "19880512", "024"))
    page.form.save.click()
    wait_idle(qtbot, ctx.taskman)
    rec = next(s for s in staff.list_staff(ctx.db) if s.name == "王䶮")
    assert (rec.ethnicity, rec.political_status, rec.post, rec.honour_level) == ("08", "01", "02", "3")
    roster = build_return(ctx.db, "roster", ctx.unit.id, ctx.period.id)
    row = next(r for r in roster.rows if r.label == "王䶮")
    cells = {c.key: v for c, v in zip(roster.columns, row.values, strict=True)}
    assert (cells["ethnicity"], cells["post"], cells["honour"]) == ("壮族", "副校长", "市级")
    assert all(cells[k] not in (None, "") for k in ("gender", "birth", "category", "form", "stage", "subject",
                                                    "education", "title", "join"))


def test_post_and_honour_are_editable_in_the_grid(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                  staffed: dict[str, int]) -> None:
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, ctx.taskman)
    keys = [c.key for c in page.model.columns]
    row = page.model.row_of_id(staffed["张三"])
    assert page.model.setData(page.model.index(row, keys.index("post")), "03")  # 教导主任 or the like
    wait_idle(qtbot, ctx.taskman)
    assert page.model.setData(page.model.index(page.model.row_of_id(staffed["张三"]), keys.index("honour_level")), "4")
    wait_idle(qtbot, ctx.taskman)
    rec = staff.get_staff(ctx.db, staffed["张三"])
    assert (rec.post, rec.honour_level) == ("03", "4")
