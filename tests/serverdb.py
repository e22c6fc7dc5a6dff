"""Fresh PostgreSQL databases for the test suite, one per test, cloned from a migrated template.

When ``EDURETURNS_TEST_DATABASE_URL`` names a server (``.ci/pg.sh start`` prints one),
the ``db`` fixture gives every test its own database. Running ``upgrade`` for each of a
few hundred tests would cost seconds apiece, so the first request builds one template
database with the same ``upgrade`` and every test gets ``CREATE DATABASE … TEMPLATE``
of it (a file copy on the server), which ``upgrade`` then confirms is at head.
"""

from __future__ import annotations

import itertools
import os
import uuid

import psycopg
from sqlalchemy.engine import URL, make_url

from desktop.data.engine import Database
from desktop.data.migrate import upgrade

ENV = "EDURETURNS_TEST_DATABASE_URL"


def server_url() -> str | None:
    url = os.environ.get(ENV, "").strip()
    return url or None


def libpq(url: URL | str) -> str:
    """The same URL in the form psycopg.connect() takes."""
    u = make_url(url) if isinstance(url, str) else url
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


class ServerDatabases:
    """Creates and drops throwaway databases on the test server."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.prefix = f"edureturns_t{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self._counter = itertools.count(1)
        self._template: str | None = None
        self._made: set[str] = set()

    def _admin(self, sql: str) -> None:
        with psycopg.connect(libpq(self.url), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _template_name(self) -> str:
        if self._template is None:
            name = f"{self.prefix}_template"
            self._admin(f'CREATE DATABASE "{name}"')
            self._made.add(name)
            template = Database(self.url_for(name))
            upgrade(template)
            template.dispose()  # CREATE DATABASE … TEMPLATE needs it to have no connections
            self._template = name
        return self._template

    def create(self, *, migrated: bool = True) -> str:
        """A new database; at head (cloned from the template) or empty. Returns its URL."""
        name = f"{self.prefix}_{next(self._counter)}"
        if migrated:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._template_name()}"')
        else:
            self._admin(f'CREATE DATABASE "{name}"')
        self._made.add(name)
        return self.url_for(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        if name in self._made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._made.discard(name)

    def drop_all(self) -> None:
        for name in sorted(self._made, reverse=True):  # the template last
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()
