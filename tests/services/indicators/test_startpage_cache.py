"""概览's figures and reminders kept under the data stamp (issue 24): an unchanged database is not
computed again, not even after a restart; an edit forces a recompute.

Computations are counted (``startpage.COMPUTATIONS``), never timed; ``cache.forget_memory()``
drops what the process holds, as a restart does, so what then comes back without computing
came from the cache file and must equal a fresh computation.
"""

from __future__ import annotations

from datetime import date

from desktop.services.indicators import cache, startpage
from desktop.services.indicators.overview import overview
from desktop.services.indicators.reminders import reminders
from desktop.services.records.training import create_training, delete_training
from tests.services.conftest import County
from tests.services.indicators.test_indicator_cache import COURSE

AS_OF, TODAY = date(2025, 8, 31), date(2025, 9, 15)


def _computes(what: str, call: object) -> int:
    before = startpage.COMPUTATIONS[what]
    assert callable(call)
    call()
    return startpage.COMPUTATIONS[what] - before


def test_an_unchanged_database_shows_the_kept_figures_even_after_a_restart_and_an_edit_recomputes(
        county: County) -> None:
    db, office, period = county.db, county.office, county.period

    def figures() -> object:
        return startpage.overview_kept(db, period_id=period, as_of=AS_OF)

    def due() -> object:
        return startpage.reminders_kept(db, office, period, today=TODAY)

    assert _computes("overview", figures) == 1 and _computes("reminders", due) == 1
    assert _computes("overview", figures) == 0 and _computes("reminders", due) == 0
    cache.forget_memory()  # the program restarted: the files remain
    assert _computes("overview", figures) == 0 and _computes("reminders", due) == 0
    assert figures() == overview(db, period_id=period, as_of=AS_OF)  # read back from the file, equal to fresh
    assert due() == reminders(db, office, period, today=TODAY)
    record = create_training(db, county.staff["a4"], COURSE)  # an edit moves the stamp
    assert _computes("overview", figures) == 1 and _computes("reminders", due) == 1
    assert figures() == overview(db, period_id=period, as_of=AS_OF)
    delete_training(db, record.id)
    assert _computes("overview", figures) == 1 and _computes("reminders", due) == 1
    # another day is another key: the reminders count at today, the figures at the 统计时点
    assert _computes("reminders", lambda: startpage.reminders_kept(db, office, period, today=date(2025, 9, 16))) == 1
    assert _computes("overview", lambda: startpage.overview_kept(db, period_id=period, as_of=date(2025, 9, 1))) == 1


def test_a_corrupt_file_is_ignored_and_computed_again(county: County) -> None:
    db, period = county.db, county.period
    kept = startpage.overview_kept(db, period_id=period, as_of=AS_OF)
    files = sorted((cache.cache_dir() / "startpage").glob("*.json"))
    assert files
    for path in files:
        raw = path.read_bytes()
        path.write_bytes(raw[:-20])  # truncated: the digest no longer matches
    cache.forget_memory()
    assert _computes("overview", lambda: startpage.overview_kept(db, period_id=period, as_of=AS_OF)) == 1
    assert startpage.overview_kept(db, period_id=period, as_of=AS_OF) == kept
