"""`edureturns-cli export`: write the returns of a unit and period as Excel and/or PDF files."""

from __future__ import annotations

import argparse
import sys
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
    p = sub.add_parser("export", help="导出报表（Excel / PDF）")
    add_db_arguments(p)
    p.add_argument("--returns", default="all",
                   help="报表代码，逗号分隔（如 profile,roster），或 all（默认）")
    p.add_argument("--formats", default="xlsx,pdf", help="导出格式，逗号分隔：xlsx,pdf（默认两种都导出）")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--unit", help="单位代码（默认：本单位）")
    p.add_argument("--target-set", help="指标方案代码（默认：本单位为该学年选定的方案）")
    p.add_argument("--full-ids", action="store_true",
                   help="花名册显示完整证件号码（默认只显示前6位和后4位；完整号码属于个人敏感信息）")
    p.set_defaults(handler=run_safely(_export))


def _export(args: argparse.Namespace) -> int:
    from desktop.services.returns.build import export_returns_checked

    db = open_database(args)
    try:
        unit = resolve_unit(db, args.unit)
        period = resolve_period(db, args.year)
        formats = [f.strip() for f in args.formats.split(",") if f.strip()]
        # Full ID numbers are the admin's (users.PERMISSIONS), on the command line as in the GUI.
        actor = cli_actor(args, db)
        done = export_returns_checked(db, unit.id, period.id, args.returns, formats, args.out,
                                      full_ids=args.full_ids, target_set=args.target_set, actor=actor)
        paths = done.paths
        if done.is_draft:  # the files are written as drafts; exit 1 with every failed relation
            for path in paths:
                print(path)
            print(f"错误：{done.summary()}", file=sys.stderr)
            for f in done.failed[1:]:
                print(f"  {f.message}", file=sys.stderr)
            return 1
        for path in paths:
            print(path)
        print(f"已导出 {unit.name} {period.school_year}学年 报表 {len(paths)} 个文件。", file=sys.stderr)
        return 0
    finally:
        db.dispose()
