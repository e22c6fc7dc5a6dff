"""Nothing a killed run leaves behind outlives the next start (issue: trust holes, items 11 and 12).

* A backup killed midway leaves a full-size plain ``*.db.tmp`` that rotation
  never sees: the next start removes it, and switching encryption on removes it
  and the plain kept packages in ``received/`` too (an encrypted office keeps no
  plain copy of a package from then on).
* A killed package import left its spawned staging worker running and its temp
  folder behind: the worker now ends within a second of its parent, and the
  next start removes a folder whose importing process is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from package_world import CITY, COUNTY, make_office, make_school

from desktop.appdirs import backups_dir_for, received_dir_for
from desktop.data import cipher
from desktop.services.admin import backups
from desktop.services.admin.encryption import encrypt_database
from desktop.services.core.users import Actor
from desktop.services.packages.export import export_package, import_packages
from tests.explained import explain_warnings

ADMIN = Actor("admin", "王管理", "admin")


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for init counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_half_written_backup_is_removed_at_the_next_start(tmp_path: Path) -> None:
    db = make_school(tmp_path, 1)
    assert db.path is not None
    made = backups.backup_now(db)
    assert made is not None
    leftover = made.with_name(made.stem + "-killed.db.tmp")
    leftover.write_bytes(made.read_bytes())  # what a backup killed before its rename leaves
    db.dispose()
    started = backups.start(db.path)
    assert started.db is not None
    assert not leftover.exists()
    started.db.dispose()


@pytest.mark.skipif(not cipher.available(), reason="needs the sqlcipher3 wheel")
def test_turning_on_encryption_leaves_no_plain_copy_behind(tmp_path: Path) -> None:
    school = make_school(tmp_path, 1)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "out", with_returns=False).path
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert county.path is not None
    assert import_packages(county, [pkg]).results[0].ok
    kept = sorted(received_dir_for(county.path).rglob("*.erp"))
    assert kept
    leftover = backups_dir_for(county.path) / "county-daily-killed.db.tmp"
    leftover.write_bytes(county.path.read_bytes())
    encrypt_database(county, ADMIN, passphrase="a long passphrase 42")
    assert not leftover.exists()
    assert not any(p.exists() for p in kept)


WORKER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.services.packages.stage import Stager
    packages = [Path(sys.argv[1]) / f"p{i}.erp" for i in range(8)]
    stager = Stager([packages])
    while not stager._pool._processes:
        time.sleep(0.05)
    print(stager._dir, *stager._pool._processes, flush=True)
    time.sleep(600)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL and /proc")
def test_a_killed_import_leaves_no_worker_and_its_folder_goes_at_the_next_start(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", WORKER, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2], env={**os.environ, "PYTHONPATH": "."})
    assert child.stdout is not None
    folder, *workers = child.stdout.readline().split()
    assert workers and Path(folder).is_dir()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 10
    while any(alive(int(w)) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(int(w)) for w in workers), "the staging worker outlived its importing process"
    from desktop.services.packages.stage import remove_stale_staging

    assert Path(folder) in remove_stale_staging()
    assert not Path(folder).exists()
