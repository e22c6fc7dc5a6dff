"""Time-ordered uids (UUIDv7 layout): valid UUIDs, sorted in creation order, unique."""

from __future__ import annotations

import uuid

from desktop.data.base import new_uid
from desktop.domain.uids import uid_time_ms, uuid7_hex


def test_uids_are_version_7_uuids_with_the_creation_time() -> None:
    u = uuid7_hex(now_ms=1_764_000_000_000)
    parsed = uuid.UUID(hex=u)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert len(u) == 32 and uid_time_ms(u) >= 1_764_000_000_000


def test_uids_made_in_order_sort_in_order_even_within_one_millisecond() -> None:
    made = [uuid7_hex(now_ms=1_700_000_000_000) for _ in range(5000)]  # > 4096: spills into the next ms
    assert made == sorted(made) and len(set(made)) == len(made)
    later = [new_uid() for _ in range(100)]
    assert later == sorted(later)


def test_older_random_uids_have_no_time() -> None:
    assert uid_time_ms(uuid.uuid4().hex) is None
    assert uid_time_ms("not-a-uid") is None
