"""Before/after pairs on a busy machine: the same case from two checkouts, alternating, medians and ratio.

    git archive <before-revision> | tar -x -C /tmp/before          # the earlier code, no worktree needed
    cp benchmarks/<case module>.py /tmp/before/benchmarks/          # a case the earlier code lacks
    python -m benchmarks.paired --before /tmp/before --runs 5 benchmarks.reports_gui_bench:first_usable

``--after`` names a second exported checkout (default: this one); export it too when you
keep editing this one while the pairs run.

Each run is a fresh process (``harness.run_once``) started from the given checkout, so
``desktop`` is that checkout's code; runs alternate before, after, before, after… so a load
swing on a shared machine falls on both. Prints one Markdown row per case: the medians,
each run's seconds, and after / before.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from benchmarks.harness import ROOT, run_once


def pair(fn: str, before: Path, after: Path, fixtures: Path, runs: int) -> tuple[list[float], list[float]]:
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        for checkout, out in ((before, a), (after, b)):
            report = run_once(fn, fixtures, cwd=checkout)
            if "error" in report:
                raise RuntimeError(f"{fn} in {checkout}: {report['error']}")
            out.append(float(report["seconds"]))  # type: ignore[arg-type]
            print(f"  {fn} run {i + 1} {'before' if checkout == before else 'after'}: {out[-1]:.3f} s",
                  file=sys.stderr)
    return a, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.paired")
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the earlier revision")
    parser.add_argument("--after", type=Path, default=ROOT, help="a checkout of the later revision (default: this one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fixtures", type=Path, default=ROOT / "benchmarks" / "fixtures")
    parser.add_argument("cases", nargs="+", help="module:function of each case")
    args = parser.parse_args(argv)
    print("| case | before median s | after median s | after / before | before runs | after runs |")
    print("|---|---:|---:|---:|---|---|")
    for fn in args.cases:
        a, b = pair(fn, args.before.resolve(), args.after.resolve(), args.fixtures.resolve(), args.runs)
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"| {fn} | {ma:.3f} | {mb:.3f} | {mb / ma:.2f}× | {' '.join(f'{x:.2f}' for x in a)} | "
              f"{' '.join(f'{x:.2f}' for x in b)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
