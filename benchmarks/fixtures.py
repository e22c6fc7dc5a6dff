"""Demo databases the cases run on, built once and reused (benchmarks/fixtures/, git-ignored)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.services.demo import build_demo


@dataclass
class Fixtures:
    root: Path

    def database(self, scale: str) -> Path:
        """Path of the demo database of ``scale``, built on first use."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"{scale}.db"
        if not path.exists():
            tmp = self.root / f"{scale}.building.db"
            for p in self.root.glob(f"{scale}.building.db*"):
                p.unlink()
            db = Database.for_path(tmp)
            upgrade(db)
            if scale.startswith("city") and scale != "city":  # city2, city4: the first N counties
                build_demo(db, "city", counties=int(scale[4:]))
            else:
                build_demo(db, scale)
            db.dispose()
            tmp.rename(path)
        else:  # a fixture built by an older revision: bring it to the current schema (no-op when current)
            db = Database.for_path(path)
            upgrade(db)
            db.dispose()
        return path

    def copy_of(self, scale: str, name: str) -> Path:
        """A scratch copy of a fixture a case may change."""
        src = self.database(scale)
        dst = self.root / "scratch" / f"{name}.db"
        dst.parent.mkdir(parents=True, exist_ok=True)
        for p in dst.parent.glob(f"{name}.db*"):
            p.unlink()
        shutil.copyfile(src, dst)
        return dst

    def scratch(self, name: str) -> Path:
        d = self.root / "scratch" / name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        return d
