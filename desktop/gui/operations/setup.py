"""Operations of the first-run wizard: create or open a database, build the demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.records import PeriodRecord, UnitData, UnitRecord
from desktop.services.admin import backups, database
from desktop.services.admin.database import CheckResult as CheckResult  # the GUI shows it
from desktop.services.admin.database import DamagedDatabase as DamagedDatabase  # shown by the GUI
from desktop.services.admin.database import Database
from desktop.services.core.errors import ServiceError
from desktop.services.records import units
from desktop.services.year import periods


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    path: Path
    db: Database
    unit: UnitRecord
    period: PeriodRecord
    server_url: str | None = None  # the shared server database (URL without password); None for a file
    check_pending: bool = False  # not closed cleanly: the window stays locked until ``check_database`` passes


def open_database(*, path: Path, defer_check: bool = False) -> OpenedDatabase:
    """Open (and upgrade, after a backup) an existing database file.

    ``defer_check``: a file not closed cleanly opens at once with ``check_pending`` (the
    start-up shows its window locked and runs ``check_database`` in the background)."""
    if not path.exists():
        raise ServiceError(f"找不到数据库文件 {path}。请检查路径，或新建一个数据库。")
    # Quick check, the day's backup, the schema upgrade: the same steps as the command line.
    opened = database.open_database(path, defer_check=defer_check)
    db, unit = opened.db, opened.home
    if unit is None:
        db.dispose()
        raise ServiceError("这个数据库还没有所属单位，不是一个完整的 EduReturns 数据库。请新建数据库。")
    period = periods.latest_period(db)
    if period is None:
        today = date.today()
        period = periods.ensure_period(db, today.year if today.month >= 9 else today.year - 1)
    return OpenedDatabase(path, db, unit, period, check_pending=opened.check_pending)


def check_database(db: Database, on_step: Callable[[], None] | None = None) -> CheckResult:
    """The start-up check deferred by ``open_database``; safe on a thread of its own."""
    return database.check_deferred(db, on_step=on_step)


def set_damaged_aside(path: Path, problems: list[str], key: str | None) -> DamagedDatabase:
    """After a failed check, with the database closed: rename the file aside, name the best backup."""
    return database.set_aside(path, problems, key=key)


def restore_and_open(*, path: Path, backup: Path) -> OpenedDatabase:
    """After a damaged file was moved aside: restore ``backup`` to ``path`` and open it."""
    if path.exists():
        raise ServiceError(f"{path.name} 仍然存在，不能在它上面恢复。请关闭使用它的程序后再试。")
    backups.restore_into(path, backup)
    return open_database(path=path)


def create_database(*, path: Path, unit: UnitData, school_year: int) -> OpenedDatabase:
    """A new database file with its home unit and first period."""
    if path.exists():
        raise ServiceError(f"文件 {path.name} 已经存在。请换一个文件名，或选择“打开已有数据库”。")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = database.new_database(path)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    try:
        home = units.create_home_unit(db, unit, actor="gui")
        period = periods.ensure_period(db, school_year)
    except Exception:
        db.dispose()
        path.unlink(missing_ok=True)  # nothing useful was written: leave no half-made file
        raise
    return OpenedDatabase(path, db, home, period)


def build_demo_database(*, path: Path, scale: str, report: Callable[[int, int, str], None],
                        today: date | None = None) -> OpenedDatabase:
    """The demo school (or county) in the data folder, via ``desktop.services.demo``.

    Of the 学年 ``today`` falls in (the year the wizard proposes for a new database), with its
    报送截止 still ahead: a demo never opens already overdue."""
    # The demo's name lists load when a demo is built, not at every start.
    from desktop.services import demo

    if path.exists():
        path.unlink()
    db = database.new_database(path)
    try:
        demo.build_demo(db, scale, progress=lambda text, share: report(int(share * 100), 100, text),
                        today=today or date.today())
    except BaseException:
        db.dispose()
        path.unlink(missing_ok=True)  # a cancelled or failed demo leaves no half-built file
        raise
    db.dispose()
    return open_database(path=path)


def warm_start_page(opened: OpenedDatabase) -> None:
    """概览's figures for the view a start shows, computed and kept (``startpage.overview_kept``) on the
    worker right after the open, while the main thread builds the window; the page's own load then
    finds them kept. Only when nothing is pending: no start-up check, the home unit, no login asked."""
    from desktop.services.core.users import start_actor
    from desktop.services.indicators.startpage import overview_kept

    if opened.check_pending or not opened.unit.is_home or start_actor(opened.db) is None:
        return
    overview_kept(opened.db, period_id=opened.period.id, as_of=opened.period.census_date,
                  home_unit_id=opened.unit.id)


#: How long closing may spend keeping 概览 for the next start (the county computes it in ~0.3 s).
KEEP_START_SECONDS = 2.0


def keep_start_view(db: Database, *, seconds: float | None = None) -> bool:
    """At a normal close, the window already hidden, before the file is marked closed cleanly: 概览's
    figures kept for the next start's first paint when the data changed since they were kept
    (``startpage.keep_start``; gives up after ``seconds``, by default ``KEEP_START_SECONDS``; never raises). True: the start file matches."""
    from desktop.services.indicators.startpage import keep_start

    return keep_start(db, seconds=KEEP_START_SECONDS if seconds is None else seconds)
