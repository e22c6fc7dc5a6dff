"""The national statistics forms as a PDF for the 备案 file, drawn by the returns' PDF painter.

Each sheet becomes a ``ReturnData`` (one column per coded column, one row per coded row,
the header block and 说明 lines), so the file has the same bundled font, page furniture,
fingerprint and QR code as every other return. A header value the definition leaves blank
(批准文号, 有效期至: copied from the year's real form, never invented) prints as a line to fill.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.national.definition import HEADER_KEYS
from desktop.reports.definition import Column, ReturnDefinition, Variant
from desktop.reports.model import ReturnData, Row
from desktop.reports.national import SheetData
from desktop.reports.pdf import write_pdf
from desktop.reports.text import BLANK

HEAD_KEYS = {"stage", "category"}


def as_return(s: SheetData, school_year: int) -> ReturnData:
    d = s.definition
    if [c.code for c in d.columns] != [str(i) for i in range(1, len(d.columns) + 1)]:
        raise ValueError(f"{d.form} 的栏代码不是 1、2、3…的顺序，PDF 无法按栏号打印。")
    width = 6.0 if len(d.columns) > 16 else 8.0
    columns = tuple(Column(key=c.code, header=(c.name,), type="int", width=width, summable=False)
                    for c in d.columns)
    variant = Variant(scope="school", label_header=d.label_header, code_header=d.code_header,
                      label_width=12, code_width=4, columns=columns)
    definition = ReturnDefinition(code=d.form, table_no=d.form, title=d.title, issuer=d.header.get("制表机关", ""),
                                  approval_no=d.header.get("批准文号", ""), measure=d.measure, time_point="census",
                                  builder="national", order=d.order, variants={"school": variant},
                                  notes="；".join(t.rstrip("。；") for t in d.explanation_lines), source=d.source)
    # A block's head row (总计, a 学段, 专任教师) prints bold; its 其中 rows (#女 …) are indented.
    rows = tuple(Row(r.code, r.name, tuple(values),
                     group="total" if {c.key for c in r.where} <= HEAD_KEYS else "detail",
                     indent=1 if r.name.startswith("#") else 0)
                 for r, values in zip(d.rows, s.grid, strict=True))
    header = {k: (d.header.get(k) or BLANK) for k in HEADER_KEYS}
    return ReturnData(definition=definition, variant=variant, unit_code=s.unit_code, unit_name=s.unit_name,
                      school_year=school_year, census_date=s.census_date, rows=rows, header=header,
                      info=(("学校类型", s.school_type), ("表名", s.name)))


def write_national_pdf(sheets: list[SheetData], school_year: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_pdf([as_return(s, school_year) for s in sheets], path)
