"""File checks before parsing, and the readers: formats by content, encodings, formulas, merges."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from desktop.exchange.safety import FileRefused, inspect_file
from desktop.exchange.sheets import column_letter, decode_text, open_workbook


def test_defusedxml_guards_openpyxl() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_format_is_decided_by_content_not_extension(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名"])
    disguised = tmp_path / "名单.csv"
    wb.save(disguised)
    assert inspect_file(disguised).kind == "xlsx"
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    assert inspect_file(text).kind == "csv"
    ole = tmp_path / "old.xls"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert inspect_file(ole).kind == "xls"


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "report.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(FileRefused, match="不是 Excel 工作簿"):
        inspect_file(p)


def test_a_corrupt_zip_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(FileRefused, match="损坏"):
        inspect_file(p)


def test_a_member_that_lies_about_its_size_fails_its_check(tmp_path: Path) -> None:
    p = tmp_path / "lying.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名"])
    wb.save(p)
    data = bytearray(p.read_bytes())
    # Shrink the declared size of sheet1.xml in the central directory: zipfile stops
    # at the declared size and the CRC no longer matches.
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[at + 24:at + 28] = (info.file_size // 2).to_bytes(4, "little")
    p.write_bytes(bytes(data))
    with pytest.raises(FileRefused, match="损坏或被篡改"):
        inspect_file(p)


def test_csv_encodings_utf8_bom_and_gbk_are_all_read(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        p = tmp_path / f"{encoding}.csv"
        p.write_bytes("姓名\t学历\n张三\t本科\n".encode(encoding))
        grid = open_workbook(p).read()
        assert grid.rows == [["姓名", "学历"], ["张三", "本科"]], encoding
    assert decode_text("䶮".encode("gb18030")) == "䶮"


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"], ids=["CRLF (Windows Excel)", "CR (Excel for Mac)", "LF"])
def test_csv_line_ends_of_every_platform_give_the_same_rows(tmp_path: Path, end: str) -> None:
    """A line break inside a quoted cell (Alt+Enter in Excel) stays in the cell, as a plain newline."""
    p = tmp_path / "名单 导出.csv"
    p.write_bytes(("\ufeff姓名,学历,备注" + end + "张三,本科," + end
                   + '李四,"硕士' + end + '研究生",调入' + end + end).encode("utf-8"))
    grid = open_workbook(p).read()
    assert [r for r in grid.rows if r] == [["姓名", "学历", "备注"], ["张三", "本科", ""], ["李四", "硕士\n研究生", "调入"]]


def test_a_malformed_csv_is_refused_with_the_row_in_chinese(tmp_path: Path) -> None:
    p = tmp_path / "坏.csv"
    p.write_bytes(('姓名,学历\n张三,"' + "很长" * 70_000 + '"\n').encode())  # a cell past csv's field limit
    with pytest.raises(FileRefused, match="第 2 行"):
        open_workbook(p).read()


def test_formulas_without_cached_values_are_located(tmp_path: Path) -> None:
    p = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    ws.append([1, "=A2*2"])
    ws["B5"] = "=SUM(A1:A3)"
    wb.save(p)
    book = open_workbook(p)
    assert book.info.formula_parts == frozenset({"xl/worksheets/sheet1.xml"})
    assert open_workbook(p).read().formulas_without_value == {(1, 1), (4, 1)}


def test_merged_ranges_hidden_sheets_and_1904_are_reported(tmp_path: Path) -> None:
    p = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "可见"
    ws.append(["x", "y"])
    ws.merge_cells("A2:B3")
    hidden = wb.create_sheet("藏")
    hidden.sheet_state = "veryHidden"
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(p)
    book = open_workbook(p)
    assert [(s.name, s.visible) for s in book.sheets] == [("可见", True), ("藏", False)]
    grid = book.read()
    assert grid.sheet == "可见" and grid.merged == [(1, 0, 2, 1)] and grid.date1904 is True


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_rows_are_counted_while_streaming_when_the_sheet_has_no_dimension(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.exchange import safety, sheets

    p = tmp_path / "many.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("s")
    for i in range(12):
        ws.append([i])
    wb.save(p)
    monkeypatch.setattr(safety, "MAX_ROWS", 10)  # the real limit is 300,000; the logic is the same
    with pytest.raises(FileRefused, match="上限"):
        inspect_file(p)
    csv_file = tmp_path / "many.csv"
    csv_file.write_text("\n".join(str(i) for i in range(12)), encoding="utf-8")
    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    with pytest.raises(FileRefused, match="上限"):
        open_workbook(csv_file).read()


def test_hidden_rows_and_columns_are_found_even_across_read_chunks(tmp_path: Path) -> None:
    import os
    import re

    from desktop.exchange.safety import CHUNK

    path = tmp_path / "hidden.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in range(1, 6):
        ws.append([f"姓名{r}", r, "x"])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    # Pad the sheet so the tag of hidden row 3 straddles the 1 MiB read boundary; random
    # hex keeps the compression ratio of a real sheet.
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    sheet = dict(parts)["xl/worksheets/sheet1.xml"]
    at = re.search(rb'<row r="3"', sheet)
    assert at is not None
    filler = CHUNK - 8 - at.start() - len(b"<!--  -->")
    padded = sheet[:at.start()] + b"<!-- " + os.urandom(filler // 2).hex().encode() + b" -->" + sheet[at.start():]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            zf.writestr(name, padded if name == "xl/worksheets/sheet1.xml" else data)
    info = inspect_file(path)
    assert info.hidden_rows["xl/worksheets/sheet1.xml"] == {3, 5}
    assert info.hidden_cols["xl/worksheets/sheet1.xml"] == ((3, 3),)
    grid = open_workbook(path).read()
    assert grid.hidden_rows == {2, 4} and grid.hidden_cols == {2}
    assert info.rows_by_part["xl/worksheets/sheet1.xml"] == 5  # row counting is unchanged by the longer tail


def test_a_password_protected_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    directory = b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in ("Root Entry", "EncryptedPackage"))
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(1024))
    with pytest.raises(FileRefused, match="设置了打开密码") as info:
        inspect_file(path)
    assert "清空密码" in info.value.message


def test_a_folder_in_place_of_a_file_is_refused_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "名册.xlsx"
    folder.mkdir()
    with pytest.raises(FileRefused, match="找不到文件"):
        inspect_file(folder)


def test_a_sheet_whose_data_starts_away_from_a1_is_read_from_a1(tmp_path: Path) -> None:
    import python_calamine as pc

    path = tmp_path / "offset.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["C3"], ws["D5"], ws["E4"] = "姓名", 1, "x"
    wb.save(path)
    grid = open_workbook(path).read()
    expected = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert grid.rows == expected
    assert grid.rows[2][2] == "姓名" and grid.rows[4][3] == 1.0 and len(grid.rows[0]) == 5
