"""The pages of the main window, in navigation order: (key, title, factory).

"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.gui.context import AppContext
from desktop.gui.i18n import tr


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def page_specs() -> list[PageSpec]:
    from desktop.gui.controllers.classes_page import ClassesPage
    from desktop.gui.controllers.credentials_page import CredentialsPage
    from desktop.gui.controllers.overview_page import OverviewPage
    from desktop.gui.controllers.reports_page import ReportsPage
    from desktop.gui.controllers.simple_pages import SettingsPage
    from desktop.gui.controllers.staff_page import StaffPage
    from desktop.gui.controllers.submit_page import SubmitPage
    from desktop.gui.controllers.training_page import TrainingPage

    return [
        PageSpec("overview", tr("概览"), OverviewPage),
        PageSpec("staff", tr("教职工"), StaffPage),
        PageSpec("credentials", tr("资格证书"), CredentialsPage),
        PageSpec("training", tr("培训记录"), TrainingPage),
        PageSpec("classes", tr("班级与学位"), ClassesPage),
        PageSpec("reports", tr("报表"), ReportsPage),
        PageSpec("submit", tr("上报"), SubmitPage),
        PageSpec("settings", tr("设置"), SettingsPage),
    ]
