"""`edureturns-cli key`: a server database's signing key carried from one PC to another by an admin.

Real PostgreSQL (``EDURETURNS_TEST_DATABASE_URL``), the real CLI in-process, a
key store per "PC" (tests/keystore.py); the password comes from the variable
scripts use. A SQLite file is told that its key travels with the file.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.services.packages.export import export_package
from tests.keystore import MemoryKeyring

ZERO = "本学年停办，无数据可报"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.postgres_only
def test_the_admin_moves_the_key_to_another_pc_with_a_password_protected_file(
    db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, key_file = db.url, tmp_path / "签名密钥.pem"
    first = export_package(db, tmp_path / "a", with_returns=False, zero_report=ZERO)  # PC A makes the key
    assert "key export" in first.notice
    code, said = _run(capsys, "key", "status", "--database-url", url)
    assert code == 0 and "在这台电脑上，与服务器数据库记录的一致" in said
    monkeypatch.setenv("EDURETURNS_KEY_PASSWORD", "短")
    code, said = _run(capsys, "key", "export", "--database-url", url, "--out", str(key_file))
    assert code == 2 and "至少需要 8 个字符" in said and not key_file.exists()
    monkeypatch.setenv("EDURETURNS_KEY_PASSWORD", "迁移口令 2026")
    code, said = _run(capsys, "key", "export", "--database-url", url, "--out", str(key_file))
    assert code == 0 and key_file.exists() and "导出到" in said
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # PC B
    try:
        code, said = _run(capsys, "key", "status", "--database-url", url)
        assert code == 0 and "不在这台电脑上" in said
        monkeypatch.setenv("EDURETURNS_KEY_PASSWORD", "不是这个口令")
        code, said = _run(capsys, "key", "import", "--database-url", url, str(key_file))
        assert code == 2 and "密码不对" in said
        monkeypatch.setenv("EDURETURNS_KEY_PASSWORD", "迁移口令 2026")
        code, said = _run(capsys, "key", "import", "--database-url", url, str(key_file))
        assert code == 0 and "这台电脑现在可以签名" in said
        code, said = _run(capsys, "key", "take-out", "--database-url", url)
        assert code == 2 and "已不在数据库中" in said
        second = export_package(db, tmp_path / "b", with_returns=False, zero_report=ZERO)
    finally:
        keyring.set_keyring(previous)
    from desktop.exchange.verify import open_package

    with open_package(first.path) as a, open_package(second.path) as b:
        assert a.signature is not None and b.signature is not None
        assert a.signature.public_key == b.signature.public_key


@pytest.mark.sqlite_only
def test_a_file_database_keeps_its_key_in_the_file(
    db: Database, db_path: Path, school: UnitRecord, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EDURETURNS_KEY_PASSWORD", "迁移口令 2026")
    code, said = _run(capsys, "key", "export", "--db", str(db_path), "--out", str(tmp_path / "k.pem"))
    assert code == 2 and "保存在数据库文件中" in said and not (tmp_path / "k.pem").exists()
    code, said = _run(capsys, "key", "status", "--db", str(db_path))
    assert code == 0 and "保存在本数据库文件中" in said
