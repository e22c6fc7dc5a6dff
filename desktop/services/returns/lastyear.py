"""Last year's figures (上年数据) for ``prev_year(...)`` and the 上年 columns of the returns.

In order: the previous period in the same database, when the unit has data there (people in
post on that census date, or classes); else last year's package of the unit that this office
received and kept beside the database (``received/<学年>/``); else none, and a rule that needs
them says 无上年数据 instead of failing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Period, Unit
from desktop.data.queries import period_for_year
from desktop.domain.targetset import TargetSetSpec
from desktop.exchange.package import EXTENSION
from desktop.services.core.errors import NotFoundError
from desktop.services.returns.lastpackage import kept_folder, package_input
from desktop.services.returns.ruleruns import FigureSource, UnitFigures

DATABASE, PACKAGE = "database", "package"


class LastYear:
    """unit id → last year's ``UnitFigures`` (or None), loaded on first use and kept."""

    def __init__(self, session: Session, unit_id: int, period: Period, spec: TargetSetSpec, *,
                 db: Database | None = None) -> None:
        self.session, self.root_id, self.period, self.spec = session, unit_id, period, spec
        self.db = db  # where the kept packages are (None: the database only)
        self._source: FigureSource | None = None
        self._loaded = False
        self._cache: dict[int, UnitFigures | None] = {}
        self._kept_names: set[str] | None = None
        self.origin: dict[int, str] = {}  # unit id → where its figures came from (database | package)

    @property
    def prev_period(self) -> Period | None:
        return period_for_year(self.session, self.period.school_year - 1)

    def _database(self) -> FigureSource | None:
        if not self._loaded:
            self._loaded = True
            prev = self.prev_period
            if prev is not None:
                try:
                    self._source = FigureSource(self.session, self.root_id, prev, self.spec)
                except NotFoundError:  # the unit did not count last year
                    self._source = None
        return self._source

    def __call__(self, unit_id: int) -> UnitFigures | None:
        if unit_id in self._cache:
            return self._cache[unit_id]
        out: UnitFigures | None = None
        source = self._database()
        if source is not None and source.has_data(unit_id):
            out = source.figures(unit_id)
            self.origin[unit_id] = DATABASE
        elif self.db is not None:
            out = self._from_package(unit_id)
        self._cache[unit_id] = out
        return out

    def _kept(self) -> set[str]:
        """Names of the kept packages of last year (listed once: most units have none)."""
        if self._kept_names is None:
            folder = kept_folder(self.db, self.period.school_year - 1) if self.db else None
            try:
                self._kept_names = {p.name for p in folder.iterdir()} if folder and folder.is_dir() else set()
            except OSError:
                self._kept_names = set()
        return self._kept_names

    def _from_package(self, unit_id: int) -> UnitFigures | None:
        if not self._kept():
            return None
        unit = self.session.get(Unit, unit_id)
        if unit is None or f"{unit.code}_{self.period.school_year - 1}学年{EXTENSION}" not in self._kept():
            return None
        found = package_input(self.db, unit.code, self.period, self.spec)
        if found is None:
            return None
        inp, extra, period = found
        self.origin[unit_id] = PACKAGE
        return UnitFigures(self.session, inp.unit, period, inp, self.spec, extra)
