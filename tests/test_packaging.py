"""The wheel carries templates/, resources/ and db/ and runs from a fresh virtual environment."""

from __future__ import annotations

import importlib.util
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The Windows lane runs the suite on the embeddable CPython, which has neither venv nor pip.
NO_VENV = importlib.util.find_spec("venv") is None or importlib.util.find_spec("ensurepip") is None


def _dependency_dirs() -> list[str]:
    """This interpreter's site-packages folders (a venv's own, or the system's)."""
    dirs = [*site.getsitepackages(), *([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])]
    return [d for d in dirs if Path(d).is_dir()]


@pytest.mark.slow
@pytest.mark.skipif(NO_VENV, reason="this interpreter cannot make a virtual environment (the Windows lane's embeddable "
                    "CPython has no venv or ensurepip); on Windows the installed build is tried by "
                    "packaging/windows/smoke.sh instead")
def test_installed_wheel_runs_version_and_school_demo(tmp_path: Path) -> None:
    import venv

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), "-q"], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("edureturns-*.whl"))
    env_dir = tmp_path / "venv"
    # Dependencies come from the site-packages of the interpreter running the tests (no network
    # needed); the package itself only from the wheel. Not system_site_packages=True: when the
    # suite itself runs in a virtual environment (as the README sets it up) that gives the base
    # interpreter's packages, where the dependencies are not.
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    new_site = subprocess.run([str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              capture_output=True, text=True, check=True).stdout.strip()
    (Path(new_site) / "_edureturns_test_deps.pth").write_text("\n".join(_dependency_dirs()) + "\n", encoding="utf-8")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--no-deps", "--force-reinstall", "-q",
                    str(wheel)], check=True, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["EDURETURNS_HOME"] = str(tmp_path / "home")
    where = subprocess.run([str(bindir / "python"), "-c", "import desktop, desktop.paths as p; "
                            "print(desktop.__file__); print(p.templates_dir()); print(p.migrations_dir())"],
                           capture_output=True, text=True, encoding="utf-8", check=True, cwd=tmp_path,
                           env=env).stdout.splitlines()
    assert all(str(env_dir) in line for line in where), where
    version = subprocess.run([str(bindir / "edureturns-cli"), "--version"], capture_output=True, text=True,
                             encoding="utf-8", check=True, cwd=tmp_path, env=env)
    assert version.stdout.startswith("EduReturns ")
    demo = subprocess.run([str(bindir / "edureturns-cli"), "demo", "--scale", "school", "--db",
                           str(tmp_path / "demo.db")], capture_output=True, text=True, encoding="utf-8",
                          cwd=tmp_path, env=env)
    assert demo.returncode == 0, demo.stderr
    assert "教职工 80" in demo.stdout
