"""Where the app's data folders are, the same way in a checkout, a wheel and a bundle.

The prescribed layout keeps ``templates/``, ``resources/`` and ``db/`` at the top
of the repository, beside ``desktop/``. A wheel maps them into the package as
``desktop/_res/<name>`` (see ``[tool.setuptools]`` in pyproject.toml) and a
PyInstaller bundle puts them under ``sys._MEIPASS``. Each lookup tries those
places in that order of specificity and fails loudly when none exists.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _find(name: str) -> Path:
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / name)
    candidates.append(_PACKAGE_DIR / "_res" / name)  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / name)  # source checkout
    for path in candidates:
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise FileNotFoundError(f"EduReturns data folder '{name}' not found (tried {tried})")


def templates_dir() -> Path:
    return _find("templates")


def resources_dir() -> Path:
    return _find("resources")


def migrations_dir() -> Path:
    """The Alembic environment (db/)."""
    return _find("db")
