"""`python -m benchmarks`: build or reuse the demo fixtures, time every case, append to RESULTS.md.

Options: --runs N (default 3), --only SUBSTRING (repeatable), --skip SUBSTRING (repeatable),
--no-display (leave out the GUI cases), --growth (1×/2×/4× county for import and indicators),
--city (the 6-county city), --no-append. Runs alternate between the cases (``harness.run_cases``).

The peers need the ``bench`` extra: ``pip install -e ".[bench]"`` (pandas for the
read_excel + to_sql peer of the package import, psycopg for the PostgreSQL timings).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.harness import ROOT, Case, append_results, run_cases, table

FIXTURES = ROOT / "benchmarks" / "fixtures"

CORE = [
    Case("demo school build", "—", "benchmarks.cases_core:demo_school"),
    Case("demo county build", "≤ 180 s", "benchmarks.cases_core:demo_county", max_seconds=180),
    Case("GROUP BY hours per person (county)", "limit for indicators", "benchmarks.cases_core:groupby_county"),
    Case("all indicators, county", "≤ 2 s", "benchmarks.cases_core:indicators_county",
         baseline="GROUP BY hours per person (county)", max_seconds=2.0),
    Case("all checks, county", "—", "benchmarks.cases_core:checks_county"),
]
GROWTH = [  # 1× is "all indicators, county"; the ratio column shows how cost grows
    Case("all indicators, 2 counties", "growth", "benchmarks.cases_core:indicators_city2",
         baseline="all indicators, county"),
    Case("all indicators, 4 counties", "growth", "benchmarks.cases_core:indicators_city4",
         baseline="all indicators, county"),
]
CITY = [
    Case("GROUP BY hours per person (city)", "limit for indicators", "benchmarks.cases_core:groupby_city"),
    Case("all indicators, city (6 counties)", "report", "benchmarks.cases_core:indicators_city",
         baseline="GROUP BY hours per person (city)"),
    Case("city indicators, cold (data changed)", "≤ 2 s", "benchmarks.cases_core:indicators_city_cold",
         baseline="GROUP BY hours per person (city)", max_seconds=2.0),
    Case("city indicators, one county's package changed", "≤ 2 s",
         "benchmarks.cases_core:indicators_city_county_changed",
         baseline="GROUP BY hours per person (city)", max_seconds=2.0),
    Case("city indicators, no training sums kept", "report", "benchmarks.cases_core:indicators_city_nothing_kept",
         baseline="GROUP BY hours per person (city)"),
    Case("city indicators, unchanged data (stamp + cached)", "≤ 2 s", "benchmarks.cases_core:indicators_city_kept",
         baseline="GROUP BY hours per person (city)", max_seconds=2.0),
    Case("gui: normal close after a change of one record, before the next cold start, city", "report",
         "benchmarks.cold_start:city_close_after_edit"),
    Case("gui: cold start after a session that changed a record and closed normally, city", "report",
         "benchmarks.cold_start:city_cold_start_after_edit",
         baseline="gui: bare PySide6 window with one table, cold"),
]


def all_cases(growth: bool, city: bool) -> list[Case]:
    cases = list(CORE)
    try:  # cases contributed by the other capabilities, when present
        from benchmarks.suites import EXTRA

        cases += EXTRA
    except ImportError:
        pass
    from benchmarks.city_bench import CITY_CASES, GROWTH_CASES

    if growth:
        cases += GROWTH + GROWTH_CASES
    if city:
        from benchmarks.floor_bench import CITY_CASES as CITY_FLOOR

        cases += CITY_CASES + CITY_FLOOR + CITY
    unique: dict[str, Case] = {}
    for case in cases:  # a fixture case shared by --growth and --city runs once
        unique.setdefault(case.name, case)
    return list(unique.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--skip", action="append", default=[], help="leave out cases whose name contains this")
    parser.add_argument("--no-display", action="store_true",
                        help="only the cases that need no window (no 'gui:' case): what the Windows lane runs")
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--city", action="store_true")
    parser.add_argument("--no-append", action="store_true")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # Windows consoles default to a code page without ≤ or 汉字
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    cases = all_cases(args.growth, args.city)
    if args.only:
        wanted = [c for c in cases if any(s in c.name for s in args.only)]
        names = {c.name for c in wanted}
        cases = [c for c in cases if c.name in names or any(w.baseline == c.name for w in wanted)]
    skipped = [s for s in args.skip] + (["gui:"] if args.no_display else [])
    cases = [c for c in cases if not any(s in c.name for s in skipped)]
    print(f"Running {len(cases)} cases × {args.runs} runs (fixtures in {args.fixtures})…", file=sys.stderr)
    results = run_cases(cases, args.fixtures, args.runs, lambda m: print(m, file=sys.stderr))
    text = table(results)
    print(text)
    if not args.no_append:
        command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
        print(f"appended to {append_results(text, command.strip())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
