"""A corpus of hostile and messy spreadsheets, written by code, each with what the import must say.

Every builder writes one file into a folder and returns a ``Case``: the import
kind, the path, and the expected outcome — row counts by status plus phrases
that must appear in the row errors, the notices or (for a refused file) the
refusal. The people in these files are ``PEOPLE``: a test that needs them on
the roster creates them first (see ``tests/services/test_import_corpus.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from desktop.domain.idcard import id_check_char


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


# Three staff of the test school (龙川县, born 1985 / 1990 / 1978).
PEOPLE = [
    ("张三", make_id("44162219850301123")),
    ("李四", make_id("44162219900512234")),
    ("王五", make_id("44162219780101345")),
]
NEW = [("赵六", make_id("44162219881111456")), ("钱七", make_id("44162219920202567"))]


@dataclass
class Case:
    name: str
    kind: str
    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # status → rows
    errors: list[str] = field(default_factory=list)  # phrases in some row error
    notices: list[str] = field(default_factory=list)  # phrases in some notice
    refused: str | None = None  # phrase of the ServiceError when the file is refused
    values: dict[int, dict[str, object]] = field(default_factory=dict)  # Excel row → expected values
    needs_roster: bool = False


def _book(rows: list[list[object]], title: str = "Sheet1") -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    return wb


def _rewrite(path: Path, member: str, fn: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            zf.writestr(info.filename, fn(data) if info.filename == member else data)


TRAINING_HEAD = ["姓名", "身份证号", "培训名称", "开始日期", "结束日期", "学时", "培训层级", "培训形式", "科目类别"]


def _training_row(person: int, title: str, hours: object = 8) -> list[object]:
    name, number = PEOPLE[person]
    return [name, number, title, "2024-03-01", "2024-03-01", hours, "校级", "校本研修", "专业科目"]


# ---------------------------------------------------------------- builders


def title_rows(d: Path) -> Case:
    p = d / "title_rows.xlsx"
    wb = _book([["龙川县第一小学教职工花名册"], ["填报日期：2025年9月1日"], [],
                ["序号", "姓名", "身份证号", "学历", "职称"],
                [1, *NEW[0], "本科", "一级"], [2, *NEW[1], "专科", "二级"]])
    wb.active.merge_cells("A1:E1")
    wb.save(p)
    return Case("title_rows", "roster", p, {"add": 2, "error": 0},
                values={5: {"name": "赵六", "education": "21", "title": "3"}})


def two_row_header(d: Path) -> Case:
    p = d / "two_row_header.xlsx"
    wb = _book([["2024年教师培训登记表"],
                ["姓名", "身份证号码", "培训项目", "培训时间", None, "学时", "培训层级", "培训形式", "科目类别"],
                [None, None, None, "开始", "结束", None, None, None, None],
                [*PEOPLE[0], "师德专题", "2024.3.1", "2024.3.2", 16, "县级", "集中面授", "公需科目"]])
    ws = wb.active
    ws.merge_cells("A1:I1")
    ws.merge_cells("D2:E2")
    for col in "ABCFGHI":
        ws.merge_cells(f"{col}2:{col}3")
    wb.save(p)
    return Case("two_row_header", "training", p, {"add": 1, "error": 0}, needs_roster=True,
                values={4: {"start_date": dt.date(2024, 3, 1), "end_date": dt.date(2024, 3, 2), "hours": 16.0}})


def synonym_headers(d: Path) -> Case:
    p = d / "synonyms.xlsx"
    _book([["教师姓名", "公民身份号码", "最高学历", "专业技术职务", "参加工作时间", "主教学科", "手机号码"],
           [*NEW[0], "大学本科", "高级教师", "2010-09", "语文", "13800000000"],
           [NEW[1][0], NEW[1][1], "大本", "二级教师", "2015-09", "数学", "13900000000"]]).save(p)
    return Case("synonym_headers", "roster", p, {"add": 2, "error": 0},
                values={3: {"education": "21", "title": "4", "subject": "02", "phone": "13900000000"}})


def full_width(d: Path) -> Case:
    p = d / "full_width.xlsx"
    wide = NEW[0][1].translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    _book([["姓名", "身份证号", "参加工作年月", "学历"],
           ["赵 六", f" {wide} ", "２０１０年９月", "本科"],
           [NEW[1][0], NEW[1][1][:6] + " " + NEW[1][1][6:].lower(), "２０１５．９．１", "专科"]]).save(p)
    return Case("full_width", "roster", p, {"add": 2, "error": 0},
                values={2: {"name": "赵六", "id_number": NEW[0][1], "first_work_date": dt.date(2010, 9, 1)},
                        3: {"id_number": NEW[1][1], "first_work_date": dt.date(2015, 9, 1)}})


def id_as_number(d: Path) -> Case:
    p = d / "id_as_number.xlsx"
    _book([["姓名", "身份证号", "学历"],
           [NEW[0][0], float(NEW[0][1][:17] + "0"), "本科"],
           [NEW[1][0], NEW[1][1], "本科"]]).save(p)
    return Case("id_as_number", "roster", p, {"add": 1, "error": 1}, errors=["存成了数字", "丢失"])


def id_lost_digits_csv(d: Path) -> Case:
    p = d / "lost_digits.csv"
    lost = PEOPLE[0][1][:15] + "000"
    with p.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号", "学历"])
        w.writerow(["张三", lost, "本科"])
        w.writerow(["李四", "4.41622E+17", "本科"])
        w.writerow([*NEW[0], "本科"])
    return Case("id_lost_digits_csv", "roster", p, {"add": 1, "error": 2}, errors=["000", "科学计数法"])


def mixed_dates(d: Path) -> Case:
    p = d / "mixed_dates.xlsx"
    rows: list[list[object]] = [["姓名", "身份证号", "培训名称", "开始日期", "结束日期", "学时", "培训层级", "培训形式", "科目类别"]]
    starts: list[object] = ["2024-03-01", "2024.3.1", "2024年3月", "202403", 45352, dt.date(2024, 3, 1), "20240301", 2024.03]
    for i, start in enumerate(starts):
        rows.append([*PEOPLE[i % 3], f"培训{i}", start, dt.date(2024, 3, 1), 4, "校级", "校本研修", "专业"])
    rows.append([*PEOPLE[0], "培训坏", 2024.1, dt.date(2024, 3, 1), 4, "校级", "校本研修", "专业"])
    _book(rows).save(p)
    return Case("mixed_dates", "training", p, {"add": 8, "error": 1}, errors=["无法判断是 1 月还是 10 月"],
                needs_roster=True, values={r: {"start_date": dt.date(2024, 3, 1)} for r in range(2, 10)})


def date1904(d: Path) -> Case:
    p = d / "date1904.xlsx"
    wb = _book([["姓名", "身份证号", "参加工作年月", "进本校年月"],
                [*NEW[0], 38960, dt.date(2012, 9, 1)]])
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(p)
    # 38960 days after 1904-01-01 is 2010-09-01; in the 1900 system it would be 2006-08-31.
    return Case("date1904", "roster", p, {"add": 1},
                values={2: {"first_work_date": dt.date(2010, 9, 1), "join_date": dt.date(2012, 9, 1)}})


def gbk_csv(d: Path) -> Case:
    p = d / "gbk.csv"
    with p.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "最高学历", "职称", "任教学科"])
        w.writerow([*NEW[0], "本科", "一级教师", "语文"])
        w.writerow([*NEW[1], "硕士研究生", "未定级", "英语"])
    return Case("gbk_csv", "roster", p, {"add": 2, "error": 0},
                values={2: {"name": "赵六", "title": "3"}, 3: {"name": "钱七", "education": "14"}})


def formulas(d: Path) -> Case:
    p = d / "formulas.xlsx"
    _book([TRAINING_HEAD,
           [*_training_row(0, "有缓存值的公式")[:5], "=4*2", *_training_row(0, "")[6:]],
           [*_training_row(1, "没有缓存值的公式")[:5], "=4*3", *_training_row(1, "")[6:]]]).save(p)
    # Give F2's formula a cached value, as Excel would have saved it; F3 keeps none.
    _rewrite(p, "xl/worksheets/sheet1.xml", lambda x: x.replace(b"<f>4*2</f><v></v>", b"<f>4*2</f><v>8</v>"))
    return Case("formulas", "training", p, {"add": 1, "error": 1}, errors=["公式", "没有保存计算结果"],
                needs_roster=True, values={2: {"hours": 8.0}})


def hidden_sheet(d: Path) -> Case:
    p = d / "hidden_sheet.xlsx"
    wb = _book([["姓名", "身份证号", "学历"], [*NEW[0], "本科"]], title="名单")
    hidden = wb.create_sheet("旧名单")
    hidden.append(["姓名", "身份证号"])
    hidden.append([*NEW[1]])
    hidden.sheet_state = "hidden"
    wb.save(p)
    return Case("hidden_sheet", "roster", p, {"add": 1}, notices=["隐藏的工作表“旧名单”"])


def hidden_rows_and_columns(d: Path) -> Case:
    """Row 3 hidden (as a filter hides it) and column D hidden, both holding data (R10)."""
    p = d / "hidden_rows.xlsx"
    wb = _book([["姓名", "身份证号", "学历", "备注"], [*NEW[0], "本科", ""], [*NEW[1], "专科", "已调出"]])
    ws = wb.active
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["D"].hidden = True
    wb.save(p)
    return Case("hidden_rows_and_columns", "roster", p, {"add": 2, "error": 0},
                notices=["第 3 行在 Excel 中被隐藏", "D列“备注”在 Excel 中被隐藏但有数据"])


def encrypted(d: Path) -> Case:
    """The shape of a password-protected .xlsx: an OLE compound file whose directory names
    an ``EncryptedPackage`` stream (written by hand; no encryption library is installed)."""
    p = d / "加密.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0")
                         for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    p.write_bytes(header + directory + bytes(4096))
    return Case("encrypted", "roster", p, refused="设置了打开密码")


def blank_rows(d: Path) -> Case:
    p = d / "blank_rows.xlsx"
    _book([["姓名", "身份证号", "学历"], [*NEW[0], "本科"], [], [None, "  "], [*NEW[1], "专科"], [], []]).save(p)
    return Case("blank_rows", "roster", p, {"add": 2, "error": 0}, notices=["第 3、4 行是空行"])


def duplicate_ids(d: Path) -> Case:
    p = d / "duplicate_ids.xlsx"
    _book([["姓名", "身份证号", "学历"], [*NEW[0], "本科"], [NEW[1][0], NEW[1][1], "本科"],
           ["赵六六", NEW[0][1].lower(), "专科"]]).save(p)
    return Case("duplicate_ids", "roster", p, {"add": 1, "error": 2}, errors=["与第 4 行重复", "与第 2 行重复"])


def unknown_labels(d: Path) -> Case:
    p = d / "unknown_labels.xlsx"
    _book([["姓名", "身份证号", "学历", "职称", "民族"],
           [*NEW[0], "大学", "一级", "汉族"], [*NEW[1], "本科", "特级", "汉"], [*PEOPLE[0], "大本", "中学高级", "毛难族"]]).save(p)
    # "汉" is 汉族 written without 族 (templates/synonyms/ethnicity.csv); "大学" and "特级" mean nothing certain.
    return Case("unknown_labels", "roster", p, {"error": 2}, errors=["最高学历“大学”不在代码表中", "职称“特级”"],
                values={4: {"education": "21", "title": "2", "ethnicity": "36"}})


def empty_file(d: Path) -> Case:
    p = d / "empty.xlsx"
    openpyxl.Workbook().save(p)
    return Case("empty_file", "roster", p, refused="是空的")


def zero_bytes(d: Path) -> Case:
    p = d / "新建 Microsoft Excel 工作表.xlsx"
    p.write_bytes(b"")
    return Case("zero_bytes", "training", p, refused="0 字节")


def not_a_spreadsheet(d: Path) -> Case:
    p = d / "photo.xlsx"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return Case("not_a_spreadsheet", "roster", p, refused="不是电子表格")


def xml_bomb(d: Path) -> Case:
    p = d / "xml_bomb.xlsx"
    _book([["姓名", "身份证号"], [*NEW[0]]]).save(p)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b"]>")
    _rewrite(p, "xl/worksheets/sheet1.xml", lambda x: bomb + re.sub(rb"^<\?xml[^>]*\?>", b"", x).replace(
        b"<t>", b"<t>&lol9;", 1))
    return Case("xml_bomb", "roster", p, refused="XML 炸弹")


def zip_bomb(d: Path) -> Case:
    p = d / "zip_bomb.xlsx"
    _book([["姓名", "身份证号"], [*NEW[0]]]).save(p)
    padding = b"<!-- " + b"0" * (60 * 1024 * 1024) + b" -->"
    _rewrite(p, "xl/worksheets/sheet1.xml", lambda x: x + padding)
    return Case("zip_bomb", "roster", p, refused="压缩炸弹")


def million_rows(d: Path) -> Case:
    p = d / "million_rows.xlsx"
    _book([["姓名", "身份证号"], [*NEW[0]]]).save(p)
    _rewrite(p, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'<dimension ref="A1:B2"/>',
                                                                    b'<dimension ref="A1:B1000001"/>'))
    return Case("million_rows", "roster", p, refused="上限")


def merged_data_cells(d: Path) -> Case:
    p = d / "merged_data.xlsx"
    wb = _book([["姓名", "身份证号", "学历"], [*NEW[0], "本科"], [*NEW[1], None]])
    wb.active.merge_cells("C2:C3")
    wb.save(p)
    return Case("merged_data_cells", "roster", p, {"add": 1, "error": 1}, errors=["合并单元格 C2:C3"])


def classes_sheet(d: Path) -> Case:
    p = d / "classes.xlsx"
    _book([["年级", "班级", "班额", "寄宿生数"], ["一年级", "一(1)班", 45, 0], ["一年级", "一(2)班", 58, 3],
           ["三年级", "三(1)班", 40, 50], ["初一", "初一(1)班", "四十", 0]]).save(p)
    return Case("classes_sheet", "classes", p, {"add": 2, "error": 2}, errors=["寄宿生数不能多于", "学生数应为数字"])


def credentials_sheet(d: Path) -> Case:
    p = d / "credentials.xlsx"
    _book([["姓名", "身份证号", "资格种类", "任教学科", "证书编号", "颁发日期", "认定机构", "注册日期"],
           [*PEOPLE[0], "小学", "语文", "20084416221000123", "2008-07-01", "龙川县教育局", "2021-06-01"],
           [*NEW[0], "小学", "数学", "20104416222000456", "2010-07-01", "龙川县教育局", None]]).save(p)
    return Case("credentials_sheet", "credentials", p, {"add": 1, "error": 1}, errors=["在本单位教职工名册中找不到"],
                needs_roster=True)


def national_template(d: Path) -> Case:
    """The column layout of the 全国教师管理信息系统 roster template (domain-notes §6.1)."""
    p = d / "national.xlsx"
    head = ["*姓名", "曾用名", "*性别", "教职工号", "*国籍/地区", "*身份证件类型", "*身份证件号",
            "*出生日期(yyyy-MM-dd)", "籍贯", "*民族", "*政治面貌", "*参加工作年月(yyyy-MM-dd)",
            "*进本校年月(yyyy-MM-dd)", "*教职工类别", "*是否在编", "*用人形式", "*是否全日制师范类专业毕业", "*人员状态"]
    row = [NEW[0][0], "", "女", "T001", "中国", "居民身份证", NEW[0][1], "1988-11-11", "广东河源", "汉族",
           "中共党员", "2010-09", "2012-09", "专任教师", "是", "", "是", "在本单位任职"]
    wrong = [NEW[1][0], "", "女", "T002", "中国", "居民身份证", NEW[1][1], "1992-02-03", "", "汉族", "群众",
             "2014-09", "2013-09", "专任教师", "否", "临聘", "否", "在本单位任职"]
    _book([head, row, wrong]).save(p)
    return Case("national_template", "roster", p, {"add": 1, "error": 1},
                errors=["性别与身份证号不一致", "进本校年月不能早于参加工作年月"],
                values={2: {"staff_no": "T001", "ethnicity": "01", "political_status": "01", "normal_major": True,
                            "first_work_date": dt.date(2010, 9, 1), "join_date": dt.date(2012, 9, 1)}})


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def legacy_xls(d: Path) -> Case:
    """A BIFF8 .xls kept in tests/fixtures (made by LibreOffice from an .xlsx): title row merged
    across, a real date cell, one ID typed as a number."""
    return Case("legacy_xls", "roster", FIXTURES / "roster_legacy.xls", {"add": 1, "error": 1},
                errors=["存成了数字"],
                values={3: {"name": "赵六", "first_work_date": dt.date(2010, 9, 1), "education": "21", "title": "3"}})


BUILDERS: list[Callable[[Path], Case]] = [
    title_rows, two_row_header, synonym_headers, full_width, id_as_number, id_lost_digits_csv, mixed_dates,
    date1904, gbk_csv, formulas, hidden_sheet, blank_rows, duplicate_ids, unknown_labels, empty_file, zero_bytes,
    not_a_spreadsheet, xml_bomb, zip_bomb, million_rows, merged_data_cells, classes_sheet, credentials_sheet,
    legacy_xls, national_template, hidden_rows_and_columns, encrypted,
]
