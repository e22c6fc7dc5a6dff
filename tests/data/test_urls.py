"""Server URLs: the password is split off for storage and joined back only in memory."""

from __future__ import annotations

import pytest

from desktop.data.urls import (
    UrlError,
    credential_name,
    is_server_url,
    mask,
    normalise_server_url,
    split_password,
    with_password,
)

FULL = "postgresql+psycopg://clerk:s3cr%40t@10.0.0.5:5432/edureturns"


def test_split_keeps_everything_but_the_password() -> None:
    bare, password = split_password(FULL)
    assert bare == "postgresql+psycopg://clerk@10.0.0.5:5432/edureturns"
    assert password == "s3cr@t"
    assert "s3cr" not in bare


def test_compose_escapes_special_characters_and_round_trips() -> None:
    bare, password = split_password(FULL)
    assert with_password(bare, password) == FULL
    assert split_password(with_password(bare, "p@ss:/w?#"))[1] == "p@ss:/w?#"
    assert with_password(bare, None) == bare


def test_mask_hides_the_password() -> None:
    assert mask(FULL) == "postgresql+psycopg://clerk:***@10.0.0.5:5432/edureturns"
    assert mask("sqlite:////tmp/a.db") == "sqlite:////tmp/a.db"


def test_normalise_pins_the_driver_and_refuses_other_databases() -> None:
    assert normalise_server_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_server_url("postgresql://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"
    with pytest.raises(UrlError, match="只支持 PostgreSQL"):
        normalise_server_url("mysql://u@h/db")
    with pytest.raises(UrlError, match="缺少服务器名或数据库名"):
        normalise_server_url("postgresql://u@h")
    with pytest.raises(UrlError, match="格式不对"):
        normalise_server_url("not a url")


def test_server_or_file_and_key_store_name() -> None:
    assert is_server_url(FULL) and not is_server_url("sqlite:////tmp/a.db")
    assert credential_name(FULL) == "clerk@10.0.0.5:5432/edureturns"
    assert credential_name("postgresql+psycopg://clerk@h/db") == "clerk@h:5432/db"
