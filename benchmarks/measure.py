"""Process measurements that work on Linux, macOS and Windows (no Unix-only ``resource`` at import).

- ``cpu_seconds(children=False)`` — user + system CPU seconds of this process, or of its
  finished (waited-for) children, from ``os.times()``. On Windows ``os.times()`` has no
  children's figures, so ``children=True`` reads 0 there (the note says so).
- ``peak_rss_mb()`` — the peak resident set of this process: ``ru_maxrss`` on Unix, the peak
  working set (``GetProcessMemoryInfo``) on Windows; ``None`` where neither can be read.
"""

from __future__ import annotations

import os
import sys


def cpu_seconds(children: bool = False) -> float:
    t = os.times()
    return (t.children_user + t.children_system) if children else (t.user + t.system)


def _peak_rss_windows() -> float | None:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):  # PROCESS_MEMORY_COUNTERS
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    windll = ctypes.WinDLL  # type: ignore[attr-defined]
    psapi, kernel32 = windll("psapi"), windll("kernel32")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    # Without argtypes ctypes passes the pseudo-handle (-1 as an unsigned 64-bit value) as a C int.
    psapi.GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.POINTER(Counters), wintypes.DWORD]
    psapi.GetProcessMemoryInfo.restype = wintypes.BOOL
    ok = psapi.GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb)
    return counters.PeakWorkingSetSize / 1024 / 1024 if ok else None


def peak_rss_mb() -> float | None:
    if sys.platform == "win32":
        try:
            return _peak_rss_windows()
        except (OSError, AttributeError):
            return None
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux
