"""The pages of the main window, in navigation order: (key, title, factory)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.gui.i18n import tr

if TYPE_CHECKING:  # the titles are read by the first paint, before the context's modules load
    from desktop.gui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def _lazy(module: str, name: str) -> Callable[[AppContext], QWidget]:
    """A factory that imports the page's module only when the page is first shown.

    Building every page (and importing what each needs: openpyxl, reportlab, pyHanko …)
    before the window could appear cost over a second of every start.
    """
    def make(ctx: AppContext) -> QWidget:
        page: QWidget = getattr(importlib.import_module(module), name)(ctx)
        return page
    return make


def page_specs() -> list[PageSpec]:
    c = "desktop.gui.controllers."
    return [
        PageSpec("overview", tr("概览"), _lazy(c + "overview_page", "OverviewPage")),
        PageSpec("staff", tr("教职工"), _lazy(c + "staff_page", "StaffPage")),
        PageSpec("credentials", tr("资格证书"), _lazy(c + "credentials_page", "CredentialsPage")),
        PageSpec("training", tr("培训记录"), _lazy(c + "training_page", "TrainingPage")),
        PageSpec("classes", tr("班级与学位"), _lazy(c + "classes_page", "ClassesPage")),
        PageSpec("reports", tr("报表"), _lazy(c + "reports_page", "ReportsPage")),
        PageSpec("people", tr("人员核查"), _lazy(c + "people_page", "PeoplePage")),
        PageSpec("national", tr("国家统计"), _lazy(c + "national_page", "NationalPage")),
        PageSpec("submit", tr("上报"), _lazy(c + "submit_page", "SubmitPage")),
        PageSpec("settings", tr("设置"), _lazy(c + "settings_page", "SettingsPage")),
    ]
