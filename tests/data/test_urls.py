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


def test_server_url_from_the_fields_of_the_connection_form() -> None:
    from desktop.data.urls import server_label, server_parts, server_url_from_parts

    url = server_url_from_parts(" 10.0.0.5 ", "5433", "edureturns", "zhangsan")
    assert url == "postgresql+psycopg://zhangsan@10.0.0.5:5433/edureturns"
    assert server_parts(url) == ("10.0.0.5", "5433", "edureturns", "zhangsan")
    assert server_label(url) == "edureturns@10.0.0.5:5433（zhangsan）"


@pytest.mark.parametrize(("fields", "says"), [
    (("", "5432", "edureturns", "u"), "请填写服务器地址"),
    (("http://srv", "5432", "edureturns", "u"), "不要带 http://"),
    (("srv", "54x2", "edureturns", "u"), "端口“54x2”不对"),
    (("srv", "70000", "edureturns", "u"), "1 到 65535"),
    (("srv", "5432", "", "u"), "请填写数据库名"),
    (("srv", "5432", "edureturns", " "), "请填写数据库用户名"),
])
def test_each_wrong_field_is_named_in_chinese(fields: tuple[str, str, str, str], says: str) -> None:
    from desktop.data.urls import UrlError, server_url_from_parts

    with pytest.raises(UrlError, match=says):
        server_url_from_parts(*fields)
