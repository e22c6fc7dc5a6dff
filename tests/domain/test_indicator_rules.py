"""Pure rules of the engine, on hand-built rows (no database): windows, pace, certificates, layering."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from desktop.domain.indicators import (
    CertRow,
    IndicatorInput,
    StaffRow,
    TrainingSums,
    UnitRow,
    compute,
)
from desktop.domain.indicators.certs import (
    certificate_issue,
    certificate_problem,
    registration_state,
)
from desktop.domain.indicators.training import elapsed_years, required_to_date, windows
from desktop.domain.targetset import parse_target_set
from desktop.paths import templates_dir


def _spec(code: str = "heyuan-2025"):
    raw = json.loads((templates_dir() / "targets" / f"{code}.json").read_text(encoding="utf-8"))
    spec, _ = parse_target_set(raw)
    assert spec
    return spec


def test_cycle_follows_the_anchor_and_the_reference_date():
    spec = _spec()
    w = windows(spec, date(2025, 9, 1))
    assert (w.cycle_start, w.cycle_end) == (date(2021, 1, 1), date(2025, 12, 31))
    assert w.it_start == date(2022, 9, 1) and w.year_start == date(2024, 9, 1)
    # 2021-01 → 2025-09 is 56 months = 4.667 years: 450 × 4.667 / 5 = 420.
    assert round(elapsed_years(w, 5), 3) == 4.667
    assert required_to_date(spec, date(2025, 9, 1), 450) == 420.0
    # The next school year falls in the 2026–2030 cycle: 8 months in → 450 × 0.667 / 5 = 60.
    w2 = windows(spec, date(2026, 9, 1))
    assert (w2.cycle_start, w2.cycle_end) == (date(2026, 1, 1), date(2030, 12, 31))
    assert required_to_date(spec, date(2026, 9, 1), 450) == 60.0


def test_certificate_covers_lower_stages_but_not_kindergarten():
    def cert(kind: str, **kw) -> CertRow:
        return CertRow(id=1, staff_id=1, cert_type=kind, **kw)

    assert certificate_problem([cert("4")], "primary") is None  # 高中 covers 小学
    assert certificate_problem([cert("4")], "vocational") is None  # 高中 and 中职 are interchangeable
    assert certificate_problem([cert("4")], "preschool") == "持高级中学教师资格证，不能任教学前"
    assert certificate_problem([cert("2")], "junior") == "持小学教师资格证，不能任教初中"
    assert certificate_problem([], "primary") == "无教师资格证"
    assert certificate_problem([cert("2", revoked=True)], "primary") == "教师资格证已注销或定期注册不合格"
    assert certificate_problem([cert("2", last_result="3")], "primary") == "教师资格证已注销或定期注册不合格"
    # The check rule behind each reason.
    assert certificate_issue([cert("2")], "junior") == ("cert.above_stage", "持小学教师资格证，不能任教初中")
    assert certificate_issue([cert("2", revoked=True)], "primary")[0] == "cert.missing"  # type: ignore[index]


def test_registration_states():
    as_of = date(2025, 9, 1)
    base = CertRow(id=1, staff_id=1, cert_type="2")
    assert registration_state(base, as_of, 6) is None  # nothing to go by
    # Never registered: due 5 years after issue. Issued 2020-06-01 → due 2025-06-01 < 2025-09-01: overdue.
    state = registration_state(CertRow(1, 1, "2", issue_date=date(2020, 6, 1)), as_of, 6)
    assert state == ("overdue", "应于 2025-06-01 前注册，已逾期")
    # Issued 2021-01-01 → due 2026-01-01, before 2026-03-01 (6 months on): due soon. Registered 2022 → fine.
    state = registration_state(CertRow(1, 1, "2", issue_date=date(2021, 1, 1)), as_of, 6)
    assert state and state[0] == "due_soon"
    assert registration_state(CertRow(1, 1, "2", issue_date=date(2021, 1, 1), last_reg_date=date(2022, 1, 1)),
                              as_of, 6) is None
    # A 暂缓 registration is overdue whatever its due date says.
    state = registration_state(CertRow(1, 1, "2", last_reg_date=date(2025, 1, 1), last_result="2",
                                       next_due=date(2030, 1, 1)), as_of, 6)
    assert state and state[0] == "overdue" and "暂缓" in state[1]


def test_engine_on_hand_built_rows():
    # One 小学 with two teachers: one 本科 with 430 学时, one 专科 with 100 学时 and no certificate.
    school = UnitRow(id=1, code="2144000001", name="甲小学", kind="school", category="211", ownership="1",
                     urban_rural="1")
    inp = IndicatorInput(
        unit=school, as_of=date(2025, 9, 1), school_year=2025, units=(school,),
        staff=(StaffRow(1, 1, "甲", education="21", stage="primary"), StaffRow(2, 1, "乙", education="31")),
        certs=(CertRow(1, 1, "2"),),
        training=(TrainingSums(1, cycle=430.0), TrainingSums(2, cycle=100.0)),
    )
    results = {(r.code, r.stage): r for r in compute(inp, _spec())}
    # 乙 has no stage on the record: the school's only stage (小学) is used. 1 of 2 has 本科+ → 50 %.
    assert results[("edu.higher", "primary")].value == 50.0
    assert results[("cert.valid", None)].value == 50.0
    assert results[("training.on_track", None)].numerator == 1
    assert results[("training.avg_hours", None)].value == 265.0  # (430 + 100) / 2


def test_domain_layer_imports_neither_sqlalchemy_nor_qt():
    code = ("import sys, desktop.domain.indicators, desktop.domain.targetset; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
