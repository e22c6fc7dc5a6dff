"""Child process for the crash harness: writes until it is killed.

    python crash_child.py            (reads one command per line on stdin)

Imports everything once, then for each command line ``MODE DB [ARG ...]`` forks
a worker that opens the database and writes; the worker prints ``ready <pid>``
and the test SIGKILLs that pid. The server prints ``reaped`` when the worker is
gone (killed or finished) and reads the next command. Forking after the imports
keeps a trial at a fraction of a second; no database is opened before the fork.

edit     DB CLASS_ID        update one class's 在校生数 over and over (each with its audit row)
bulk     DB UNIT PERIOD     insert batches of 300 classes, each batch one transaction tagged b<n>-
import   DB UNIT FILE ...   spreadsheet roster import (preview, then commit) of each file in turn
package  DB FILE ...        package import of each school package in turn

"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.data.engine import Database
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.packages.export import import_packages
from desktop.services.records.classes import update_class

BATCH = 300


def work(mode: str, path: str, args: list[str]) -> None:
    db = Database.for_path(path)
    ready = f"ready {os.getpid()}"
    if mode == "edit":
        print(ready, flush=True)
        i = 0
        while True:
            i += 1
            update_class(db, int(args[0]), {"enrolled": i % 50 + 1}, actor="crash")
    elif mode == "bulk":
        unit, period = int(args[0]), int(args[1])
        sql = ("INSERT INTO classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, version, "
               "created_at, updated_at) VALUES (?, ?, ?, 'P1', ?, 30, 0, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        print(ready, flush=True)
        n = 0
        while True:
            n += 1
            with db.session(write=True) as s:
                s.connection().exec_driver_sql(
                    sql, [(f"b{n}-{i}-{id(s)}", unit, period, f"b{n}-{i}") for i in range(BATCH)])
    elif mode == "import":
        unit = int(args[0])
        print(ready, flush=True)
        for file in args[1:]:
            commit_import(db, preview_import(db, "roster", Path(file), unit_id=unit,
                                             defaults={"category": "专任教师", "employment_form": "在编"}),
                          actor="crash")
    elif mode == "package":
        print(ready, flush=True)
        for file in args:
            import_packages(db, [Path(file)], backup=False, actor="crash")
    print("done", flush=True)


def main() -> None:
    print("serving", flush=True)
    for line in sys.stdin:
        mode, path, *args = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                work(mode, path, args)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        print("reaped", flush=True)


if __name__ == "__main__":
    main()
