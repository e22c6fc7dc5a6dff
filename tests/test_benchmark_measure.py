"""The benchmark harness measures on every platform the suite runs on (Linux, and Windows in the lane)."""

from __future__ import annotations

from benchmarks.measure import cpu_seconds, peak_rss_mb


def test_peak_memory_is_read_on_this_platform() -> None:
    before = peak_rss_mb()
    block = bytearray(64 * 1024 * 1024)  # touch 64 MB so the peak is at least that
    for i in range(0, len(block), 4096):
        block[i] = 1
    after = peak_rss_mb()
    assert before is not None and after is not None
    assert after >= 64 and after >= before


def test_cpu_seconds_grow_with_work() -> None:
    start = cpu_seconds()
    total = 0
    for i in range(3_000_000):
        total += i * i
    assert total > 0
    assert cpu_seconds() > start
