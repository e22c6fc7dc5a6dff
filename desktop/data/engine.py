"""Engine factory and the per-use-case unit of work.

SQLite is opened so that the guarantees in reliability-notes §1.6 hold on every
pooled connection: foreign keys on, WAL on local disk, synchronous FULL, a busy
timeout, trusted_schema off. The stdlib driver's legacy transaction handling
(no BEGIN before SELECT or DDL) is replaced by explicit BEGIN so DDL and
SAVEPOINTs are transactional; writes take ``BEGIN IMMEDIATE`` so two writers
wait for each other instead of failing on a lock upgrade.

Nothing here runs at import time; the composition root makes one ``Database``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.data.inuse import UseMark

BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10


def sqlite_url(path: str | Path, key: str | None = None) -> str:
    """URL of a SQLite file; with ``key`` an SQLCipher-encrypted one (see desktop/data/cipher.py)."""
    if key is not None:
        from desktop.data.cipher import sqlcipher_url

        return sqlcipher_url(path, key)
    return f"sqlite:///{Path(path).resolve()}"


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine, *, journal_mode: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Autocommit mode at the driver level: PRAGMAs below take effect (they are
        # silently ignored inside an open transaction) and BEGIN is ours to issue.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA journal_mode = {journal_mode}")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA trusted_schema = OFF")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str, *, journal_mode: str = "WAL", echo: bool = False) -> Engine:
    """An engine for ``url`` with the connection settings this app relies on."""
    if _is_sqlite(url):
        engine = create_engine(
            url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        _configure_sqlite(engine, journal_mode=journal_mode)
        return engine
    # A server that does not answer is reported after 10 s instead of hanging the app for minutes.
    return create_engine(url, echo=echo, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


class Database:
    """One database the app works on: its URL, engine and session factory."""

    def __init__(self, url: str, *, journal_mode: str = "WAL", key: str | None = None) -> None:
        self.url = url
        self.key = key  # SQLCipher key of an encrypted file (backups and checks need it too)
        self.engine = make_engine(url, journal_mode=journal_mode)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # A file in use is marked for other processes (restore refuses it); see data/inuse.py.
        self._use: UseMark | None = None
        self._use_lock = threading.Lock()  # pool connections open on worker threads
        if self.path is not None:
            self._mark_in_use()
            event.listen(self.engine, "connect", lambda *_: self._mark_in_use())  # back in use after dispose()

    def _mark_in_use(self) -> None:
        path = self.path
        with self._use_lock:
            if path is None or (self._use is not None and self._use.held):
                return
            self._use = UseMark.acquire(path)
            if self._use is not None:
                weakref.finalize(self, self._use.release)  # a Database dropped without dispose()

    @classmethod
    def for_path(cls, path: str | Path, *, key: str | None = None) -> Database:
        """A local SQLite file; one on a network share is refused (netpath.check_local, R6)."""
        from desktop.data.netpath import check_local

        # Allowed by the environment only: then the rollback journal (WAL needs one host).
        journal = "DELETE" if check_local(path) else "WAL"
        return cls(sqlite_url(path, key), key=key, journal_mode=journal)

    @property
    def is_sqlite(self) -> bool:
        return _is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        """The database file for SQLite, else None."""
        if not self.is_sqlite:
            return None
        db = make_url(self.url).database
        return Path(db) if db and db != ":memory:" else None

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A unit of work: one transaction, committed on success, rolled back on error."""
        session = self._sessions()
        try:
            if write and self.is_sqlite:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """SQLite: a statement still running ``seconds`` after entering is interrupted (the driver
        raises ``sqlite3.OperationalError``); for work that may be given up, such as keeping 概览 for
        the next start while the program closes. Connections taken from the pool inside only."""
        if not self.is_sqlite:
            yield
            return
        end = time.monotonic() + seconds
        limited: list[Any] = []

        def over() -> int:
            return 1 if time.monotonic() > end else 0

        def on_checkout(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
            dbapi_conn.set_progress_handler(over, 10_000)
            limited.append(dbapi_conn)

        event.listen(self.engine, "checkout", on_checkout)
        try:
            yield
        finally:
            event.remove(self.engine, "checkout", on_checkout)
            for conn in limited:
                with suppress(sqlite3.Error):  # closed meanwhile
                    conn.set_progress_handler(None, 0)

    def dispose(self) -> None:
        """Close every connection; the file is no longer marked in use until the next query."""
        self.engine.dispose()
        with self._use_lock:
            if self._use is not None:
                self._use.release()
