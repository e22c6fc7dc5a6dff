"""`edureturns-cli national`: the national statistics forms (教基 series) from the records.

    national --out DIR                 the workbook (national layout) and its PDF
    national reconcile FILE|FOLDER     every cell of a national workbook that differs from the records
    national cell SHEET ROW COL        the people behind one cell (drill-down)
    national check                     the 逻辑校验 findings

Exit codes: 0 ok, 1 findings or differences, 2 could not run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import CommandError, add_db_arguments, open_database, run_safely


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("national", help="国家教育统计基层报表（教基表）：导出、核对、下钻、逻辑校验",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_arguments(p)
    p.add_argument("action", nargs="*", metavar="动作",
                   help="不写：导出；reconcile 文件或文件夹；cell 表名 行代码 栏代码；check")
    p.add_argument("--out", type=Path, help="导出的输出文件夹")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--unit", help="单位代码（默认：本单位；县、市按学校类型汇总其下全部学校）")
    p.add_argument("--definitions", type=Path, help="报表定义文件夹（默认：程序自带的当年定义；教育局可分发修改后的定义）")
    p.add_argument("--limit", type=int, default=20, help="每个不一致的格子最多列出的人数（默认 20）")
    p.set_defaults(handler=run_safely(_national))


def _people(people: list[tuple[int, str]] | tuple[tuple[int, str], ...], limit: int) -> str:
    shown = "、".join(f"{name}（{sid}）" for sid, name in people[:limit])
    more = f" 等 {len(people)} 人" if len(people) > limit else ""
    return (shown + more) if people else "（无）"


def _national(args: argparse.Namespace) -> int:
    action = args.action[0] if args.action else "export"
    rest = args.action[1:]
    db = open_database(args)
    try:
        if action == "export":
            return _export(db, args)
        if action == "reconcile":
            if len(rest) != 1:
                raise CommandError("用法：national reconcile 文件.xlsx（或存放各校报表的文件夹）")
            return _reconcile(db, args, Path(rest[0]))
        if action == "cell":
            if len(rest) != 3:
                raise CommandError("用法：national cell 表名 行代码 栏代码，如 national cell 教基4149_小学 02 2")
            return _cell(db, args, *rest)
        if action == "check":
            return _check(db, args)
        raise CommandError(f"不认识的动作“{action}”：可用 reconcile、cell、check，或不写动作直接导出。")
    finally:
        db.dispose()


def _export(db: object, args: argparse.Namespace) -> int:
    from desktop.services.returns.national_io import export_national

    if args.out is None:
        raise CommandError("导出需要 --out 输出文件夹。")
    done = export_national(db, args.out, args.year, args.unit, args.definitions)  # type: ignore[arg-type]
    ret = done.national
    print(f"{ret.unit_name}（{ret.unit_code}） {ret.school_year}学年 国家统计基层报表："
          f"{len(ret.sheets)} 张表（定义：{ret.definitions.folder.name}）")
    for s in ret.sheets:
        print(f"  {s.name}")
    print(f"已写出：{done.xlsx}")
    print(f"已写出：{done.pdf}")
    if ret.findings:
        print(f"逻辑校验：{len(ret.findings)} 条未通过，运行 `national check` 查看。")
        return 1
    return 0


def _reconcile(db: object, args: argparse.Namespace, path: Path) -> int:
    from desktop.services.returns.national_io import reconcile, reconcile_folder

    results = (reconcile_folder(db, path, args.year) if path.is_dir()  # type: ignore[arg-type]
               else [reconcile(db, path, args.year, args.unit, args.definitions)])  # type: ignore[arg-type]
    for r in results:
        state = "一致" if r.agrees else f"{len(r.differences)} 格不一致"
        print(f"{r.unit_name}（{r.unit_code}） {r.path.name}：{state}")
        for d in r.differences:
            reported = "缺失" if d.reported is None else str(d.reported)
            print(f"  {d.sheet} 第{d.row}行（{d.row_name}）第{d.col}栏（{d.col_name}）："
                  f"记录 {d.app}，报表 {reported}；记录中对应的人员或班级：{_people(d.people, args.limit)}")
        for problem in r.problems:
            print(f"  注意：{problem}")
    if len(results) > 1:
        bad = [r for r in results if not r.agrees]
        print(f"共 {len(results)} 份报表，{len(bad)} 所学校的报表与记录不一致"
              + (f"：{'、'.join(r.unit_name for r in bad)}" if bad else "。"))
    return 0 if all(r.agrees for r in results) else 1


def _cell(db: object, args: argparse.Namespace, sheet: str, row: str, col: str) -> int:
    from desktop.services.returns.national import build_national, cell_people

    ret = build_national(db, args.year, args.unit, args.definitions)  # type: ignore[arg-type]
    people = cell_people(ret, sheet, row.zfill(2), col)
    d = ret.sheet(sheet).filled.definition
    print(f"{sheet} 第{row.zfill(2)}行（{d.row(row.zfill(2)).name}）第{col}栏（{d.column(col).name}）：{len(people)} 人")
    for sid, name in people:
        print(f"  {sid}\t{name}")
    return 0


def _check(db: object, args: argparse.Namespace) -> int:
    from desktop.services.returns.national import build_national

    ret = build_national(db, args.year, args.unit, args.definitions)  # type: ignore[arg-type]
    if not ret.findings:
        print(f"{ret.unit_name}（{ret.unit_code}）：{len(ret.sheets)} 张表的逻辑校验全部通过。")
        return 0
    for f in ret.findings:
        who = "、".join(f"{ret.persons[i].name}（{i}）" for i in f.finding.staff_ids[: args.limit] if i in ret.persons)
        print(f"{f.sheet}：{f.finding.message}" + (f" 涉及：{who}" if who else ""))
    return 1
