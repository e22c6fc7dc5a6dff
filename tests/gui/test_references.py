"""The program outlives the Qt binding's lost references to None.

PySide6 6.12 on Python 3.11 loses a reference to None on every call of a static function
that returns nothing, and on every ``super()`` call of a void virtual such as a delegate's
``paint`` or ``initStyleOption`` (measured: 2,600 painted cells, 2,460 references).
None starts with some 30,000 to 60,000; once they are gone the interpreter aborts
("none_dealloc"): at exit after the 报表 page, or in the middle of a long session. The
program gives None, True and False a reserve at start-up (``gui.compat.application``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

# The real entry point, with a burst of lossy calls once the window is up: more references
# than None ever has, each lost by a binding that has the bug (6.8.3 on Windows has not).
SESSION = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
import desktop.app
import desktop.gui.errors as errors

installed = errors.install_excepthook


def burst():
    for _ in range(300_000):
        QCoreApplication.sendPostedEvents()
    print("burst done", flush=True)


def install():
    installed()
    QTimer.singleShot(0, burst)


errors.install_excepthook = install
sys.argv = ["edureturns", "--quit-after", "1.5"]
code = desktop.app.main()
print("exit", code, flush=True)
sys.exit(code)
"""


def test_the_program_outlives_a_session_of_calls_that_lose_references_to_none(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-c", SESSION], cwd=ROOT, capture_output=True, text=True, timeout=600)
    # Before: "Fatal Python error: none_dealloc" and an abort (exit 134) during the burst.
    assert run.returncode == 0, run.stderr[-2000:]
    assert "burst done" in run.stdout and "exit 0" in run.stdout
