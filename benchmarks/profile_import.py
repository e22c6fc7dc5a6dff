"""cProfile of a package import into an empty county database, in-process (no timing target).

    python -m benchmarks.profile_import FOLDER [--top 35]

FOLDER holds the packages (for instance a copy of the first 60 of
``benchmarks/fixtures/packages-county``). Prints the functions by cumulative and by own time;
used for the import profiles in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from pathlib import Path

from benchmarks.fixtures import Fixtures


def main() -> None:
    from benchmarks.packages_bench import _empty_county
    from desktop.services.packages.export import import_packages

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = _empty_county(Fixtures(Path(tmp)), "profile")
        profile = cProfile.Profile()
        profile.enable()
        summary = import_packages(db, [args.folder])
        profile.disable()
        db.dispose()
    print(f"{summary.count('imported')} of {len(summary.results)} packages imported")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top // 2)


if __name__ == "__main__":
    main()
