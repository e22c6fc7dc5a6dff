"""A return whose sum relation fails still prints, as a draft that says so; only the package is refused.

The relations hold by construction (tests/services/returns/test_ended_after_census.py);
here a fault is injected into one builder's output to see what the clerk gets when
one does fail: both files, watermarked 草稿（校验未通过） with the failed relation
listed on them, read back with openpyxl and PDFium.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.reports import builders
from desktop.reports.builders.common import BuildContext, Built
from desktop.reports.model import Row
from desktop.reports.relations import check_relations
from desktop.reports.text import DRAFT_MARK
from desktop.services.returns.build import build_return, export_returns_checked
from tests.pdfread import pdf_text
from tests.reports.conftest import Built as Db


def _broken(real: Any) -> Any:
    def build(ctx: BuildContext) -> Built:
        built = real(ctx)
        total = built.rows[0]
        values = (int(total.values[0] or 0) + 3, *total.values[1:])  # 合计 three more than its parts
        return replace(built, rows=(Row(total.code, total.label, values, total.group), *built.rows[1:]))
    return build


@pytest.fixture
def broken_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(builders.BUILDERS, "structure", _broken(builders.BUILDERS["structure"]))


def test_the_message_names_the_row_and_the_real_cause(school_data: Db, broken_structure: None) -> None:
    data = build_return(school_data.db, "structure", school_data.unit_id, school_data.period_id)
    messages = [f.message for f in check_relations(data)]
    assert messages
    assert any("第 01 行（总计）：第 1 列（专任教师/合计）" in m and "相差 3" in m for m in messages)
    assert not any("学历、职称未填" in m for m in messages)
    assert all("技术支持" in m for m in messages)


def test_a_failed_relation_still_gives_both_files_as_drafts(school_data: Db, broken_structure: None,
                                                             tmp_path: Path) -> None:
    done = export_returns_checked(school_data.db, school_data.unit_id, school_data.period_id,
                                  ["profile", "structure"], ["xlsx", "pdf"], tmp_path)
    assert done.is_draft and done.failed
    assert "草稿（校验未通过）" in done.summary() and "数据包" in done.summary()
    files = {p.suffix: p for p in done.paths}
    assert set(files) == {".xlsx", ".pdf"} and all("草稿" in p.name for p in done.paths)
    wb = openpyxl.load_workbook(files[".xlsx"])
    structure = next(ws for ws in wb.worksheets if ws.title.startswith("教填-03"))
    text = "\n".join(str(c) for row in structure.iter_rows(values_only=True) for c in row if c)
    assert DRAFT_MARK in text and "相差 3" in text
    assert DRAFT_MARK in structure.oddHeader.center.text
    profile = next(ws for ws in wb.worksheets if ws.title.startswith("教填-01"))
    assert DRAFT_MARK not in "\n".join(str(c) for row in profile.iter_rows(values_only=True) for c in row if c)
    pdf = pdf_text(files[".pdf"]).replace("\n", "")
    assert DRAFT_MARK in pdf and "相差 3" in pdf


def test_without_a_failure_nothing_is_a_draft(school_data: Db, tmp_path: Path) -> None:
    done = export_returns_checked(school_data.db, school_data.unit_id, school_data.period_id,
                                  ["structure"], ["xlsx", "pdf"], tmp_path)
    assert not done.is_draft and done.summary() == ""
    assert DRAFT_MARK not in pdf_text(next(p for p in done.paths if p.suffix == ".pdf"))
