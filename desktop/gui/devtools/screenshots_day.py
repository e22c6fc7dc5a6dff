"""Offscreen screenshots of the states of a clerk's day at 1366×768 (issue 18), for docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python -m desktop.gui.devtools.screenshots_day

* ``startup_check.png`` — the window at once after an unclean close, locked under the banner
  while the integrity check runs;
* ``overview_counted_at.png`` — 概览: the cards say they count at the 统计时点, the reminders at today;
* ``submit_send_rule.png`` — 上报: the rule beside the button, and a refused export saying why.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]  # the repository root
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="edureturns-day-shots-"))
    os.environ["EDURETURNS_HOME"] = str(home)


    from desktop.gui.compat import application, process_events
    from desktop.gui.i18n import install_language
    from desktop.gui.look import apply_look
    from desktop.gui.operations.setup import build_demo_database, open_database
    from desktop.gui.session import Launcher
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager

    app = application(sys.argv)
    install_language(app, "zh_CN")
    apply_look(app)
    taskman = TaskManager()

    def settle(until: Any = None, seconds: float = 30.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            process_events()
            if until is not None and until() and taskman.pending == 0:
                return
            time.sleep(0.02)

    # A demo school the program "crashed" on: opened, then left without a clean close.
    path = home / "学校数据.db"
    opened = build_demo_database(path=path, scale="school", report=lambda *_a: None, today=date.today())
    opened.db.dispose()

    launcher = Launcher(taskman, AppSettings())
    launcher.start(open_database(path=path, defer_check=True))
    window = launcher.window
    assert window is not None and window.check_banner is not None
    window.resize(*SIZE)
    window.grab().save(str(OUT / "startup_check.png"))  # before the check's result can arrive
    settle(lambda: window.check_passed)

    page: Any = window.show_page("overview")
    settle(lambda: page.data is not None)
    window.grab().save(str(OUT / "overview_counted_at.png"))

    submit: Any = window.show_page("submit")
    submit.load()
    settle(lambda: bool(submit.view.state.text()))
    submit.export_to(home / "out")
    settle(lambda: "填写说明" in submit.view.result.text())
    settle(seconds=0.5)  # the wrapped sentence's new height is laid out on the next passes
    window.grab().save(str(OUT / "submit_send_rule.png"))

    window.close()
    taskman.shutdown()
    launcher.close_database()
    if launcher.claim is not None:
        launcher.claim.release()
    print(f"saved in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
