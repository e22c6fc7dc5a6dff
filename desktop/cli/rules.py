"""`edureturns-cli rules`: try a rule file (规则文件) on the data before publishing it.

``rules test FILE`` loads the file (refused with the file, line and reason when it is wrong:
exit code 2), runs every rule over the units below this office in each school year of the
database, and prints per rule and year how many units it judged and flagged, which ones,
and how many it could not judge (无上年数据, 无数据). Exit code 1 when any unit is flagged.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from desktop.cli.common import add_db_arguments, open_database, resolve_unit, run_safely


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="数据校验规则：试算规则文件")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("test", help="在本库各学年的数据上试算规则文件，列出会被标记的单位")
    a.add_argument("file", type=Path, help="规则文件（.toml，或含 rules 的指标方案 .json）")
    add_db_arguments(a)
    a.add_argument("--unit", help="单位代码（默认：本单位，即其下全部单位）")
    a.add_argument("--year", type=int, action="append", help="只试算该学年（可重复）")
    a.add_argument("--list", type=int, default=20, metavar="N", help="每条规则每学年列出前 N 个被标记的单位（默认 20）")
    a.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_safely(_rules))


def _rules(args: argparse.Namespace) -> int:
    from desktop.services.returns.bench import bench_rule_file

    db = open_database(args)
    try:
        unit = resolve_unit(db, args.unit)
        report = bench_rule_file(db, args.file, unit.id, years=args.year)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
        return 1 if report.any_flagged else 0
    print(f"规则文件：{report.source}    试算范围：{report.unit_name}（{report.unit_code}）及其下属单位")
    for line in report.lines:
        level = "错误" if line.severity == "error" else "警告"
        print(f"{line.school_year}学年  {line.rule}  {line.name}（{level}）：试算 {line.judged} 项，"
              f"标记 {line.flagged_units} 个单位（{len(line.flagged)} 条），无上年数据 {line.no_prev}，无数据 {line.no_data}")
        for f in line.flagged[:args.list]:
            print(f"    · {f.unit_name}（{f.unit_code}）：{f.message}")
        if len(line.flagged) > args.list:
            print(f"    … 另有 {len(line.flagged) - args.list} 条")
    flagged = sum(line.flagged_units for line in report.lines)
    print(f"共 {len(report.lines)} 项试算，标记单位 {flagged} 个次。" if report.lines else "本库没有可试算的学年数据。")
    return 1 if report.any_flagged else 0
