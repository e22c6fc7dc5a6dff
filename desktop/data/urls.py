"""Database URLs without secrets: split, mask and compose.

The settings file and the screen only ever see a URL without its password
(``postgresql+psycopg://clerk@10.0.0.5:5432/edureturns``); the password lives in
the OS key store or is typed at connect time and joined in memory
(``with_password``). Pure functions, no I/O.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SERVER_DRIVER = "postgresql+psycopg"


class UrlError(ValueError):
    """The text is not a database URL this program can use (message in Chinese)."""


def parse(url: str) -> URL:
    try:
        return make_url(url.strip())
    except ArgumentError as exc:
        raise UrlError(
            "数据库地址格式不对。服务器地址应写成 postgresql+psycopg://用户名@服务器:5432/数据库名。"
        ) from exc


def is_server_url(url: str) -> bool:
    return parse(url).get_backend_name() != "sqlite"


def normalise_server_url(url: str) -> str:
    """Accept ``postgresql://`` / ``postgres://`` as well, and pin the psycopg 3 driver."""
    u = parse(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    if u.get_backend_name() != "postgresql":
        raise UrlError(f"只支持 PostgreSQL 服务器（postgresql+psycopg://…），不支持“{u.get_backend_name()}”。")
    if not u.host or not u.database:
        raise UrlError("服务器地址缺少服务器名或数据库名，例如 postgresql+psycopg://用户名@192.168.1.10:5432/edureturns。")
    return u.set(drivername=SERVER_DRIVER).render_as_string(hide_password=False)


def split_password(url: str) -> tuple[str, str | None]:
    """(the URL without a password, the password or None)."""
    u = parse(url)
    # URL.set(password=None) means "leave it"; build the URL again without one.
    bare = URL.create(u.drivername, username=u.username, host=u.host, port=u.port, database=u.database,
                      query=u.query)
    return bare.render_as_string(hide_password=False), u.password


def with_password(url: str, password: str | None) -> str:
    """``url`` with ``password`` joined in (special characters are escaped); unchanged for None."""
    if not password:
        return url
    return parse(url).set(password=password).render_as_string(hide_password=False)


def mask(url: str) -> str:
    """For screens and logs: the password, if any, as ***."""
    return parse(url).render_as_string(hide_password=True)


def credential_name(url: str) -> str:
    """The key-store entry a password is kept under: user@host:port/database."""
    u = parse(url)
    return f"{u.username or ''}@{u.host or ''}:{u.port or 5432}/{u.database or ''}"


def server_url_from_parts(host: str, port: str, database: str, user: str) -> str:
    """The server URL (without password) from the fields of a connection form; UrlError says what is wrong."""
    host, port, database, user = host.strip(), port.strip(), database.strip(), user.strip()
    if not host:
        raise UrlError("请填写服务器地址，例如 192.168.1.10 或 server.local。")
    if any(c in host for c in " /@:?#"):
        raise UrlError(f"服务器地址“{host}”不对：只填服务器名或 IP 地址，不要带 http://、端口或斜杠。")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UrlError(f"端口“{port}”不对：端口是 1 到 65535 之间的数字，PostgreSQL 一般是 5432。")
    if not database:
        raise UrlError("请填写数据库名（一般是 edureturns，问管理员）。")
    if not user:
        raise UrlError("请填写数据库用户名（管理员为您建立的登录名）。")
    return URL.create(SERVER_DRIVER, username=user, host=host, port=int(port),
                      database=database).render_as_string(hide_password=False)


def server_parts(url: str) -> tuple[str, str, str, str]:
    """(host, port, database, user) of a server URL, for filling a connection form."""
    u = parse(url)
    return u.host or "", str(u.port or 5432), u.database or "", u.username or ""


def server_label(url: str) -> str:
    """How a server database is named on screen: database@host:port (user)."""
    u = parse(url)
    return f"{u.database}@{u.host}:{u.port or 5432}（{u.username or ''}）"
