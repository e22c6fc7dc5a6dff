"""What can be checked of the installers here: every path the spec and the .iss name exists or is built."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from desktop.app import parse_args

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def test_spec_names_existing_scripts_data_folders_and_icons() -> None:
    spec = (PACKAGING / "edureturns.spec").read_text(encoding="utf-8")
    for script in re.findall(r'analysis\("([^"]+)"\)', spec):
        assert (PACKAGING / script).is_file(), script
    for folder in ("templates", "resources", "db"):
        assert f'"{folder}"' in spec and (ROOT / folder).is_dir()
    assert (ROOT / "resources" / "icons" / "edureturns.png").is_file()
    assert (ROOT / "resources" / "icons" / "edureturns.ico").is_file()
    assert 'name="edureturns"' in spec and 'name="edureturns-cli"' in spec and 'name="EduReturns"' in spec


def test_inno_setup_script_refers_to_what_the_build_produces() -> None:
    iss = (PACKAGING / "windows" / "edureturns.iss").read_text(encoding="utf-8")
    assert '#define BundleDir "..\\..\\dist\\EduReturns"' in iss  # COLLECT(name="EduReturns") into dist/
    for exe in ("edureturns.exe", "edureturns-cli.exe"):
        assert f"{{#BundleDir}}\\{exe}" in iss
    assert "{#BundleDir}\\_internal\\*" in iss  # PyInstaller ≥ 6 puts the runtime in _internal/
    icon = re.search(r"SetupIconFile=(.+)", iss)
    assert icon is not None
    assert (PACKAGING / "windows" / icon.group(1).strip().replace("\\", "/")).resolve().is_file()
    assert "PrivilegesRequired=lowest" in iss  # per user, no admin
    assert r"Software\Classes\.erp" in iss


def test_file_association_command_is_understood_by_the_app() -> None:
    iss = (PACKAGING / "windows" / "edureturns.iss").read_text(encoding="utf-8")
    command = re.search(r'shell\\open\\command".*ValueData: """\{app\}\\edureturns.exe"" (--\w+) ""%1"""', iss)
    assert command is not None
    args = parse_args([command.group(1), "C:\\pkg\\2144162201_2025学年_school.erp"])
    assert args.import_file == Path("C:\\pkg\\2144162201_2025学年_school.erp")


def test_package_extension_matches_the_exchange_format() -> None:
    from desktop.exchange.package import EXTENSION

    assert EXTENSION == ".erp"


def test_desktop_entry_is_well_formed() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "edureturns.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].startswith("edureturns")
    assert section["Icon"] == "edureturns"
