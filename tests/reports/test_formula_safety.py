"""No export ever contains a formula: text that looks like one is neutralised (hypothesis property)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.reports.definition import parse_definition
from desktop.reports.formats import get_format
from desktop.reports.model import ReturnData, Row
from desktop.reports.safe import FORMULA_TRIGGERS, neutralise

DEFINITION = parse_definition({
    "code": "fuzz", "table_no": "教填-99表", "title": "测试表", "issuer": "测试局", "builder": "roster",
    "school": {"columns": [
        {"key": "t", "header": ["文字"], "type": "text"},
        {"key": "i", "header": ["证件号"], "type": "id"},
        {"key": "n", "header": ["数量"], "type": "int"},
        {"key": "d", "header": ["学时"], "type": "dec1"},
    ]},
})

texts = st.one_of(
    st.text(max_size=30),
    st.builds(lambda t, s: t + s, st.sampled_from(FORMULA_TRIGGERS), st.text(max_size=20)),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r\n=1"]),
)
rows = st.lists(
    st.tuples(texts, texts, texts, st.integers(-10**9, 10**9),
              st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 1))),
    min_size=1, max_size=8,
)


def _data(values: list[tuple[str, str, str, int, float]], unit_name: str) -> ReturnData:
    return ReturnData(
        definition=DEFINITION, variant=DEFINITION.variant("school"), unit_code="2144012345", unit_name=unit_name,
        school_year=2025, census_date=date(2025, 9, 1),
        rows=tuple(Row(str(i), label, (t, idn, n, d)) for i, (label, t, idn, n, d) in enumerate(values)),
        header={"表号": "教填-99表", "制定机关": "测试局", "批准文号": ""},
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=rows, unit_name=texts)
def test_excel_export_contains_no_formula(values: list[tuple[str, str, str, int, float]], unit_name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = get_format("xlsx").write([_data(values, unit_name)], Path(tmp) / "f.xlsx")
        wb = openpyxl.load_workbook(path)
    numbers = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_TRIGGERS), repr(cell.value)
                if cell.column == 5 and isinstance(cell.value, int | float):
                    numbers.append(cell.value)
    # Numbers stay numbers (not text), in row order.
    assert numbers[-len(values):] == [v[3] for v in values]


def test_neutralise_keeps_the_text_visible_and_inert() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("-") == "'-"
    assert neutralise("王堃") == "王堃"
    assert neutralise("a\x00b") == "ab"
    assert neutralise("\x01=x") == "'=x"
