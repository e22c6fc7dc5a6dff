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


def _isl_sections(path: Path) -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = sections.setdefault(line.strip()[1:-1], {})
            continue
        key, sep, value = line.partition("=")
        assert sep, line
        current[key.strip()] = value
    return sections


def test_installer_languages_are_shipped_with_inno_setup_or_beside_the_script() -> None:
    """Stock Inno Setup 6 has no ChineseSimplified.isl: ISCC stopped at the [Languages] line."""
    raw = (PACKAGING / "windows" / "edureturns.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, or ISCC reads the Chinese names as ANSI
    files = re.findall(r'MessagesFile: "([^"]+)"', raw.decode("utf-8-sig"))
    assert files and files[0] == "ChineseSimplified.isl"  # the first language is the default
    for name in files:
        if name.startswith("compiler:"):
            assert name == "compiler:Default.isl", name  # the only language file stock ISCC has at its root
        else:
            assert (PACKAGING / "windows" / name).is_file(), name


def test_simplified_chinese_messages_are_complete_and_translated() -> None:
    path = PACKAGING / "windows" / "ChineseSimplified.isl"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    sections = _isl_sections(path)
    assert sections["LangOptions"]["LanguageID"] == "$0804"
    assert sections["LangOptions"]["LanguageName"] == "简体中文"
    messages, custom = sections["Messages"], sections["CustomMessages"]
    assert len(messages) >= 265 and len(custom) >= 12  # Inno Setup 6.4's Default.isl: 269 and 12
    for key in ("SetupAppTitle", "WelcomeLabel1", "ButtonNext", "ButtonInstall", "FinishedLabel",
                "ConfirmUninstall", "UninstalledAll", "PrivilegesRequiredOverrideCurrentUser",
                "ErrorDownloadFailed", "ExtractionLabel", "ShutdownBlockReasonUninstallingApp"):
        assert key in messages, key
    for key in ("CreateDesktopIcon", "AdditionalIcons", "LaunchProgram", "AssocFileExtension"):
        assert key in custom, key
    # Every message that has words is in Chinese, and keeps its placeholders.
    untranslated = [k for k, v in {**messages, **custom}.items()
                    if re.sub(r"%\d|%n|\[[a-z/]+\]|[\W\d_]|KB|MB|GB|DLL|OCX|INI|UNC|APP|server|share|"
                              r"RegSvr\w*|RestartReplace|Windows|Power Users|Service Pack|README", "", v)
                    and not re.search(r"[\u4e00-\u9fff]", v)]
    assert untranslated == []
    assert "[name]" in messages["WelcomeLabel1"] and "%1" in messages["SetupWindowTitle"]


def test_frozen_entry_points_let_spawned_workers_start_from_the_exe() -> None:
    """The package import's staging worker is spawned from the frozen exe with --multiprocessing-fork;
    freeze_support() must run before anything else under __main__, or the worker starts a second app."""
    import ast

    for script in ("launch_gui.py", "launch_cli.py"):
        tree = ast.parse((PACKAGING / script).read_text(encoding="utf-8"))
        guard = next(n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test))
        calls = [ast.unparse(n) for n in guard.body if isinstance(n, ast.Expr | ast.Raise)]
        assert calls[0] == "multiprocessing.freeze_support()", (script, calls)
        assert "main()" in calls[-1]
