"""Real-layout spreadsheets as schools and counties keep them, and what importing each must do.

``python -m tests.exchange.real_rosters`` writes every file into
``tests/fixtures/import/real/`` (the .xls is converted from its .xlsx source by
LibreOffice, as a school's WPS or Excel would save it in the old format); the
files are committed so a test reads exactly what a clerk would hand over.
``test_real_rosters`` checks that the committed files still match this generator
and, for each, how many rows are accepted and rejected, the reason for every
rejected row and what every accepted row stores.

The layouts follow what is in use: the county's 信息采集表 with a title and a
merged two-row header, the 全国教师管理信息系统 export, an old system's GB18030
CSV, a 班额 sheet with its 合计 row and signature footer, sheets with hidden parts,
IDs as numbers, full-width digits and a lowercase x, dates as serials and as
"1985.3", "85年3月", "1985-03", 出生年月 as a year and month, the code spellings of
``templates/synonyms`` and a 岗位类别 column.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from desktop.domain.idcard import id_check_char

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "real"


def pid(birth: str, seq: str, area: str = "441622") -> str:
    """A valid 18-digit resident ID: area, birth date (yyyymmdd), 3-digit sequence (odd = 男)."""
    first17 = area + birth + seq
    return first17 + id_check_char(first17)


def _ending_in_x(birth: str) -> str:
    for n in range(100, 1000):
        number = pid(birth, f"{n:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")


ANSWERS = {"category": "专任教师", "employment_form": "在编"}


@dataclass
class Expect:
    """What importing one file must do."""

    file: str
    kind: str
    accepted: int  # rows added or updated
    rejected: dict[int, str]  # Excel row → a phrase of its reason
    stored: dict[str, dict[str, object]]  # key (name, class name, certificate number, name/title) → fields stored
    notices: list[str] = field(default_factory=list)  # phrases that must be in the notices
    defaults: dict[str, str] = field(default_factory=dict)  # answers the clerk gave for the batch
    year: int | None = None
    warnings: dict[int, str] = field(default_factory=dict)  # Excel row → a phrase of a warning


Builder = Callable[[Path], None]
CASES: list[tuple[Expect, Builder]] = []


def case(expect: Expect) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        CASES.append((expect, build))
        return build
    return register


def _save(wb: openpyxl.Workbook, path: Path) -> None:
    fixed = datetime(2025, 9, 1, 8, 0, 0)  # the same file content on every run
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "龙川县第一小学"
    wb.save(path)


def _sheet(rows: list[list[object]], title: str = "Sheet1") -> tuple[openpyxl.Workbook, Any]:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    return wb, ws


# ---------------------------------------------------------------- the people

ZHANG = pid("19800317", "123")  # 张建国 男
LI = pid("19900725", "224")  # 李秀英 女
WANG = pid("19951209", "315")  # 王志强 男
ZHAO = pid("19880611", "446")  # 赵丽 女
CHEN = pid("19850430", "557")  # 陈伟 男
LIU = pid("19760102", "668")  # 刘芳 女


# ---------------------------------------------------------------- 1. the county's 信息采集表

@case(Expect(
    "01_county_template.xlsx", "roster", accepted=4,
    rejected={8: "校验"},
    stored={
        "张建国": {"gender": "1", "birth_date": date(1980, 3, 17), "ethnicity": "01", "political_status": "01",
                 "education": "21", "major": "汉语言文学", "title": "2", "category": "11", "employment_form": "1"},
        "李秀英": {"gender": "2", "birth_date": date(1990, 7, 25), "ethnicity": "08", "political_status": "13",
                 "education": "31", "major": "数学教育", "title": "3", "category": "11", "employment_form": "1"},
        "王志强": {"birth_date": date(1995, 12, 9), "education": "21", "title": "9", "category": "13",
                 "employment_form": "2", "political_status": "03"},
        "赵丽": {"birth_date": date(1988, 6, 11), "education": "61", "title": "9", "category": "14",
               "employment_form": "3", "note": "食堂：兼管仓库"},
    },
    notices=["A列“序号”有数据"]))
def county_template(path: Path) -> None:
    wb, ws = _sheet([
        ["龙川县2025年中小学教职工信息采集表"],
        ["填报单位（盖章）：龙川县第一小学", None, None, None, None, "填报日期：2025年9月5日"],
        ["序号", "姓名", "性别", "身份证号码", "出生年月", "民族", "政治面貌", "学历情况", None, "职称",
         "岗位类别", "用工形式", "备注"],
        [None, None, None, None, None, None, None, "最高学历", "所学专业", None, None, None, None],
        [1, "张建国", "男", ZHANG, "1980.03", "汉族", "中共党员", "本科", "汉语言文学", "高级教师", "专任教师", "在编", None],
        [2, "李秀英", "女", LI, "1990.07", "壮族", "群众", "大专", "数学教育", "一级教师", "专任教师", "在编", None],
        [3, "王志强", "男", WANG, "1995.12", "汉族", "共青团员", "本科", "会计", "未定级", "行政人员", "合同制", None],
        [4, "黄小明", "男", ZHANG[:17] + ("0" if ZHANG[17] != "0" else "1"), "1980.03", "汉族", "群众", "本科",
         "体育", "二级教师", "专任教师", "在编", None],
        [5, "赵丽", "女", ZHAO, "1988.06", "汉族", "群众", "中专", "烹饪", "未定级", "工勤人员", "临聘", "食堂：兼管仓库"],
    ])
    ws.merge_cells("A1:M1")
    ws.merge_cells("H3:I3")
    for col in "ABCDEFGJKLM":
        ws.merge_cells(f"{col}3:{col}4")
    _save(wb, path)


# ---------------------------------------------------------------- 2. the 全国教师管理信息系统 export

NATIONAL_HEAD = ["*姓名", "曾用名", "*性别", "教职工号", "*国籍/地区", "*身份证件类型", "*身份证件号",
                 "*出生日期(yyyy-MM-dd)", "*民族", "*政治面貌", "*参加工作年月(yyyy-MM)", "*进本校年月(yyyy-MM)",
                 "*教职工来源", "*教职工类别", "*是否在编", "*用人形式", "*是否全日制师范类专业毕业", "*人员状态"]


@case(Expect(
    "02_national_export.xlsx", "roster", accepted=3,
    rejected={4: "进本校年月不能早于参加工作年月"},
    stored={
        "张建国": {"staff_no": "T0001", "birth_date": date(1980, 3, 17), "political_status": "01",
                 "first_work_date": date(2001, 9, 1), "join_date": date(2010, 9, 1), "category": "11",
                 "employment_form": "1", "normal_major": True},
        "李秀英": {"staff_no": "T0002", "ethnicity": "13", "political_status": "05", "category": "12",
                 "employment_form": "1", "normal_major": False},
        "陈伟": {"staff_no": "T0004", "category": "11", "employment_form": "4", "first_work_date": date(2019, 9, 1)},
    },
    notices=["“*教职工来源”有数据", "“*是否在编”有数据", "“*人员状态”有数据"]))
def national_export(path: Path) -> None:
    wb, ws = _sheet([
        NATIONAL_HEAD,
        ["张建国", "", "男", "T0001", "中国", "居民身份证", ZHANG, "1980-03-17", "汉族", "中国共产党党员", "2001-09",
         "2010-09", "录用应届毕业生", "专任教师", "是", "", "是", "在本单位任职"],
        ["李秀英", "", "女", "T0002", "中国", "居民身份证", LI, "1990-07-25", "瑶族", "民盟", "2012-09",
         "2012-09", "录用应届毕业生", "教辅人员", "是", "", "否", "在本单位任职"],
        ["王志强", "", "男", "T0003", "中国", "居民身份证", WANG, "1995-12-09", "汉族", "群众", "2018-09",
         "2017-09", "从其他学校调入", "专任教师", "是", "", "否", "在本单位任职"],
        ["陈伟", "", "男", "T0004", "中国", "居民身份证", CHEN, "1985-04-30", "汉族", "群众", "2019-09",
         "2019-09", "代课教师转入", "专任教师", "否", "代课", "否", "在本单位任职"],
    ], title="教师基本信息")
    ws.freeze_panes = "A2"
    _save(wb, path)


# ---------------------------------------------------------------- 3. a WPS-saved .xls

@case(Expect(
    "03_wps_saved.xls", "roster", accepted=3,
    rejected={5: "存成了数字"},
    stored={
        "张建国": {"first_work_date": date(2001, 9, 1), "education": "21", "title": "3"},
        "刘芳": {"id_number": pid("19760102", "668"), "first_work_date": date(1996, 9, 1), "education": "31"},
        "李秀英": {"first_work_date": date(2012, 9, 1), "education": "14", "title": "4"},
    },
    defaults=ANSWERS))
def wps_saved(path: Path) -> None:
    legacy = "441622760102668"  # a 15-digit ID typed as a number: no digits lost, stored as 18 digits
    wb, ws = _sheet([
        ["龙川县第一小学教职工花名册（2025年秋季）"],
        ["姓名", "身份证号", "参加工作时间", "学历", "职称"],
        ["张建国", ZHANG, date(2001, 9, 1), "本科", "一级"],
        ["刘芳", int(legacy), date(1996, 9, 1), "专科", "一级"],
        ["王志强", float(WANG), date(2018, 9, 1), "本科", "二级"],
        ["李秀英", LI, date(2012, 9, 1), "硕士", "二级"],
    ], title="花名册")
    ws.merge_cells("A1:E1")
    ws["C3"].number_format = ws["C4"].number_format = "yyyy年m月"
    _xls(wb, path)


CONVERT = {"xls": True}  # the comparison test writes only the .xlsx source of the .xls


def _xls(wb: openpyxl.Workbook, path: Path) -> None:
    """Save as .xls through LibreOffice; the .xlsx source is kept beside it for the comparison test."""
    source = path.with_suffix(".source.xlsx")
    _save(wb, source)
    if not CONVERT["xls"]:
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .xls fixture")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "xls:MS Excel 97", "--outdir", tmp, str(source)], check=True, capture_output=True,
                       timeout=180)
        shutil.move(str(Path(tmp) / (source.stem + ".xls")), path)


# ---------------------------------------------------------------- 4. an old system's GB18030 CSV

@case(Expect(
    "04_old_system_gb18030.csv", "roster", accepted=3,
    rejected={4: "最高学历“大学”不在代码表中"},
    stored={
        "刘䶮": {"birth_date": date(1985, 4, 30), "education": "21", "title": "3", "category": "11",
                "employment_form": "1"},
        "王堃": {"birth_date": date(1976, 1, 2), "education": "31", "title": "2", "category": "13",
                "employment_form": "1"},
        "赵喆": {"birth_date": date(1988, 6, 11), "education": "61", "title": "9", "category": "14",
                "employment_form": "3"},
    }))
def old_system_csv(path: Path) -> None:
    with path.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "出生日期", "学历", "职称", "人员类别", "用工形式"])
        w.writerow(["刘䶮", CHEN, "19850430", "大学本科", "中学一级", "专任教师", "在编"])
        w.writerow(["王堃", LIU, "19760102", "大学专科", "中学高级", "行政", "在编"])
        w.writerow(["孙晓燕", LI, "19900725", "大学", "二级", "专任教师", "在编"])
        w.writerow(["赵喆", ZHAO, "19880611", "中专", "", "工勤", "临时工"])


# ---------------------------------------------------------------- 5. 班额 with the 合计 row and signatures

@case(Expect(
    "05_classes_totals_signatures.xlsx", "classes", accepted=4,
    rejected={7: "寄宿生数不能多于"},
    stored={
        "一(1)班": {"grade": "P1", "enrolled": 45, "boarders": 0},
        "一(2)班": {"grade": "P1", "enrolled": 58, "boarders": 3},
        "二(1)班": {"grade": "P2", "enrolled": 66, "boarders": 0},
        "六(1)班": {"grade": "P6", "enrolled": 40, "boarders": 12},
    },
    notices=["第 8 行“合计”看起来是表尾说明", "第 10 行“填表人"], year=2025))
def classes_totals(path: Path) -> None:
    wb, ws = _sheet([
        ["龙川县第一小学2025学年班额情况统计表"],
        ["年级", "班级", "班额", "寄宿生数"],
        ["一年级", "一(1)班", 45, 0],
        ["一年级", "一(2)班", 58, 3],
        ["二年级", "二(1)班", 66, 0],
        ["六年级", "六(1)班", 40, 12],
        ["六年级", "六(2)班", 38, 40],
        ["合计", None, "=SUM(C3:C7)", "=SUM(D3:D7)"],
        [],
        ["填表人：张老师", None, "审核人：李校长", None, "联系电话：0762-6712345"],
    ], title="班额")
    ws.merge_cells("A1:D1")
    _save(wb, path)


# ---------------------------------------------------------------- 6. hidden sheets, rows and columns

@case(Expect(
    "06_hidden_parts.xlsx", "roster", accepted=3, rejected={},
    stored={"张建国": {"education": "21"}, "李秀英": {"education": "31"}, "王志强": {"education": "21"}},
    notices=["隐藏的工作表“去年名单”", "第 4 行在 Excel 中被隐藏", "D列“家庭住址”在 Excel 中被隐藏但有数据"],
    warnings={4: "被隐藏"}, defaults=ANSWERS))
def hidden_parts(path: Path) -> None:
    wb, ws = _sheet([
        ["姓名", "身份证号", "学历", "家庭住址"],
        ["张建国", ZHANG, "本科", "老隆镇"],
        ["李秀英", LI, "大专", "佗城镇"],
        ["王志强", WANG, "本科", "鹤市镇"],
    ], title="名单")
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["D"].hidden = True
    old = wb.create_sheet("去年名单")
    old.append(["姓名", "身份证号"])
    old.append(["刘芳", LIU])
    old.sheet_state = "hidden"
    _save(wb, path)


# ---------------------------------------------------------------- 7. IDs as numbers, full-width digits, a lowercase x

X_ID = _ending_in_x("19870815")


@case(Expect(
    "07_id_shapes.xlsx", "roster", accepted=4,
    rejected={3: "存成了数字", 7: "末三位是 000"},
    stored={
        "张建国": {"id_number": ZHANG},
        "刘芳": {"id_number": LIU},  # 15 digits as a number, stored as 18
        "赵丽": {"id_number": ZHAO},  # full-width digits
        "周小红": {"id_number": X_ID},  # lowercase x
    },
    defaults=ANSWERS))
def id_shapes(path: Path) -> None:
    wide = ZHAO.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    lost = CHEN[:15] + "000"
    wb, _ws = _sheet([
        ["姓名", "身份证号"],
        ["张建国", ZHANG],
        ["李秀英", float(LI)],  # 18 digits as a number: the last ones are gone
        ["刘芳", 441622760102668],
        ["赵丽", wide],
        ["周小红", X_ID.lower()],
        ["陈伟", lost],  # text that Excel had already rounded
    ])
    _save(wb, path)


# ---------------------------------------------------------------- 8. dates as serials, "1985.3", "85年3月", "1985-03"

@case(Expect(
    "08_date_shapes.xlsx", "roster", accepted=4,
    rejected={6: "无法判断是 1 月还是 10 月"},
    stored={
        "张建国": {"birth_date": date(1980, 3, 17), "first_work_date": date(2001, 9, 1)},
        "陈伟": {"birth_date": date(1985, 4, 30), "first_work_date": date(2005, 3, 1)},
        "刘芳": {"birth_date": date(1976, 1, 2), "first_work_date": date(1996, 9, 1)},
        "赵丽": {"birth_date": date(1988, 6, 11), "first_work_date": date(2008, 9, 1)},
    },
    defaults=ANSWERS))
def date_shapes(path: Path) -> None:
    wb, _ws = _sheet([
        ["姓名", "身份证号", "出生日期", "参加工作年月"],
        ["张建国", ZHANG, 29297, 37135],  # Excel serials in General cells: 1980-03-17, 2001-09-01
        ["陈伟", CHEN, "1985.4", "2005.3"],
        ["刘芳", LIU, "76年1月", "96年9月"],
        ["赵丽", ZHAO, "1988-06", "2008-09"],
        ["王志强", WANG, "1995-12", 2018.1],  # a number cell: January or October?
    ])
    _save(wb, path)


# ---------------------------------------------------------------- 9. 出生年月 as a year and month (the roster that lost 16 of 18 rows)

_YM_PEOPLE = [(f"教师{i:02d}", pid(f"19{70 + i}{(i % 12) + 1:02d}{(i * 7) % 27 + 2:02d}", f"{100 + i * 3:03d}"))
              for i in range(18)]


@case(Expect(
    "09_birth_year_month.xlsx", "roster", accepted=18,
    rejected={21: "校验", 22: "身份证号应为18位"},
    stored={name: {"birth_date": date(int(n[6:10]), int(n[10:12]), int(n[12:14]))} for name, n in _YM_PEOPLE},
    warnings={19: "出生年月 1987-12 与身份证号中的出生日期"}, defaults=ANSWERS))
def birth_year_month(path: Path) -> None:
    rows: list[list[object]] = [["教职工基本情况表"], ["姓名", "身份证号", "出生年月", "学历"]]
    for i, (name, number) in enumerate(_YM_PEOPLE):
        shapes = [f"{number[6:10]}.{number[10:12]}", f"{number[6:10]}年{int(number[10:12])}月",
                  f"{number[6:10]}-{number[10:12]}"]
        typed = shapes[i % 3]
        if i == 16:
            typed = "1987.12"  # the ID says November: a warning, not a refusal
        rows.append([name, number, typed, "本科"])
    rows.append(["坏号码甲", _YM_PEOPLE[0][1][:17] + ("1" if _YM_PEOPLE[0][1][17] != "1" else "2"), "1970.01", "本科"])
    rows.append(["坏号码乙", "4416221980", "1980.03", "本科"])
    wb, ws = _sheet(rows)
    ws.merge_cells("A1:D1")
    _save(wb, path)


# ---------------------------------------------------------------- 10. code values written the way people write them

@case(Expect(
    "10_code_spellings.xlsx", "roster", accepted=6,
    rejected={8: "职称“特级”不在代码表中"},
    stored={
        "张建国": {"honour_level": "4", "education": "61", "title": "3", "political_status": "01", "ethnicity": "01",
                 "employment_form": "1"},
        "李秀英": {"honour_level": "3", "education": "31", "title": "4", "political_status": "03", "ethnicity": "08",
                 "employment_form": "4"},
        "王志强": {"honour_level": None, "education": "14", "title": "3", "political_status": "13", "ethnicity": "13",
                 "employment_form": "3"},
        "赵丽": {"honour_level": "2", "education": "21", "title": "2", "political_status": "06", "ethnicity": "15",
               "employment_form": "2"},
        "陈伟": {"honour_level": None, "education": "61", "title": "5", "political_status": "13", "ethnicity": "03",
               "employment_form": "2"},
        "刘芳": {"honour_level": "5", "education": "21", "title": "1", "political_status": "02", "ethnicity": "22",
               "employment_form": "1"},
    },
    notices=["县级骨干 → 县级", "市级骨干 → 市级", "中师 → 高中阶段", "小学高级 → 一级", "编外 → 合同制"],
    defaults={"category": "专任教师"}))
def code_spellings(path: Path) -> None:
    wb, _ws = _sheet([
        ["姓名", "身份证号", "骨干级别", "学历", "职称", "政治面貌", "民族", "用工形式"],
        ["张建国", ZHANG, "县级骨干", "中师", "小学高级", "党员", "汉", "正式在编"],
        ["李秀英", LI, "市级骨干", "大专", "小学一级", "团员", "壮", "代课"],
        ["王志强", WANG, "无", "研究生", "中学一级教师", "群众", "瑶族", "临聘"],
        ["赵丽", ZHAO, "省级骨干", "本科", "中学高级", "民建", "土家", "合同制"],
        ["陈伟", CHEN, "", "中专", "小学二级", "普通群众", "回", "编外"],
        ["刘芳", LIU, "校级骨干", "大学本科", "正高级教师", "预备党员", "畲", "在编"],
        ["周小红", X_ID, "县骨干", "本科", "特级", "群众", "汉族", "在编"],
    ])
    _save(wb, path)


# ---------------------------------------------------------------- 11. a 岗位类别 column

@case(Expect(
    "11_post_category.xlsx", "roster", accepted=5, rejected={},
    stored={
        "张建国": {"category": "11", "education": "21", "title": "3"},
        "李秀英": {"category": "11", "education": "31", "title": "4"},
        "王志强": {"category": "13", "education": "21", "title": "9"},
        "赵丽": {"category": "14", "education": "61", "title": "9"},
        "陈伟": {"category": "12", "education": "31", "title": "9"},
    },
    defaults={"employment_form": "在编"}))
def post_category(path: Path) -> None:
    wb, _ws = _sheet([
        ["序号", "姓名", "身份证号", "岗位类别", "学历", "职称"],
        [1, "张建国", ZHANG, "专任教师", "本科", "一级"],
        [2, "李秀英", LI, "专任教师", "专科", "二级"],
        [3, "王志强", WANG, "行政人员", "本科", "未定级"],
        [4, "赵丽", ZHAO, "工勤人员", "中专", "未定级"],
        [5, "陈伟", CHEN, "教辅", "大专", "未定级"],
    ])
    _save(wb, path)


# ---------------------------------------------------------------- 12. the county's training register

@case(Expect(
    "12_training_register.xlsx", "training", accepted=3,
    rejected={7: "在本单位教职工名册中找不到"},
    stored={
        "张建国/师德师风专题培训": {"hours": 16.0, "level": "4", "mode": "01", "category": "1",
                          "start_date": date(2025, 3, 1), "end_date": date(2025, 3, 2), "organiser": "龙川县教师发展中心"},
        "李秀英/师德师风专题培训": {"hours": 16.0, "level": "4", "start_date": date(2025, 3, 1)},
        "张建国/信息技术应用能力提升工程2.0": {"hours": 25.0, "level": "2", "mode": "02", "category": "2",
                                  "start_date": date(2025, 4, 1), "end_date": date(2025, 6, 30)},
    }))
def training_register(path: Path) -> None:
    wb, ws = _sheet([
        ["龙川县2025年中小学教师继续教育学时登记表"],
        ["姓名", "身份证号码", "培训项目", "培训时间", None, "学时", "培训层级", "培训形式", "科目类别", "主办单位"],
        [None, None, None, "开始", "结束", None, None, None, None, None],
        ["张建国", ZHANG, "师德师风专题培训", "2025.3.1", "2025.3.2", "16学时", "县级", "集中培训", "公需", "龙川县教师发展中心"],
        ["李秀英", LI, "师德师风专题培训", "2025.3.1", "2025.3.2", "16学时", "县级", "集中培训", "公需", "龙川县教师发展中心"],
        ["张建国", ZHANG, "信息技术应用能力提升工程2.0", "2025年4月1日", "2025年6月30日", 25, "省级", "网络研修", "专业",
         "广东省教育厅"],
        ["何明", pid("19791111", "771"), "师德师风专题培训", "2025.3.1", "2025.3.2", 16, "县级", "集中培训", "公需",
         "龙川县教师发展中心"],
    ], title="学时登记")
    ws.merge_cells("A1:J1")
    ws.merge_cells("D2:E2")
    for col in "ABCFGHIJ":
        ws.merge_cells(f"{col}2:{col}3")
    _save(wb, path)


# ---------------------------------------------------------------- 13. the 教师资格证 register

@case(Expect(
    "13_credentials_register.xlsx", "credentials", accepted=2,
    rejected={4: "在本单位教职工名册中找不到"},
    stored={
        "20084416221100123": {"cert_type": "2", "subject": "语文", "issue_date": date(2008, 7, 1),
                              "issuer": "龙川县教育局"},
        "20124416222000456": {"cert_type": "3", "subject": "数学", "issue_date": date(2012, 6, 30),
                              "issuer": "河源市教育局"},
    }))
def credentials_register(path: Path) -> None:
    wb, _ws = _sheet([
        ["姓名", "身份证号", "资格种类", "任教学科", "证书编号", "颁发日期", "认定机构"],
        ["张建国", ZHANG, "小学教师资格", "语文", "20084416221100123", "2008-07-01", "龙川县教育局"],
        ["李秀英", LI, "初级中学教师资格", "数学", "20124416222000456", "2012.6.30", "河源市教育局"],
        ["何明", pid("19791111", "771"), "小学教师资格", "英语", "20104416221100789", "2010-07-01", "龙川县教育局"],
    ], title="资格证")
    _save(wb, path)


# ---------------------------------------------------------------- 14. a kindergarten's roster

@case(Expect(
    "14_kindergarten.xlsx", "roster", accepted=4, rejected={},
    stored={
        "李秀英": {"post": "03", "category": "13", "join_date": date(2015, 9, 1)},
        "赵丽": {"post": "00", "category": "11", "join_date": date(2016, 2, 1), "teaching_stage": "preschool"},
        # 保育员 / 卫生保健人员 under 人员类别 with an empty 职务: 教辅人员 and the kindergarten post (教基4148).
        "刘芳": {"post": "07", "category": "12", "join_date": date(2010, 9, 1)},
        "周小红": {"post": "08", "category": "12", "employment_form": "3"},
    },
    notices=["按常见写法换算", "保育员 → 教辅人员"]))
def kindergarten(path: Path) -> None:
    wb, _ws = _sheet([
        ["姓名", "身份证号", "职务", "人员类别", "任教学段", "进本园年月", "用工形式"],
        ["李秀英", LI, "园长", "行政人员", "", "2015.09", "在编"],
        ["赵丽", ZHAO, "", "专任教师", "学前", "2016年2月", "在编"],
        ["刘芳", LIU, "", "保育员", "", "2010-09", "在编"],
        ["周小红", X_ID, "", "卫生保健人员", "", "2021-03", "临聘"],
    ], title="教职工")
    _save(wb, path)


# ---------------------------------------------------------------- 15. notes, blank rows, full-width phone digits

@case(Expect(
    "15_notes_and_blank_rows.xlsx", "roster", accepted=3, rejected={},
    stored={
        "张建国": {"note": "兼任：教务处副主任（2023年起）", "phone": "13800000001"},
        "李秀英": {"note": "产假：2025年3月至8月", "phone": "13800000002"},
        "王志强": {"note": None, "phone": "13800000003"},
    },
    notices=["第 4 行是空行"], defaults=ANSWERS))
def notes_and_blank_rows(path: Path) -> None:
    wb, _ws = _sheet([
        ["姓名", "身份证号", "联系电话", "备注"],
        ["张建国", ZHANG, "１３８０００００００１", "兼任：教务处副主任（2023年起）"],
        ["李秀英", LI, "13800000002", " 产假：2025年3月至8月 "],
        [],
        ["王志强", WANG, 13800000003, None],
    ])
    _save(wb, path)


def write_all(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for expect, build in CASES:
        build(folder / expect.file)
        out.append(folder / expect.file)
    return out


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(written)
