"""The journal beside the database: what the database file itself cannot vouch for.

Restoring a backup replaces everything in the file — approvals and the audit
log included — so a record of the restore kept *inside* the file would be
overwritten by the restore itself, and a person who deletes the newest audit
entries leaves a chain that is still internally consistent. This journal is a
separate, append-only file beside the database (``<name>.journal``, one JSON
object per line) that anchors the audit chain from outside:

* ``backup``: every verified backup, with the audit head (last entry's id and
  hash) and the approvals at that moment;
* ``export``: every package, with the audit head the manifest also carries;
* ``restore``: who restored which backup, the heads before and after, and the
  approvals it undid.

``check_anchors`` then finds a chain that is shorter than, or different from,
what an earlier anchor saw — the deleted newest entries that the hash chain
alone cannot show. The journal is plain text and as protected as the folder
it lives in: whoever can rewrite both the database and its journal is not
stopped, only someone who edits one of them (docs/security.md §4).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.data import cipher


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".journal")


@dataclass(frozen=True, slots=True)
class Head:
    """The newest audit entry: its id, its hash and how many entries there are."""

    last_id: int
    hash: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"last_id": self.last_id, "hash": self.hash, "count": self.count}


def head_of(conn: sqlite3.Connection) -> Head:
    row = conn.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return Head(int(row[0]), str(row[1]), int(count)) if row else Head(0, "", 0)


def approvals_of(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(unit code, school year) of every approved unit period."""
    rows = conn.execute("SELECT u.code, p.school_year FROM unit_periods up JOIN units u ON u.id = up.unit_id "
                        "JOIN periods p ON p.id = up.period_id WHERE up.state = 'approved' ORDER BY 1, 2").fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


def snapshot(path: Path, key: str | None = None) -> tuple[Head, list[tuple[str, int]]]:
    """The audit head and the approvals of the database file at ``path``."""
    conn = cipher.connect(path, key, readonly=True)
    try:
        return head_of(conn), approvals_of(conn)
    finally:
        conn.close()


def append(db_path: Path, event: str, **fields: Any) -> None:
    """Add one line (flushed to disk); the journal is never rewritten."""
    line = json.dumps({"at": datetime.now().isoformat(timespec="seconds"), "event": event, **fields},
                      ensure_ascii=False)
    with open(journal_path(db_path), "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def read(db_path: Path) -> list[dict[str, Any]]:
    path = journal_path(db_path)
    if not path.exists():
        return []
    out: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn last line after a crash
        if isinstance(entry, dict):
            out.append(entry)
    return out


def check_anchors(db_path: Path, conn: sqlite3.Connection) -> list[str]:
    """Chinese sentences for every anchor since the last restore that the audit log no longer matches."""
    entries = read(db_path)
    restores = [i for i, e in enumerate(entries) if e.get("event") == "restore"]
    since = entries[restores[-1]:] if restores else entries
    problems: list[str] = []
    current = head_of(conn)
    for e in since:
        head = e.get("head") if e.get("event") != "restore" else e.get("after")
        if not isinstance(head, dict) or not head.get("last_id"):
            continue
        last_id, digest = int(head["last_id"]), str(head.get("hash", ""))
        row = conn.execute("SELECT entry_hash FROM audit_log WHERE id = ?", (last_id,)).fetchone()
        when, what = e.get("at", ""), {"backup": "备份", "export": "导出数据包", "restore": "恢复"}.get(
            str(e.get("event")), str(e.get("event")))
        if row is None:
            problems.append(f"操作日志在 {when}（{what}时）已有第 {last_id} 条，现在只到第 {current.last_id} 条："
                            "最新的记录被删除了。请从该时间之后的备份核对数据，并查明是谁改动了数据库文件。")
            break
        if row[0] != digest:
            problems.append(f"操作日志第 {last_id} 条与 {when}（{what}时）记下的不一致：日志被改写过。"
                            "请从该时间之后的备份核对数据，并查明是谁改动了数据库文件。")
            break
    return problems


def last_restore(db_path: Path) -> dict[str, Any] | None:
    restores = [e for e in read(db_path) if e.get("event") == "restore"]
    return restores[-1] if restores else None
