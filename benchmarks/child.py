"""Run one benchmark case in this (fresh) process and print a JSON line."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.measure import peak_rss_mb


def main() -> None:
    fn_name, fixtures_dir = sys.argv[1], Path(sys.argv[2])
    module, func = fn_name.split(":")
    fn = getattr(importlib.import_module(module), func)
    m = fn(Fixtures(fixtures_dir))
    rss = peak_rss_mb()  # None where the platform gives no figure (the table shows —)
    print(json.dumps({"seconds": m.seconds, "items": m.items, "note": m.note, "rss_mb": rss}), flush=True)
    # The measurement is out: skip the interpreter's teardown, where PySide6 and PDFium objects
    # left by a GUI case can crash on finalisation order (a non-zero status would void the run).
    os._exit(0)


if __name__ == "__main__":
    main()
