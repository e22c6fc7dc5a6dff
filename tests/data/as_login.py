"""Plain SQL as a login would send it (psql, Excel): what it may do, and the refusal when it may not."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from desktop.data.engine import Database
from desktop.domain.records import StaffData


def sql(database: Database, statement: str, **params: object) -> int:
    with database.engine.begin() as conn:
        return conn.execute(text(statement), params).rowcount


def denied(database: Database, statement: str, **params: object) -> str:
    with pytest.raises((ProgrammingError, DBAPIError)) as excinfo:
        sql(database, statement, **params)
    return str(excinfo.value.orig)


def person() -> StaffData:
    return StaffData(name="刘洋", id_number="11010519491231002X", teaching_stage="primary",
                     first_work_date=date(1970, 9, 1))
