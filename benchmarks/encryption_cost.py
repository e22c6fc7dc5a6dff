"""What SQLCipher costs on the county demo (300 schools, ~8,000 staff): plain vs encrypted.

Times, for a plain file, an SQLCipher file with a raw key (key store mode) and one
with a passphrase (PBKDF2 on every new connection): building the county demo
(bulk inserts), listing all staff through the service, the roster query a
return runs, a verified backup, and opening a fresh connection.

Run: ``python -m benchmarks.encryption_cost``. Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop.data import cipher
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.services.admin import backups
from desktop.services.demo import build_demo
from desktop.services.records.staff import list_staff


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def run(label: str, folder: Path, key: str | None) -> dict[str, float]:
    path = folder / f"{label}.db"
    db = Database.for_path(path, key=key)
    upgrade(db)
    out: dict[str, float] = {}
    out["build county demo"], _ = _timed(lambda: build_demo(db, "county"))
    out["list all staff"], staff = _timed(lambda: list_staff(db))
    out["staff"] = len(staff)

    def roster() -> int:
        with db.session() as s:
            return len(s.execute(text("SELECT s.name, s.id_number, u.name FROM staff s JOIN units u "
                                      "ON u.id = s.unit_id ORDER BY u.code, s.name_pinyin")).all())
    out["roster query"], _ = _timed(roster)
    out["verified backup"], _ = _timed(lambda: backups.backup_before(db, "bench"))
    db.dispose()

    def reopen() -> None:
        fresh = Database.for_path(path, key=key)
        with fresh.session() as s:
            s.execute(text("SELECT count(*) FROM staff")).scalar()
        fresh.dispose()
    out["open + first query"], _ = _timed(reopen)
    out["file MB"] = path.stat().st_size / 1e6
    return out


def main() -> None:
    if not cipher.available():
        raise SystemExit("sqlcipher3 is not installed")
    variants = {"plain": None, "sqlcipher raw key": cipher.new_raw_key(),
                "sqlcipher passphrase": "县教育局 2025 数据口令"}
    with tempfile.TemporaryDirectory() as tmp:
        for label, key in variants.items():  # printed as each finishes (the county build is slow)
            result = run(label.replace(" ", "-"), Path(tmp), key)
            print(f"{label:22} " + "  ".join(f"{k}={v:.3f}" for k, v in result.items()), flush=True)


if __name__ == "__main__":
    main()
