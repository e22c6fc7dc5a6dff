"""The start-up's light read: the kept first view of the last database, before SQLAlchemy is imported.

``read_early`` (``services.indicators.early``) uses the standard library only; this module
imports nothing else, so ``app.main`` can call it right after Qt is up and paint the window
with 概览's figures while the worker imports SQLAlchemy and opens the database. None means
"start the usual way" (see that module for every case).
"""

from __future__ import annotations

from desktop.services.indicators.early import EarlyStart as EarlyStart
from desktop.services.indicators.early import read_early as read_early
