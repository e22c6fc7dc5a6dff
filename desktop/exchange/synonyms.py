"""Spellings of code values as schools and counties write them, kept as data in ``templates/synonyms/``.

One CSV file per code table, two columns: ``写法`` (a spelling seen in real
spreadsheets, e.g. 县级骨干) and ``标准值`` (the label, an alias or the code it
means, e.g. 县级). An empty 标准值 means "no value" (骨干级别 "无" is not a level).
An office can add a row to a file without touching code; ``tests/exchange/
test_synonyms.py`` checks every row. The import uses these tables only to read
cells: what is stored is always the code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.domain.codes import (
    AppraisalResult,
    CodeEnum,
    EducationLevel,
    EmploymentForm,
    EthicsKind,
    Ethnicity,
    HonourLevel,
    OverseasStatus,
    PoliticalStatus,
    Post,
    StaffCategory,
    Title,
)
from desktop.paths import templates_dir

#: Code table → file name under templates/synonyms/.
FILES: dict[type[CodeEnum], str] = {
    HonourLevel: "honour_level.csv",
    EducationLevel: "education.csv",
    Title: "title.csv",
    StaffCategory: "staff_category.csv",
    EmploymentForm: "employment_form.csv",
    PoliticalStatus: "political_status.csv",
    Ethnicity: "ethnicity.csv",
    AppraisalResult: "appraisal_result.csv",
    EthicsKind: "ethics_kind.csv",
    OverseasStatus: "overseas.csv",
    Post: "post.csv",
}
HEADER = ("写法", "标准值")


@dataclass(frozen=True)
class Synonym:
    spelling: str  # as written in a school's sheet
    target: str  # label, alias or code of the table; "" for "no value"
    line: int  # line in the file, for messages


def synonyms_dir() -> Path:
    return templates_dir() / "synonyms"


@cache
def synonyms_for(table: type[CodeEnum]) -> tuple[Synonym, ...]:
    """The rows of ``table``'s synonym file (none when the table has no file)."""
    name = FILES.get(table)
    if name is None:
        return ()
    path = synonyms_dir() / name
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        head = next(reader, None)
        if head is None or tuple(h.strip() for h in head[:2]) != HEADER:
            raise ValueError(f"{path}: the first line must be 写法,标准值")
        rows: list[Synonym] = []
        for line, cells in enumerate(reader, start=2):
            if not cells or not cells[0].strip() or cells[0].lstrip().startswith("#"):
                continue
            target = cells[1].strip() if len(cells) > 1 else ""
            rows.append(Synonym(cells[0].strip(), target, line))
    return tuple(rows)
