"""No output of `edureturns-cli` can crash, on a GBK console or redirected into a log file.

The commands run in a child process with real redirected standard streams: that is the
case that failed (a batch file's ``> log.txt``, a Chinese Windows console's code page).
䶮 is outside GBK (cp936); a teacher named 刘䶮 has it in her user folder, so it is in
the database path that every command prints.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.console import configure_streams

ROOT = Path(__file__).resolve().parents[2]
RARE_FOLDER = "刘䶮 的文档"


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    environ.update(env, EDURETURNS_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    out = tmp_path / "stdout.log"
    err = tmp_path / "stderr.log"
    with out.open("wb") as o, err.open("wb") as e:  # real files, as `> log.txt 2> err.txt` gives
        rc = subprocess.run([sys.executable, "-m", "desktop.cli", *args], stdout=o, stderr=e,
                            stdin=subprocess.DEVNULL, cwd=ROOT, env=environ, timeout=300, check=False).returncode
    return subprocess.CompletedProcess(args, rc, out.read_bytes(), err.read_bytes())


def _database(tmp_path: Path) -> Path:
    folder = tmp_path / RARE_FOLDER / "教育数据 2026"
    folder.mkdir(parents=True)
    return folder / "学校.db"


@pytest.mark.slow
def test_demo_on_a_gbk_console_finishes_and_its_output_reads_as_gbk(tmp_path: Path) -> None:
    db = _database(tmp_path)
    done = _run(["demo", "--scale", "school", "--db", str(db)], tmp_path, PYTHONIOENCODING="gbk")
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    out = done.stdout.decode("gbk")  # every byte is valid GBK
    assert "示例数据已生成" in out and "教育数据 2026" in out
    assert "刘? 的文档" in out  # the one character GBK lacks is replaced, the line is printed
    assert "预置问题" in out.splitlines()[-1]  # the last line, where it used to stop
    assert db.exists()


def test_an_error_on_a_gbk_console_is_printed_and_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / RARE_FOLDER / "没有这个.db"
    done = _run(["check", "--db", str(missing)], tmp_path, PYTHONIOENCODING="gbk")
    assert done.returncode == 2
    err = done.stderr.decode("gbk")
    assert "找不到数据库文件" in err and "没有这个.db" in err
    assert "Traceback" not in err


def test_output_redirected_to_a_file_is_utf8_without_a_byte_order_mark(tmp_path: Path) -> None:
    """A log written by a batch file reads back whole, 䶮 included, in Notepad or any editor."""
    db = _database(tmp_path)
    init = ["init", "--db", str(db), "--code", "2144012345", "--name", "龙川县䶮山小学", "--category", "211",
            "--parent", "441622", "--year", "2025"]
    done = _run(init, tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")
    assert not out.startswith("\ufeff")  # no byte-order mark: `>>` appends runs to one log
    assert RARE_FOLDER in out and "龙川县䶮山小学" in out
    again = _run(init, tmp_path)  # refused: the file exists; the reason is on stderr
    assert again.returncode == 2
    assert RARE_FOLDER in again.stderr.decode("utf-8")


def _redirected(path: Path, encoding: str) -> io.TextIOWrapper:
    """A standard stream as Windows Python opens it when it is redirected to ``path``:
    a buffered file in the ANSI code page (cp936 on a Chinese Windows), strict errors."""
    return io.TextIOWrapper(io.BufferedWriter(io.FileIO(path, "w")), encoding=encoding, errors="strict")


@pytest.mark.parametrize("code_page", ["cp936", "cp1252"])
def test_redirected_streams_in_an_ansi_code_page_become_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code_page: str
) -> None:
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    out, err = _redirected(tmp_path / "out.log", code_page), _redirected(tmp_path / "err.log", code_page)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    configure_streams()
    print("教职工 刘䶮、王堃")
    print("找不到数据库文件：C:\\Users\\刘䶮\\教育数据 2026\\学校.db", file=sys.stderr)
    out.close()
    err.close()
    assert (tmp_path / "out.log").read_bytes().decode("utf-8").splitlines() == ["教职工 刘䶮、王堃"]
    assert "刘䶮\\教育数据 2026" in (tmp_path / "err.log").read_bytes().decode("utf-8")


def test_an_encoding_the_user_chose_is_kept_and_cannot_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONIOENCODING", "gbk")
    out = _redirected(tmp_path / "out.log", "gbk")
    monkeypatch.setattr(sys, "stdout", out)
    configure_streams()
    print("刘䶮")
    out.close()
    assert (tmp_path / "out.log").read_bytes().decode("gbk").splitlines() == ["刘?"]
