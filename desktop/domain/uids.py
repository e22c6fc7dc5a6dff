"""Time-ordered record identities (UUIDv7 layout, RFC 9562) as 32 hex digits.

Every editable row carries a ``uid`` that stays the same across databases
(packages, resubmissions). A random uuid4 scatters consecutive inserts all
over the unique index on ``uid``, so every insert lands on a different B-tree
page; a uid that starts with the creation time in milliseconds keeps rows
made together next to each other in the index and new rows at its right edge.
Python 3.11 has no ``uuid.uuid7``, hence this small function: 48 bits of
Unix time in ms, the version nibble 7, 12 bits of a per-process sequence
(monotonic within one millisecond), the variant bits and 62 random bits.
"""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_seq = 0


def uuid7_int(now_ms: int | None = None) -> int:
    """A 128-bit UUIDv7 value; increasing within this process for uids made in order."""
    global _last_ms, _seq
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms <= _last_ms:
            # Same millisecond (or the clock went back): stay after the previous uid.
            ms = _last_ms
            _seq += 1
            if _seq > 0xFFF:
                ms, _seq = ms + 1, 0
        else:
            _seq = 0
        _last_ms = ms
        seq = _seq
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    return (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | seq << 64 | 0b10 << 62 | rand


def uuid7_hex(now_ms: int | None = None) -> str:
    """The 32-hex-digit form stored in ``uid`` columns (sorts in creation order)."""
    return f"{uuid7_int(now_ms):032x}"


def uid_time_ms(uid: str) -> int | None:
    """The creation time (ms since 1970) of a UUIDv7 uid; None for other uids (uuid4 of older rows)."""
    if len(uid) != 32 or uid[12] != "7":
        return None
    try:
        return int(uid[:12], 16)
    except ValueError:
        return None
