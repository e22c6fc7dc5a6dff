"""GUI cold start: a new process, from spawn until the main window has painted.

``app_cold_start`` starts ``python -m desktop --db <county demo>`` with
``EDURETURNS_COLD_START_T0`` set to the spawn time; the app prints the seconds
until its main window is usable and grabbed, then quits. Usable: shown, not locked
under the start-up check's banner, the start page (概览) built and every query it
started answered, so the unit's figures are on screen (``desktop/app.py``). The
fixture was closed cleanly by the previous run, as a clerk's file is, so no start-up
check runs; the first run after the fixture is built or copied runs the check. The baseline ``bare_cold_start`` is a new process that imports PySide6,
shows one QTableWidget window and grabs it: the floor any Qt app pays here.
Both include interpreter start-up and imports, as the user feels them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from benchmarks.fixtures import Fixtures
from benchmarks.harness import ROOT, Measurement, child_env

BARE = """
import os, sys, time
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv)
table = QTableWidget(50, 8)
for r in range(50):
    for c in range(8):
        table.setItem(r, c, QTableWidgetItem(f"{r}-{c}"))
table.resize(1000, 700)
table.show()
table.grab()
print(f"usable {time.time() - float(os.environ['EDURETURNS_COLD_START_T0']):.4f}", flush=True)
"""


def _spawn(args: list[str], extra_env: dict[str, str] | None = None, line: str = "usable") -> float:
    env = {**child_env(), **(extra_env or {})}
    env["EDURETURNS_COLD_START_T0"] = repr(time.time())
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    lines = proc.stdout.splitlines()
    if line == "complete" and not any(out.startswith("complete ") for out in lines):
        line = "usable"  # a revision before the third pass: its "usable" waited for the reminders too
    for out in lines:
        if out.startswith(line + " "):
            return float(out.split()[1])
    raise RuntimeError(f"no '{line}' line; exit {proc.returncode}: {proc.stderr.strip()[-300:]}")


def app_cold_start(fx: Fixtures) -> Measurement:
    db = fx.database("county")
    with tempfile.TemporaryDirectory(prefix="edureturns-cold-") as home:  # fresh settings, no last database
        seconds = _spawn(["-m", "desktop", "--db", str(db)], {"EDURETURNS_HOME": home})
    return Measurement(seconds, 1, "county demo, until the main window shows 概览's figures")


def app_cold_start_complete(fx: Fixtures) -> Measurement:
    """Until the 截止日期与提醒 panel is filled too (queued after the figures since the third pass)."""
    db = fx.database("county")
    with tempfile.TemporaryDirectory(prefix="edureturns-cold-") as home:
        seconds = _spawn(["-m", "desktop", "--db", str(db)], {"EDURETURNS_HOME": home}, "complete")
    return Measurement(seconds, 1, "county demo, until 概览's figures and reminders are on screen")


def app_cold_start_kept(fx: Fixtures) -> Measurement:
    """A start on data unchanged since the last one: the same settings folder (and so the same cache
    folder) as the previous run of this case, as a clerk's own account has (the first run fills it)."""
    db = fx.database("county")
    home = fx.root / "scratch" / "cold-home"
    home.mkdir(parents=True, exist_ok=True)
    seconds = _spawn(["-m", "desktop", "--db", str(db)], {"EDURETURNS_HOME": str(home)})
    return Measurement(seconds, 1, "county demo, unchanged since the last start, until 概览's figures")


def bare_cold_start(fx: Fixtures) -> Measurement:
    return Measurement(_spawn(["-c", BARE]), 1, "bare PySide6 window with one table")
