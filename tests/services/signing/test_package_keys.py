"""Package authenticity: signed manifests, keys pinned on first receipt, admin re-pin.

A school database exports a signed package; a county imports it and pins the
school's key. A forged package (a member edited and its hash rewritten in the
manifest), one signed by another database claiming the same school code, and
an unsigned one are refused with their own Chinese reason and write nothing;
after an admin re-pins the school from the new package it is accepted.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from package_world import CITY, COUNTY, gz_edit, make_office, make_school, rewrite_member
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Base, Staff
from desktop.exchange.package_sign import SIGNATURE, key_fingerprint
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor
from desktop.services.office.dashboard import dashboard
from desktop.services.packages.export import export_package, import_packages
from desktop.services.signing.package_keys import own_fingerprint, pinned_keys, repin_unit
from tests.explained import explain_warnings

REVIEWER = Actor("r", "张审核", "reviewer")
pytestmark = pytest.mark.slow


@dataclass
class Keys:
    root: Path
    school: Database
    good: Path
    county: Database


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    root = tmp_path_factory.mktemp("keys")
    school = make_school(root, 1)
    explain_warnings(school)
    good = export_package(school, root / "out", with_returns=False).path
    county = make_office(root / "county.db", *COUNTY, "county", CITY[0])
    [first] = import_packages(county, [good]).results
    assert first.status == "imported", first.message
    return Keys(root, school, good, county)


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def forge(src: Path, dest: Path) -> Path:
    """Edit a staff row and rewrite its sha256 and size in the manifest (the signature is left as it was)."""
    member = "data/staff.jsonl.gz"
    with zipfile.ZipFile(src) as zin:
        edited = gz_edit(zin.read(member), '"active"', '"ended"')
        manifest = json.loads(zin.read("manifest.json"))
    manifest["members"][member] = {"sha256": hashlib.sha256(edited).hexdigest(), "size": len(edited)}
    step = dest.with_suffix(".step.erp")
    rewrite_member(src, step, member, lambda _b: edited)
    rewrite_member(step, dest, "manifest.json", lambda _b: json.dumps(manifest, ensure_ascii=False).encode())
    return dest


def test_the_package_carries_a_signature_and_the_office_pins_the_school_key(keys: Keys) -> None:
    with zipfile.ZipFile(keys.good) as zf:
        assert SIGNATURE in zf.namelist()
    with keys.county.session() as s:
        pins = pinned_keys(s)
    code = next(iter(pins))
    assert pins[code].fingerprint == own_fingerprint(keys.school)
    row = next(r for r in dashboard(keys.county).rows if r.code == code)
    assert row.key_fingerprint == own_fingerprint(keys.school)


def test_a_forged_manifest_is_refused_and_writes_nothing(keys: Keys) -> None:
    forged = forge(keys.good, keys.root / "forged.erp")
    before = row_counts(keys.county)
    [r] = import_packages(keys.county, [forged], confirm=True).results
    assert (r.status, r.reason) == ("refused", "bad_signature")
    assert "签名" in r.message and "重新导出" in r.message
    assert row_counts(keys.county) == before


def test_an_unsigned_package_is_refused(keys: Keys) -> None:
    unsigned = keys.root / "unsigned.erp"
    rewrite_member(keys.good, unsigned, SIGNATURE, None)
    before = row_counts(keys.county)
    [r] = import_packages(keys.county, [unsigned], confirm=True).results
    assert (r.status, r.reason) == ("refused", "unsigned")
    assert "没有签名" in r.message
    assert row_counts(keys.county) == before


def test_another_key_is_refused_until_an_admin_re_pins(keys: Keys) -> None:
    # Another database calling itself the same school (a copy made elsewhere, or an impostor).
    (keys.root / "other").mkdir()
    other = make_school(keys.root / "other", 1, seed=77)
    explain_warnings(other)
    pkg = export_package(other, keys.root / "other-out", with_returns=False).path
    new_fp, old_fp = own_fingerprint(other), own_fingerprint(keys.school)
    assert new_fp and old_fp and new_fp != old_fp
    before = row_counts(keys.county)
    [r] = import_packages(keys.county, [pkg], confirm=True).results
    assert (r.status, r.reason) == ("refused", "key_mismatch")
    assert new_fp in r.message and old_fp in r.message and "重新信任" in r.message
    assert row_counts(keys.county) == before

    clerk = Actor("clerk", "录入员", "clerk")
    with pytest.raises(ServiceError):
        repin_unit(keys.county, str(pkg), actor=clerk)

    admin = Actor("admin", "管理员", "admin")
    pin = repin_unit(keys.county, str(pkg), actor=admin, reason="学校重装电脑，已电话核对指纹")
    assert pin.fingerprint == new_fp
    with keys.county.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "repin")).one()
        assert entry.username == "admin" and entry.new_value and new_fp in entry.new_value
    [ok] = import_packages(keys.county, [pkg], confirm=True).results
    assert ok.status == "replaced", ok.message
    with other.session() as s:
        staff = s.scalar(select(func.count()).select_from(Staff))
    with keys.county.session() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == staff
    # …and now the old key is the stranger.
    [old] = import_packages(keys.county, [keys.good], confirm=True).results
    assert (old.status, old.reason) == ("refused", "key_mismatch")


def test_fingerprints_are_short_and_stable() -> None:
    fp = key_fingerprint(b"\x01" * 32)
    assert fp == key_fingerprint(b"\x01" * 32) and len(fp) == 24 and fp.count("-") == 4


def test_the_cli_re_pins_with_repin_and_shows_the_fingerprint(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.cli import main
    from tests.cli.test_packages_cli import add_reviewer

    county = str(tmp_path / "county.db")
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--parent", "441600",
                 "--db", county, "--year", "2025"]) == 0
    packages = []
    for n in (1, 2):  # two databases, each calling itself school 2144162201
        school = str(tmp_path / f"school{n}.db")
        assert main(["demo", "--scale", "school", "--db", school, "--seed", str(n)]) == 0
        assert main(["explain", "--db", school, "--rule", "all", "--text", "已核实，情况属实。"]) == 0  # the rule for sending
        assert main(["package", "export", "--db", school, "--out", str(tmp_path / f"out{n}"), "--no-returns"]) == 0
        packages.append(str(next((tmp_path / f"out{n}").glob("*.erp"))))
    assert main(["package", "import", packages[0], "--db", county]) == 0
    capsys.readouterr()
    assert main(["package", "import", packages[1], "--db", county, "--yes"]) == 1
    assert "签名密钥" in capsys.readouterr().out
    assert main(["package", "import", packages[1], "--db", county, "--yes", "--repin", "--reason", "已电话核对"]) == 0
    assert "已重新信任" in capsys.readouterr().err
    assert main(["package", "status", "--db", county]) == 0
    out = capsys.readouterr().out
    assert "密钥指纹" in out and out.count("-") >= 4

    # The school side: replies from two databases calling themselves the county.
    school = str(tmp_path / "school1.db")
    other_county = str(tmp_path / "county2.db")
    assert main(["init", "--kind", "county", "--code", "441622", "--name", "龙川县教育局", "--parent", "441600",
                 "--db", other_county, "--year", "2025"]) == 0
    assert main(["package", "import", packages[0], "--db", other_county]) == 0
    replies = []
    for n, office in enumerate((county, other_county)):
        add_reviewer(office, monkeypatch)
        assert main(["package", "return", "--db", office, "--unit", "2144162201", "--comment", f"第{n}次退回",
                     "--out", str(tmp_path / f"replies{n}"), "--user", "reviewer"]) == 0
        replies.append(str(next((tmp_path / f"replies{n}").glob("*.erp"))))
    capsys.readouterr()
    assert main(["package", "reply-import", replies[0], "--db", school]) == 0
    assert main(["package", "reply-import", replies[1], "--db", school]) != 0
    assert "签名密钥" in capsys.readouterr().err
    assert main(["package", "reply-import", replies[1], "--db", school, "--repin", "--reason", "已电话核对"]) == 0
    captured = capsys.readouterr()
    assert "已重新信任 441622" in captured.err and "第1次退回" in captured.out


def test_returns_that_do_not_match_the_detail_rows_are_refused(keys: Keys) -> None:
    """Signed with the right key, hashes right, but a staff row no longer matches the returns' fingerprints."""
    from desktop.exchange.package_sign import sign_manifest
    from desktop.services.signing.package_keys import signing_key

    explain_warnings(keys.school)
    pkg = export_package(keys.school, keys.root / "with-returns", with_returns=True).path
    forged = forge(pkg, keys.root / "resigned.erp")
    with keys.school.session() as s:
        key = signing_key(s)
    with zipfile.ZipFile(forged) as zf:
        manifest = zf.read("manifest.json")
    resigned = keys.root / "resigned2.erp"
    rewrite_member(forged, resigned, SIGNATURE, lambda _b: sign_manifest(key, manifest))
    county = make_office(keys.root / "county2.db", *COUNTY, "county", CITY[0])  # pins nothing yet
    before = row_counts(county)
    [r] = import_packages(county, [resigned]).results
    assert (r.status, r.reason) == ("refused", "fingerprint_mismatch"), r.message
    assert "数据指纹" in r.message
    assert row_counts(county) == before  # not even the key was pinned
    # The untouched package with its returns passes the same recomputation.
    [ok] = import_packages(county, [pkg]).results
    assert ok.status == "imported", ok.message


def _reply_state(school: Database) -> tuple[str, str | None]:
    from desktop.services.office.send_back import reporting_state

    return reporting_state(school)


def test_the_school_pins_the_office_key_on_its_first_reply_and_refuses_another(keys: Keys) -> None:
    from desktop.services.office.send_back import import_reply, return_unit

    first = return_unit(keys.county, "2144162201", "请核对专任教师人数。", keys.root / "replies1", actor=REVIEWER)
    assert import_reply(keys.school, first).status == "applied"
    with keys.school.session() as s:
        pins = pinned_keys(s)
    assert pins[COUNTY[0]].fingerprint == own_fingerprint(keys.county)

    # Another database calling itself the county (same code, its own key) sends a reply.
    (keys.root / "impostor").mkdir()
    impostor = make_office(keys.root / "impostor" / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(impostor, [keys.good]).results[0].status == "imported"
    forged = return_unit(impostor, "2144162201", "请删除全部培训记录。", keys.root / "replies2", actor=REVIEWER)
    with pytest.raises(ServiceError) as caught:
        import_reply(keys.school, forged)
    assert own_fingerprint(impostor) in str(caught.value) and own_fingerprint(keys.county) in str(caught.value)
    assert "重新信任" in str(caught.value)
    assert _reply_state(keys.school) == ("returned", "请核对专任教师人数。")

    admin = Actor("admin", "管理员", "admin")
    pin = repin_unit(keys.school, str(forged), actor=admin, reason="教育局换了电脑，已电话核对指纹")
    assert pin.unit_code == COUNTY[0] and pin.fingerprint == own_fingerprint(impostor)
    assert import_reply(keys.school, forged).status == "applied"
    assert _reply_state(keys.school) == ("returned", "请删除全部培训记录。")


def test_an_unsigned_reply_or_one_from_another_office_is_refused(keys: Keys) -> None:
    from desktop.domain.records import UnitData
    from desktop.services.office.send_back import import_reply, return_unit
    from desktop.services.records.units import create_unit

    reply = return_unit(keys.county, "2144162201", "请补充学位数。", keys.root / "replies3", actor=REVIEWER)
    unsigned = keys.root / "unsigned.erp"
    rewrite_member(reply, unsigned, SIGNATURE, None)
    with pytest.raises(ServiceError, match="没有签名"):
        import_reply(keys.school, unsigned)

    # A neighbouring county that lists the same school code sends a reply: not this school's office.
    (keys.root / "neighbour").mkdir()
    neighbour = make_office(keys.root / "neighbour" / "county.db", "441623", "和平县教育局", "county", CITY[0])
    create_unit(neighbour, UnitData(code="2144162201", name="测试第1学校", kind="school", parent_code="441623",
                                    category="211", ownership="1", urban_rural="2"))
    other = return_unit(neighbour, "2144162201", "请重报。", keys.root / "replies4", actor=REVIEWER)
    before = _reply_state(keys.school)
    with pytest.raises(ServiceError, match="不是本校的上级单位"):
        import_reply(keys.school, other)
    assert _reply_state(keys.school) == before
