"""`edureturns-cli targets`: list, copy, export, import and choose target sets (指标方案)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    add_db_arguments,
    cli_actor,
    open_database,
    resolve_period,
    resolve_unit,
    run_safely,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("targets", help="指标方案：列出、复制、导出、导入、选用")
    add_db_arguments(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="列出预置方案和本库的方案")
    a = actions.add_parser("copy", help="把一个方案复制为可编辑的新方案")
    a.add_argument("source", help="原方案代码")
    a.add_argument("code", help="新方案代码（小写字母、数字、连字符）")
    a.add_argument("name", help="新方案名称")
    a = actions.add_parser("export", help="把一个方案导出为文件，发给下级单位")
    a.add_argument("code")
    a.add_argument("--out", type=Path, required=True, help="输出文件（.json）")
    a = actions.add_parser("import", help="导入上级单位发来的方案文件")
    a.add_argument("file", type=Path)
    a.add_argument("--replace", action="store_true", help="本库已有同代码方案时用文件内容替换")
    a = actions.add_parser("choose", help="为单位的某学年选用方案")
    a.add_argument("code")
    a.add_argument("--unit", help="单位代码（默认：本单位）")
    a.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_targets))


def _targets(args: argparse.Namespace) -> int:
    from desktop.services.indicators import targets

    db = open_database(args)
    try:
        if args.action == "list":
            for info in targets.list_target_sets(db):
                kind = "预置" if info.preset else f"本库（据 {info.based_on}）" if info.based_on else "本库"
                print(f"{info.code}\t{info.name}\t{info.issuer}\t{info.targets} 项\t{kind}")
        elif args.action == "copy":
            info = targets.copy_target_set(db, args.source, args.code, args.name, actor=cli_actor(args, db).username)
            print(f"已复制为“{info.name}”（{info.code}），共 {info.targets} 项指标。")
        elif args.action == "export":
            out = targets.export_target_set(db, args.code, args.out)
            print(f"已导出：{out}")
        elif args.action == "import":
            info = targets.import_target_set(db, args.file, replace=args.replace, actor=cli_actor(args, db).username)
            print(f"已导入“{info.name}”（{info.code}），共 {info.targets} 项指标。")
        else:
            unit = resolve_unit(db, args.unit)
            period = resolve_period(db, args.year)
            targets.choose_target_set(db, unit.id, period.id, args.code, actor=cli_actor(args, db).username)
            print(f"{unit.name} {period.label} 选用指标方案：{args.code}")
    finally:
        db.dispose()
    return 0
