"""The pages of the main window, in navigation order: (key, title, factory).

Later work adds its page here (e.g. the returns helper replaces the 报表 entry).
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
    from desktop.gui.controllers.simple_pages import PlaceholderPage, SettingsPage
    from desktop.gui.controllers.staff_page import StaffPage
    from desktop.gui.controllers.submit_page import SubmitPage
    from desktop.gui.controllers.training_page import TrainingPage

    return [
        PageSpec("overview", tr("概览"), OverviewPage),
        PageSpec("staff", tr("教职工"), StaffPage),
        PageSpec("credentials", tr("资格证书"), CredentialsPage),
        PageSpec("training", tr("培训记录"), TrainingPage),
        PageSpec("classes", tr("班级与学位"), ClassesPage),
        PageSpec("reports", tr("报表"), lambda ctx: PlaceholderPage(tr("报表"), tr(
            "这里将生成各张统计报表（学校概况与学位、教职工名册、学历职称结构、资格证书与定期注册、"
            "培训学时、指标达成情况），每张表可导出 Excel 和 PDF，PDF 带签字盖章栏和数据指纹。"
            "该功能将在后续版本中提供。"))),
        PageSpec("submit", tr("上报"), SubmitPage),
        PageSpec("settings", tr("设置"), SettingsPage),
    ]
