"""The wheel carries templates/, resources/ and db/ and runs from a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_runs_version_and_school_demo(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), "-q"], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("edureturns-*.whl"))
    env_dir = tmp_path / "venv"
    # Dependencies come from this interpreter's site-packages (no network needed); the
    # package itself only from the wheel.
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--no-deps", "--force-reinstall", "-q",
                    str(wheel)], check=True, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["EDURETURNS_HOME"] = str(tmp_path / "home")
    where = subprocess.run([str(bindir / "python"), "-c", "import desktop, desktop.paths as p; "
                            "print(desktop.__file__); print(p.templates_dir()); print(p.migrations_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout.split()
    assert all(str(env_dir) in line for line in where), where
    version = subprocess.run([str(bindir / "edureturns-cli"), "--version"], capture_output=True, text=True,
                             check=True, cwd=tmp_path, env=env)
    assert version.stdout.startswith("EduReturns ")
    demo = subprocess.run([str(bindir / "edureturns-cli"), "demo", "--scale", "school", "--db",
                           str(tmp_path / "demo.db")], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert demo.returncode == 0, demo.stderr
    assert "教职工 80" in demo.stdout
