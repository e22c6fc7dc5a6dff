"""``paused_gc``: collection paused over a build, never run on a thread other than the main one.

A collection destroys any cyclic garbage it finds, whoever made it; in the desktop
process that includes the GUI thread's Qt objects, and destroying those on a worker
thread crashed the test run (a segmentation fault in the 报表 page's background checks).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

import pytest

from desktop import collection
from desktop.collection import paused_gc


class Probe:
    """Cyclic garbage that says on which thread it was collected."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen
        self.me = self  # a reference cycle: only the cycle collector frees it

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def make_garbage(seen: list[str]) -> None:
    Probe(seen)


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    """Each test starts with automatic collection on and no owner, as a command-line process has."""
    was = gc.isenabled()
    gc.enable()
    gc.collect()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def on_thread(body: Callable[[], None], name: str = "worker") -> None:
    thread = threading.Thread(target=body, name=name)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()


def build() -> list[list[int]]:
    return [[i] for i in range(20_000)]  # enough allocations for several automatic collections


def test_a_section_on_another_thread_neither_collects_nor_freezes() -> None:
    seen: list[str] = []
    frozen = gc.get_freeze_count()
    make_garbage(seen)

    def work() -> None:
        with paused_gc():
            assert not gc.isenabled()
            build()

    on_thread(work)
    assert seen == []  # before: gc.collect() at the section's start freed it on the worker
    assert gc.get_freeze_count() == frozen  # garbage never collected must not be frozen for ever
    assert gc.isenabled()
    gc.collect()
    assert seen == [threading.main_thread().name]


def test_on_the_main_thread_old_garbage_goes_first_and_the_build_is_frozen() -> None:
    seen: list[str] = []
    frozen = gc.get_freeze_count()
    make_garbage(seen)
    with paused_gc():
        assert seen == [threading.main_thread().name]
        assert not gc.isenabled()
        rows = build()
    assert gc.get_freeze_count() >= frozen + len(rows)
    assert gc.isenabled()


def test_collection_comes_back_only_when_the_last_of_two_overlapping_sections_ends() -> None:
    inside, leave = threading.Event(), threading.Event()

    def work() -> None:
        with paused_gc():
            inside.set()
            leave.wait(30)

    thread = threading.Thread(target=work, name="worker")
    with paused_gc():
        thread.start()
        assert inside.wait(30)
    # Before: the main thread's section ended by turning collection back on under the worker.
    assert not gc.isenabled()
    assert collection.collection_paused()
    leave.set()
    thread.join(30)
    assert gc.isenabled()
    assert not collection.collection_paused()
