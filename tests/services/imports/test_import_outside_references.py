"""External links and defined names are reported, not silently imported (issue: trust holes, item 16).

The workbooks are generated here: a roster whose workbook links an external
file, and one whose defined name holds a DDE command (``cmd|…``). The import
still takes the cached cell values (it never evaluates anything) and the
preview tells the clerk, in Chinese, what the file refers to outside itself.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import UnitRecord
from desktop.services.imports.spreadsheet import preview_import

ID = "44162219850301123" + id_check_char("44162219850301123")
HEAD = ["姓名", "身份证号", "参加工作年月", "学历"]


def _roster(path: Path, *, name: tuple[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名册"
    ws.append(HEAD)
    ws.append(["张三", ID, "2010年9月", "本科"])
    ws.append(["区间", "名册!$A$1:$D$2", "", ""])  # text, not a name
    if name:
        wb.defined_names[name[0]] = DefinedName(name[0], attr_text=name[1])
    wb.defined_names["花名册区域"] = DefinedName("花名册区域", attr_text="名册!$A$1:$D$2")  # ordinary: no notice
    wb.save(path)
    return path


def _with_external_link(src: Path, dest: Path) -> Path:
    link = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1">'
            b'<sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>')
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'externalLinkPath" Target="file:///C:/Users/Public/salaries.xlsx" TargetMode="External"/>'
            b'</Relationships>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/externalLinks/externalLink1.xml", link)
        zout.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", rels)
    return dest


def test_a_defined_name_holding_a_command_is_reported(tmp_path: Path, db: Database, school: UnitRecord) -> None:
    path = _roster(tmp_path / "dde.xlsx", name=("evil", "cmd|' /C calc'!A0"))
    preview = preview_import(db, "roster", path, unit_id=school.id)
    texts = [n.message for n in preview.notices]
    assert any("evil" in t and "cmd|" in t and "不会执行" in t for t in texts), texts
    assert not any("花名册区域" in t for t in texts)
    assert [r.status for r in preview.rows][:1] == ["add"]


def test_an_external_link_is_reported_with_its_target(tmp_path: Path, db: Database, school: UnitRecord) -> None:
    path = _with_external_link(_roster(tmp_path / "plain.xlsx"), tmp_path / "linked.xlsx")
    preview = preview_import(db, "roster", path, unit_id=school.id)
    texts = [n.message for n in preview.notices]
    assert any("外部文件" in t and "salaries.xlsx" in t and "缓存" in t for t in texts), texts


def test_a_plain_roster_has_no_such_notice(tmp_path: Path, db: Database, school: UnitRecord) -> None:
    preview = preview_import(db, "roster", _roster(tmp_path / "plain.xlsx"), unit_id=school.id)
    assert not [n for n in preview.notices if "外部" in n.message or "名称" in n.message]
