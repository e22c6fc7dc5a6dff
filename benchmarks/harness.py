"""The benchmark harness: run each case in a fresh process, several times, and report.

A case is a function ``fn(fixtures: Fixtures) -> Measurement`` named as
``"module:function"``. Each run happens in its own child process so that peak
memory (ru_maxrss) belongs to that case alone and caches do not leak between
cases. The table shows the median, min and max of the timed section, the peak
RSS, and — where the case names a baseline measured in the same run — the
ratio to it, next to the target from the issue.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Measurement:
    seconds: float
    items: int = 0  # rows/cells/pages processed, for throughput
    note: str = ""


@dataclass
class Case:
    name: str
    target: str  # shown in the table, from the issue
    fn: str  # "benchmarks.module:function"
    baseline: str | None = None  # name of another case measured in the same run
    max_seconds: float | None = None
    max_ratio: float | None = None  # case / baseline time must be at most this
    min_speedup: float | None = None  # baseline / case time must be at least this (peer comparisons)
    min_throughput_ratio: float | None = None  # (items/s) / (baseline items/s) at least this
    max_rss_mb: float | None = None
    runs: int | None = None  # override the global run count (e.g. long builds)


@dataclass
class Result:
    case: Case
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    items: int = 0
    note: str = ""
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def child_env() -> dict[str, str]:
    """The environment of a case's process: offscreen Qt, and bytecode caching on.

    An installed program runs from compiled bytecode; with PYTHONDONTWRITEBYTECODE set
    (as in some shells and CI images) every fresh process would compile the whole
    program again and a cold start would measure the compiler.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(fn: str, fixtures_dir: Path, cwd: Path = ROOT) -> dict[str, object]:
    """Run one case in a child process (from the checkout at ``cwd``); returns its JSON report."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", fn, str(fixtures_dir)],
        capture_output=True, text=True, cwd=cwd, env=child_env(),
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]}
    report: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def run_cases(cases: list[Case], fixtures_dir: Path, runs: int, log: Callable[[str], None]) -> list[Result]:
    """Run every case ``runs`` times (or its own ``runs``), alternating: run 1 of each case, then run 2 of each…

    Alternating pairs a case with its baseline in time, so a load swing on a shared machine
    falls on both; the medians of the pairs are compared. The first round keeps the listed
    order (a fixture case runs before the cases that use it).
    """
    results = [Result(case) for case in cases]
    for i in range(max((c.runs or runs) for c in cases) if cases else 0):
        for result in results:
            case = result.case
            if result.error or i >= (case.runs or runs):
                continue
            log(f"  {case.name} run {i + 1}…")
            report = run_once(case.fn, fixtures_dir)
            if "error" in report:
                result.error = " ".join(str(x) for x in report["error"])  # type: ignore[attr-defined]
                continue
            result.seconds.append(float(report["seconds"]))  # type: ignore[arg-type]
            rss = report.get("rss_mb")
            result.rss_mb.append(float("nan") if rss is None else float(rss))  # type: ignore[arg-type]
            result.items = int(report.get("items", 0))  # type: ignore[call-overload]
            result.note = str(report.get("note", ""))
    return results


def verdict(result: Result, by_name: dict[str, Result]) -> tuple[str, str]:
    """(ratio text, 'met'/'MISSED'/'') for one result."""
    case = result.case
    if result.error or not result.seconds:
        return "", "ERROR"
    checks: list[bool] = []
    ratio_text = ""
    base = by_name.get(case.baseline or "")
    if base and base.seconds:
        ratio = result.median / base.median
        ratio_text = f"{ratio:.2f}× {case.baseline}"
        if case.max_ratio is not None:
            checks.append(ratio <= case.max_ratio)
        if case.min_speedup is not None:
            ratio_text = f"{1 / ratio:.1f}× faster than {case.baseline}"
            checks.append(1 / ratio >= case.min_speedup)
        if case.min_throughput_ratio is not None and result.items and base.items:
            tp = (result.items / result.median) / (base.items / base.median)
            ratio_text = f"{tp:.0%} of {case.baseline} items/s"
            checks.append(tp >= case.min_throughput_ratio)
    if case.max_seconds is not None:
        checks.append(result.median <= case.max_seconds)
    if case.max_rss_mb is not None and _peak(result) == _peak(result):  # no figure (nan): not judged
        checks.append(_peak(result) <= case.max_rss_mb)
    if not checks:
        return ratio_text, ""
    return ratio_text, "met" if all(checks) else "MISSED"


def _peak(result: Result) -> float:
    known = [x for x in result.rss_mb if x == x]
    return max(known) if known else float("nan")


def table(results: list[Result]) -> str:
    by_name = {r.case.name: r for r in results}
    lines = [
        "| case | median s | min s | max s | peak RSS MB | items | vs baseline | target | verdict |",
        "|---|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in results:
        ratio, mark = verdict(r, by_name)
        if r.error:
            lines.append(f"| {r.case.name} | — | — | — | — | — | — | {r.case.target} | ERROR: {r.error[:80]} |")
            continue
        lines.append(
            f"| {r.case.name} | {r.median:.3f} | {min(r.seconds):.3f} | {max(r.seconds):.3f} | "
            f"{_rss_text(r)} | {r.items or ''} | {ratio} | {r.case.target} | {mark} |"
        )
    return "\n".join(lines)


def _rss_text(result: Result) -> str:
    peak = _peak(result)
    return "—" if peak != peak else f"{peak:.0f}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT).stdout
        return out.stdout.strip() + ("+dirty" if dirty.strip() else "")
    except OSError:
        return "unknown"


def append_results(text: str, command: str) -> Path:
    path = ROOT / "benchmarks" / "RESULTS.md"
    header = "" if path.exists() else "# Benchmark results\n\nAppended by `python -m benchmarks` (`make bench`).\n"
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    block = f"\n## {stamp} — revision {revision()}\n\nMachine: {machine()}  \nCommand: `{command}`\n\n{text}\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(header + block)
    return path
