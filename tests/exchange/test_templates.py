"""Import templates: dropdowns from the code tables, text-formatted ID columns, instructions, version."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.domain.codes import EducationLevel
from desktop.exchange.fields import KINDS, spec_for
from desktop.exchange.templates import (
    LIST_SHEET,
    META_SHEET,
    TEMPLATE_VERSION,
    template_kind,
    write_template,
)


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_headers_dropdowns_text_ids_instructions_and_hidden_version(kind: str, tmp_path: Path) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    wb = openpyxl.load_workbook(path)
    data = wb.worksheets[0]
    spec = spec_for(kind)
    headers = [c.value for c in data[1]]
    assert headers == [("*" if f.required else "") + f.label for f in spec]
    coded = {f.label for f in spec if f.table is not None and f.parser != "codes"}  # several values: free text
    validated = {data.cell(row=1, column=next(iter(dv.sqref.ranges)).min_col).value.lstrip("*")
                 for dv in data.data_validations.dataValidation if dv.type == "list"}
    assert validated == coded
    for c, f in enumerate(spec, start=1):
        if f.parser == "id":
            assert data.cell(row=2, column=c).number_format == "@"
            assert data.cell(row=2000, column=c).number_format == "@"
    assert wb[LIST_SHEET].sheet_state == "hidden" and wb[META_SHEET].sheet_state == "hidden"
    meta = [[c.value for c in row] for row in wb[META_SHEET].iter_rows()]
    assert template_kind(meta) == (kind, TEMPLATE_VERSION)
    instructions = wb["填写说明"]
    text = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert "填写说明" in text and "带 * 的列必须填写" in text


def test_dropdown_lists_hold_every_label_of_the_code_table(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template("roster", tmp_path / "r.xlsx"))
    data = wb.worksheets[0]
    col = next(c for c, cell in enumerate(data[1], start=1) if cell.value == "最高学历")
    labels = [wb[LIST_SHEET].cell(row=r, column=col).value for r in range(1, len(EducationLevel) + 1)]
    assert labels == [label for _, label in EducationLevel.choices()]
