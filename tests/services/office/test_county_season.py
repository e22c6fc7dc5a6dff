"""Issue 23 (items 1, 2, 4), end to end: a county season of 20 schools reporting at planted times.

Receipts go back and are verified at the schools; one school is returned (bulk 退回 with
a template) and resubmits, and the change shows field by field beside the comment; bulk
approval works for reviewers only; the completeness table and the arrivals chart match
the planted timeline; the county may mark its consolidation 可上报 only once the silent
school has a recorded reason, and its own package carries completeness counts only.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.data.models import Period, StoredFinding, Unit
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.office.bulk_review import (
    approve_units,
    comment_templates,
    resubmission,
    return_units,
    save_comment_templates,
)
from desktop.services.office.completeness import completeness, record_absence
from desktop.services.office.send_back import import_from_office
from desktop.services.packages.export import export_package, import_packages
from desktop.services.packages.receipts import import_receipt, receipt_pdf, receipt_state
from desktop.services.records.staff import edit_staff
from desktop.services.returns.checks import run_checks, set_explanations
from desktop.services.returns.readiness import mark_ready
from tests.explained import explain_warnings
from tests.pdfread import pdf_text
from tests.services.package_world import (
    COUNTY,
    make_office,
    read_table,
    repack,
    school_code,
    signing_key_of,
)
from tests.services.season_world import (
    ARRIVALS,
    DEADLINE,
    SILENT,
    TODAY,
    ZERO,
    ZERO_REASON,
    Season,
    at,
    build_season,
)

REVIEWER = Actor("reviewer", "张审核", "reviewer")
CLERK = Actor("clerk", "李填报", "clerk")


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Season:
    return build_season(tmp_path_factory.mktemp("season"))


def _ids(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        unit = s.scalars(select(Unit).where(Unit.is_home.is_(True))).one()
        period = s.scalars(select(Period)).one()
        return unit.id, period.id


def test_receipts_go_back_and_are_verified_at_every_school(season: Season) -> None:
    for i, db in season.schools.items():
        if i == SILENT:
            assert receipt_state(db) is None
            continue
        receipt = season.imports[i].results[0].receipt
        assert receipt is not None and receipt.name == f"{school_code(i)}_2025学年_回执.erp"
        result = import_receipt(db, receipt)
        assert result.status == "applied" and result.received_at == at(ARRIVALS[i])
        state = receipt_state(db)
        assert state is not None and state.current and state.office_name == COUNTY[1]
        assert state.label.startswith(f"已收到（{COUNTY[1]}，2025-09-{ARRIVALS[i]:02d}")
        assert import_receipt(db, receipt).status == "unchanged"
    # What the receipt says, read back from its manifest and its printed PDF.
    with zipfile.ZipFile(season.imports[1].results[0].receipt) as zf:  # type: ignore[arg-type]
        m = json.loads(zf.read("manifest.json"))
    assert m["package_type"] == "receipt" and m["extra"]["office_code"] == COUNTY[0]
    assert m["extra"]["package_sha256"] == season.imports[1].results[0].digest
    assert m["extra"]["counts"]["staff"] == 12 and m["extra"]["warnings"] > 0
    pdf = receipt_pdf(season.schools[1], season.root)
    text = pdf_text(pdf)
    assert "上报数据包接收回执" in text and season.imports[1].results[0].digest in text.replace("\n", "")
    assert "2025-09-15" in text and "教职工 12" in text
    (season.root / "zero").mkdir()
    zero_pdf = pdf_text(receipt_pdf(season.schools[ZERO], season.root / "zero"))
    assert "零上报" in zero_pdf and ZERO_REASON[:10] in zero_pdf


def test_the_same_package_again_gives_the_same_receipt(season: Season, tmp_path: Path) -> None:
    again = import_packages(season.county, [season.packages[2]], receipts_dir=tmp_path)
    assert again.results[0].status == "unchanged"
    assert again.results[0].receipt is not None
    assert again.results[0].receipt.read_bytes() == season.imports[2].results[0].receipt.read_bytes()  # type: ignore[union-attr]


def test_a_school_refuses_a_receipt_not_for_it_or_not_from_its_office_key(season: Season, tmp_path: Path) -> None:
    other = season.imports[5].results[0].receipt
    with pytest.raises(ServiceError, match="不是给本单位"):
        import_receipt(season.schools[6], other)  # type: ignore[arg-type]
    # An impostor office with the county's code but another key: the school pinned the real one.
    impostor = make_office(tmp_path / "impostor.db", *COUNTY, "county", "441600")
    fake = import_packages(impostor, [season.packages[7]], receipts_dir=tmp_path / "fake").results[0].receipt
    assert fake is not None
    import_receipt(season.schools[7], season.imports[7].results[0].receipt)  # type: ignore[arg-type]
    with pytest.raises(ServiceError, match="签名密钥"):
        import_receipt(season.schools[7], fake)
    assert receipt_state(season.schools[7]).received_at == at(ARRIVALS[7])  # type: ignore[union-attr]


def test_completeness_table_and_chart_match_the_planted_timeline(season: Season) -> None:
    c = completeness(season.county, today=TODAY)
    rows = {r.code: r for r in c.rows}
    assert len(rows) == 20 and c.deadline == DEADLINE
    for i in range(1, 21):
        r = rows[school_code(i)]
        if i == SILENT:
            assert not r.reported and r.days_late == (TODAY - DEADLINE).days and r.status == "missing"
            continue
        assert r.first_received == at(ARRIVALS[i])
        assert r.days_late == ARRIVALS[i] - 20
        assert r.on_time is (ARRIVALS[i] <= 20)
        assert r.zero_report is (i == ZERO)
    assert rows[school_code(17)].timeliness == "逾期 5 天" and rows[school_code(14)].timeliness == "按时"
    assert c.count("late") == 3 and c.count("on_time") == 16 and c.count("missing") == 1 and c.count("zero") == 1
    a = c.arrivals
    assert a.days[0] == date(2025, 9, 15) and a.days[-1] == date(2025, 9, 25) and a.deadline == DEADLINE
    per_day = dict(zip(a.days, a.received, strict=True))
    planted: dict[date, int] = {}
    for day in ARRIVALS.values():
        planted[date(2025, 9, day)] = planted.get(date(2025, 9, day), 0) + 1
    assert {d: n for d, n in per_day.items() if n} == planted
    assert a.cumulative[-1] == 19 and a.expected == 20


def _warning_counts(season: Season, i: int) -> tuple[int, int, list[str]]:
    """(explained, unexplained) in the county's completeness row of school ``i``, and the stored texts."""
    with season.county.session() as s:
        uid = s.scalars(select(Unit.id).where(Unit.code == school_code(i))).one()
        stored = s.scalars(select(StoredFinding.explanation).where(StoredFinding.unit_id == uid,
                                                                  StoredFinding.severity == "warning")).all()
    row = next(r for r in completeness(season.county, today=TODAY).rows if r.code == school_code(i))
    assert row.first_received == at(ARRIVALS[i]) and row.on_time  # a resubmission does not make it late
    return row.warnings_explained, row.warnings_unexplained, [t or "" for t in stored]


def test_warnings_explained_and_unexplained_are_counted(season: Season, tmp_path: Path) -> None:
    db = season.schools[9]
    unit_id, period_id = _ids(db)
    text = "该教师已于9月调入，证书在办理中。"
    pairs = [(i.finding.rule, i.record_key) for i in run_checks(db, unit_id, period_id).warnings()][:2]
    set_explanations(db, unit_id, period_id, pairs, text)
    pkg = export_package(db, tmp_path, with_returns=False).path
    assert import_packages(season.county, [pkg], confirm=True, received_at=at(21)).results[0].status == "replaced"
    # A package of this version: every warning explained (the rule for sending), each with its own text.
    explained, unexplained, stored = _warning_counts(season, 9)
    assert explained == len(stored) > 2 and unexplained == 0 and stored.count(text) == 2
    # A package sent by a version before that rule (made here by hand, signed with the school's key)
    # carries warnings without a 填写说明: the table counts them as it received them.
    rows = read_table(pkg, "findings")
    for r in rows:
        if r[2] == "warning" and (r[1], r[4]) not in pairs:
            r[6] = None
    older = repack(pkg, tmp_path / "older.erp", signing_key_of(db), {"findings": rows})
    assert import_packages(season.county, [older], confirm=True, received_at=at(21)).results[0].status == "replaced"
    explained, unexplained, stored = _warning_counts(season, 9)
    assert explained == 2 and unexplained == len(stored) - 2 > 0 and stored.count(text) == 2


def test_bulk_return_with_a_template_then_the_resubmission_shows_what_changed(season: Season, tmp_path: Path) -> None:
    templates = comment_templates(season.county)
    with pytest.raises(PermissionDenied):
        save_comment_templates(season.county, ["x"], actor=CLERK)
    mine = save_comment_templates(season.county, [*templates, "职称与聘任文件不符，请核对。", ""], actor=REVIEWER)
    assert comment_templates(season.county) == mine and mine[-1] == "职称与聘任文件不符，请核对。"
    with pytest.raises(PermissionDenied):
        return_units(season.county, [school_code(3)], tmp_path, templates=[mine[-1]], actor=CLERK)
    out = return_units(season.county, [school_code(3), school_code(4)], tmp_path / "replies",
                       templates=[mine[0], mine[-1]], text="张老师的职称请按聘任文件填写。", actor=REVIEWER)
    assert [o.ok for o in out] == [True, True]
    school = season.schools[3]
    # The school takes the file for what it says it is: a 退回 reply here, a receipt below.
    assert "退回了" in import_from_office(school, out[0].path)  # type: ignore[arg-type]
    with school.session() as s:
        from desktop.data.models import Staff

        person = s.scalars(select(Staff).where(Staff.category == "11").order_by(Staff.id)).first()
        assert person is not None
        staff_id, name, old_title = person.id, person.name, person.title
    new_title = "2" if old_title != "2" else "3"
    edit_staff(school, staff_id, {"title": new_title})
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "again", with_returns=False).path
    pending = import_packages(season.county, [pkg], received_at=at(26)).results[0]
    assert pending.status == "needs_confirm" and pending.diff is not None
    done = import_packages(season.county, [pkg], confirm=True, received_at=at(26), receipts_dir=tmp_path / "r")
    assert done.results[0].status == "replaced" and done.results[0].receipt is not None, done.lines()
    change = resubmission(season.county, school_code(3))
    assert change is not None and change.returned
    from desktop.services.packages.diff import shown

    assert change.fields == ((name, "职称", shown("title", old_title), shown("title", new_title)),)
    assert len(change.comments) == 1 and "张老师的职称请按聘任文件填写。" in change.comments[0][1]
    assert mine[-1] in change.comments[0][1] and mine[0] in change.comments[0][1]
    assert resubmission(season.county, school_code(5)) is None  # sent once, nothing to compare
    # The school gets the new receipt and shows it; the first one stays on file.
    assert import_from_office(school, done.results[0].receipt).startswith("已收到")
    state = receipt_state(school)
    assert state is not None and state.current and state.received_at == at(26)


def test_bulk_approval_for_reviewers_and_first_time_passes(season: Season, tmp_path: Path) -> None:
    codes = [school_code(i) for i in range(1, 21)]
    with pytest.raises(PermissionDenied):
        approve_units(season.county, codes, actor=CLERK)
    out = {o.code: o for o in approve_units(season.county, codes, actor=REVIEWER)}
    refused = {c for c, o in out.items() if not o.ok}
    # 18 never reported; 4 was returned and has not resubmitted.
    assert refused == {school_code(SILENT), school_code(4)}
    assert "尚未接收" in out[school_code(4)].message
    c = {r.code: r for r in completeness(season.county, today=TODAY).rows}
    assert c[school_code(1)].first_time is True and c[school_code(1)].returned == 0
    assert c[school_code(3)].first_time is False and c[school_code(3)].returned == 1
    assert c[school_code(4)].first_time is None and c[school_code(4)].returned == 1
    assert c[school_code(ZERO)].first_time is True


def test_consolidation_ready_only_with_every_school_reported_or_explained(season: Season, tmp_path: Path) -> None:
    unit_id, period_id = _ids(season.county)
    with pytest.raises(ServiceError, match=f"测试第{SILENT}学校") as info:
        mark_ready(season.county, unit_id, period_id, actor=REVIEWER.username)
    assert "记录原因" in info.value.message
    with pytest.raises(PermissionDenied):
        record_absence(season.county, school_code(SILENT), "学校已撤并", actor=CLERK)
    with pytest.raises(ServiceError, match="不需要记录"):
        record_absence(season.county, school_code(1), "无", actor=REVIEWER)
    record_absence(season.county, school_code(SILENT), "该校2025年8月已并入第17学校，本学年不再单独上报。", actor=REVIEWER)
    c = completeness(season.county, today=TODAY)
    assert c.count("missing") == 0 and c.count("reason") == 1
    # Now only the ordinary checks stand in the way: the county explains its warnings and marks.
    with pytest.raises(ServiceError, match="警告没有填写说明"):
        mark_ready(season.county, unit_id, period_id, actor=REVIEWER.username)
    checks = run_checks(season.county, unit_id, period_id)
    assert not checks.errors()
    set_explanations(season.county, unit_id, period_id, [(i.finding.rule, i.record_key) for i in checks.unexplained()],
                     "县局已逐校核实。")
    mark_ready(season.county, unit_id, period_id, actor=REVIEWER.username)
    record_absence(season.county, school_code(SILENT), "", actor=REVIEWER)  # the reason cleared: refused again
    with pytest.raises(ServiceError, match=f"测试第{SILENT}学校"):
        mark_ready(season.county, unit_id, period_id, actor=REVIEWER.username)
    record_absence(season.county, school_code(SILENT), "该校2025年8月已并入第17学校，本学年不再单独上报。", actor=REVIEWER)
    pkg = export_package(season.county, tmp_path, with_returns=False).path
    with zipfile.ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
    assert m["extra"]["completeness"] == {"expected": 20, "reported": 19, "zero_report": 1,
                                          "absent_with_reason": 1, "missing": 0}
    assert "逾期" not in json.dumps(m, ensure_ascii=False) and "late" not in json.dumps(m["extra"])


def test_a_zero_report_is_refused_for_a_school_with_data(season: Season, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="不能零上报"):
        export_package(season.schools[1], tmp_path, with_returns=False, zero_report="无")
    with pytest.raises(ServiceError, match="写明原因"):
        export_package(season.schools[ZERO], tmp_path, with_returns=False, zero_report="  ")
