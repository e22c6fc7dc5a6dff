"""A package from another app version or return definition is not refused for its returns' fingerprints.

The office recomputes every detail-built return from the package's rows and compares
the result with the fingerprints in the manifest (a tampered package is refused). When
a return definition changes between versions, an honest package exported by the older
version recomputes differently: it is then imported with a notice, as long as its
manifest names an exporting version or a definition that differs from this one. The
same version with the same definitions is still refused.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from package_world import CITY, COUNTY, make_office, make_school, rewrite_member

from desktop import __version__
from desktop.data.engine import Database
from desktop.exchange.package_sign import SIGNATURE, sign_manifest
from desktop.services.packages.export import export_package, import_packages
from desktop.services.signing.package_keys import signing_key
from tests.explained import explain_warnings

pytestmark = pytest.mark.slow


def _resigned(school: Database, src: Path, dest: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The school's own package with its manifest changed and signed again with the school's key."""
    with zipfile.ZipFile(src) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    change(manifest)
    body = json.dumps(manifest, ensure_ascii=False).encode()
    step = dest.with_suffix(".step.erp")
    rewrite_member(src, step, "manifest.json", lambda _b: body)
    with school.session() as s:
        key = signing_key(s)
    rewrite_member(step, dest, SIGNATURE, lambda _b: sign_manifest(key, body))
    return dest


def _older_fingerprint(manifest: dict[str, Any]) -> str:
    """One return's fingerprint as an older definition of that return would have computed it."""
    code = sorted(manifest["fingerprints"])[0]
    manifest["fingerprints"][code] = "0" * 64
    return code


def _import(root: Path, name: str, package: Path) -> Any:
    county = make_office(root / f"{name}.db", *COUNTY, "county", CITY[0])
    [result] = import_packages(county, [package]).results
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Database, Path]:
    root = tmp_path_factory.mktemp("versions")
    school = make_school(root, 1)
    explain_warnings(school)
    return root, school, export_package(school, root / "out", with_returns=False).path


def test_the_package_names_its_return_definitions(exported: tuple[Path, Database, Path]) -> None:
    _, _, package = exported
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["app_version"] == __version__
    assert set(manifest["fingerprints"]) <= set(manifest["extra"]["definitions"])


def test_a_package_from_an_older_app_version_is_imported_with_a_notice(exported: tuple[Path, Database, Path]) -> None:
    root, school, package = exported
    codes: list[str] = []

    def older(m: dict[str, Any]) -> None:
        codes.append(_older_fingerprint(m))
        m["app_version"] = "0.9.0"
        m["extra"].pop("definitions", None)  # as the older version wrote it

    result = _import(root, "county-old", _resigned(school, package, root / "old.erp", older))
    assert result.status == "imported", result.message
    assert codes[0] in result.message and "0.9.0" in result.message and "未核对" in result.message


def test_a_changed_return_definition_is_imported_with_a_notice(exported: tuple[Path, Database, Path]) -> None:
    root, school, package = exported
    codes: list[str] = []

    def redefined(m: dict[str, Any]) -> None:
        codes.append(_older_fingerprint(m))
        m["extra"]["definitions"][codes[0]] = "f" * 16  # same app version, that return's definition differs

    result = _import(root, "county-def", _resigned(school, package, root / "def.erp", redefined))
    assert result.status == "imported", result.message
    assert codes[0] in result.message and "报表定义" in result.message


def test_the_same_version_with_a_wrong_fingerprint_is_still_refused(exported: tuple[Path, Database, Path]) -> None:
    root, school, package = exported
    result = _import(root, "county-same", _resigned(school, package, root / "same.erp", _older_fingerprint))
    assert (result.status, result.reason) == ("refused", "fingerprint_mismatch"), result.message
