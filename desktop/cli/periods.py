"""`edureturns-cli period list|new|rollover|due|close`: the reporting year from the command line.

``rollover`` prints the preview and writes only with ``--yes``, so a script
cannot start a new year by accident. Exit codes follow ``desktop.cli``: 0 ok,
2 refused (a Chinese reason on stderr).
"""

from __future__ import annotations

import argparse
from datetime import date

from desktop.cli.common import (
    CommandError,
    add_db_arguments,
    cli_actor,
    open_database,
    resolve_period,
    resolve_unit,
    run_safely,
)
from desktop.services.year.rollover_text import plan_lines


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 2026-09-20。") from exc


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("period", help="统计期（学年）：列出、新建、结转、关闭")
    actions = p.add_subparsers(dest="period_command", metavar="ACTION")

    a = actions.add_parser("list", help="列出统计期和报送截止日期")
    add_db_arguments(a)
    a.set_defaults(handler=run_safely(_list))

    a = actions.add_parser("new", help="新建一个空的统计期（从上一学年带数据请用 rollover）")
    add_db_arguments(a)
    a.add_argument("--year", type=int, required=True, help="学年，如 2026")
    a.add_argument("--due", type=_date, help="报送截止日期（默认 9月20日）")
    a.set_defaults(handler=run_safely(_new))

    a = actions.add_parser("rollover", help="开始新学年：预览从某学年结转到下一学年，加 --yes 执行")
    add_db_arguments(a)
    a.add_argument("--year", type=int, help="从哪个学年结转（默认：最新的学年）")
    a.add_argument("--unit", help="单位代码（默认：本单位；教育局包括下属全部学校）")
    a.add_argument("--yes", action="store_true", help="确认执行结转（不加则只显示预览）")
    a.set_defaults(handler=run_safely(_rollover))

    a = actions.add_parser("due", help="设置报送截止日期：整个统计期，或（教育局）某个下级单位")
    add_db_arguments(a)
    a.add_argument("--year", type=int, required=True, help="学年")
    a.add_argument("--date", type=_date, help="截止日期，如 2026-09-30")
    a.add_argument("--unit", help="下级单位代码（只改这个单位的截止日期）")
    a.add_argument("--clear", action="store_true", help="与 --unit 一起用：取消该单位自己的日期，改用统计期的日期")
    a.set_defaults(handler=run_safely(_due))

    a = actions.add_parser("close", help="关闭统计期：本期班级、学位和填写说明变为只读")
    add_db_arguments(a)
    a.add_argument("--year", type=int, required=True, help="要关闭的学年")
    a.add_argument("--reason", help="关闭原因（记入操作日志）")
    a.set_defaults(handler=run_safely(_close))
    p.set_defaults(handler=lambda _args: (p.print_help(), 2)[1])


def _list(args: argparse.Namespace) -> int:
    from desktop.services.year.periods import list_periods

    db = open_database(args)
    try:
        rows = list_periods(db)
    finally:
        db.dispose()
    if not rows:
        print("数据库中还没有统计期。请用 `edureturns-cli period new --year 学年` 新建。")
        return 0
    years = {p.id: p.school_year for p in rows}
    print("学年\t统计时点\t报送截止\t状态\t来源")
    for p in rows:
        source = f"由{years[p.rolled_from_id]}学年结转" if p.rolled_from_id in years else "新建"
        print(f"{p.label}\t{p.census_date}\t{p.due_date or '未设置'}\t{'已关闭' if p.closed else '进行中'}\t{source}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from desktop.services.year.periods import create_period

    db = open_database(args)
    try:
        p = create_period(db, args.year, due_date=args.due, actor=cli_actor(args, db).username)
    finally:
        db.dispose()
    print(f"已新建 {p.label}：统计时点 {p.census_date}，报送截止 {p.due_date}。")
    return 0


def _rollover(args: argparse.Namespace) -> int:
    from desktop.services.year.rollover import apply_rollover, preview_rollover

    db = open_database(args)
    try:
        unit = resolve_unit(db, args.unit)
        source = resolve_period(db, args.year)
        plan = preview_rollover(db, unit.id, source.id)
        for line in plan_lines(plan):
            print(line)
        if plan.nothing_to_do:
            return 0
        if not args.yes:
            print("以上为预览，尚未写入。确认无误后加 --yes 再运行一次即可执行结转。")
            return 0
        result = apply_rollover(db, unit.id, source.id, actor=cli_actor(args, db).username)
    finally:
        db.dispose()
    print(result.message)
    return 0


def _due(args: argparse.Namespace) -> int:
    from desktop.services.year.periods import find_period, set_period_due_date, set_unit_due_date

    if args.clear == bool(args.date):
        raise CommandError("请用 --date 给出截止日期，或与 --unit 一起用 --clear 取消单位自己的日期（二选一）。")
    if args.clear and not args.unit:
        raise CommandError("--clear 只能与 --unit 一起使用。")
    db = open_database(args)
    try:
        p = find_period(db, args.year)
        if p is None:
            raise CommandError(f"数据库中没有 {args.year}学年 的统计期。")
        if args.unit:
            unit = resolve_unit(db, args.unit)
            due = set_unit_due_date(db, unit.id, p.id, None if args.clear else args.date, actor=cli_actor(args, db).username)
            print(f"{unit.name} {p.label} 的报送截止日期：{due or '未设置'}"
                  + ("（沿用统计期的日期）" if args.clear else "（单位自己的日期）"))
        else:
            p = set_period_due_date(db, p.id, args.date, actor=cli_actor(args, db).username)
            print(f"{p.label} 的报送截止日期已设为 {p.due_date}（单位另设日期的除外）。")
    finally:
        db.dispose()
    return 0


def _close(args: argparse.Namespace) -> int:
    from desktop.services.year.periods import close_period, find_period

    db = open_database(args)
    try:
        p = find_period(db, args.year)
        if p is None:
            raise CommandError(f"数据库中没有 {args.year}学年 的统计期。")
        close_period(db, p.id, actor=cli_actor(args, db).username, reason=args.reason)
    finally:
        db.dispose()
    print(f"{p.label} 已关闭：本期班级、学位和填写说明现在只能查看。")
    return 0
