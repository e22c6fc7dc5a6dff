"""Staging folders a killed import left in the temp folder, removed at start (``services.admin.backups.start``).

Apart from ``services.packages.stage`` (which imports the package verification and signing) so
that opening a database at start-up does not import them (benchmarks/RESULTS.md, "cold start,
third pass").
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from desktop.exchange.processes import alive

STAGING_PREFIX = "edureturns-import-"


def remove_stale_staging() -> list[Path]:
    """Remove staging folders whose importing process no longer runs (called at start)."""
    removed: list[Path] = []
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and int(pid) != os.getpid() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
