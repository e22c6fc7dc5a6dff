"""`edureturns-cli office …`: completeness and timeliness, bulk review, 退回 templates (issue 23).

    office completeness --db F [--year Y] [--today YYYY-MM-DD]
    office approve CODE... --db F [--year Y]              (reviewers; each unit on its own)
    office return CODE... --db F --out DIR [--template N]... [--comment TEXT] [--year Y]
    office templates --db F [--set FILE]                  (one template a line; --set replaces them)
    office absence CODE --reason TEXT --db F [--year Y]   (why a unit does not report; "" clears)
    office changes CODE --db F [--year Y]                 (a resubmission: what changed, and the comments)

Deadlines are the period's (``period due``). ``approve`` and ``return`` exit 1 when some
units could not be approved or returned (each says why).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.cli.common import add_db_arguments, cli_actor, open_database, run_safely

EXIT_OK, EXIT_FINDINGS = 0, 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    office = sub.add_parser("office", help="上报及时性与完整性、批量审核与退回、退回意见模板")
    inner = office.add_subparsers(dest="office_command", metavar="ACTION")

    p = inner.add_parser("completeness", help="每个应报单位的及时性与完整性，以及每日收到的数据包")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--today", type=date.fromisoformat, help="按这一天计算未报单位的逾期天数（默认：今天）")
    p.set_defaults(handler=run_safely(_completeness))

    p = inner.add_parser("approve", help="（审核人）批量审核通过")
    p.add_argument("codes", nargs="+", help="单位代码")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_approve))

    p = inner.add_parser("return", help="（审核人）批量退回：模板加补充意见，每个单位一个退回文件")
    p.add_argument("codes", nargs="+", help="单位代码")
    add_db_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="退回文件的输出文件夹")
    p.add_argument("--template", type=int, action="append", default=[], help="模板编号（见 office templates，可重复）")
    p.add_argument("--comment", default="", help="补充意见")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_return))

    p = inner.add_parser("templates", help="列出或替换本局的退回意见模板")
    add_db_arguments(p)
    p.add_argument("--set", type=Path, help="（审核人）用这个文本文件（UTF-8，每行一条）替换模板")
    p.set_defaults(handler=run_safely(_templates))

    p = inner.add_parser("absence", help="（审核人）记录某单位本学年不上报的原因（空文本清除）")
    p.add_argument("code", help="单位代码")
    p.add_argument("--reason", required=True, help="原因，如：已撤并、停办")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_absence))

    p = inner.add_parser("changes", help="重新报送的单位：与上次（被退回的）版本相比改了什么，以及本局的退回意见")
    p.add_argument("code", help="单位代码")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_changes))


def _completeness(args: argparse.Namespace) -> int:
    from desktop.services.office.completeness import completeness

    db = open_database(args)
    try:
        c = completeness(db, school_year=args.year, today=args.today)
    finally:
        db.dispose()
    print("代码\t名称\t状态\t首次接收\t截止日期\t及时性\t退回次数\t一次通过\t警告已说明\t警告未说明\t零上报\t未报原因")
    for r in c.rows:
        first = "" if r.first_time is None else ("是" if r.first_time else "否")
        received = r.first_received.strftime("%Y-%m-%d %H:%M") if r.first_received else ""
        print(f"{r.code}\t{r.name}\t{r.status_label}\t{received}\t{r.deadline or ''}\t{r.timeliness}\t{r.returned}\t"
              f"{first}\t{r.warnings_explained}\t{r.warnings_unexplained}\t{'是' if r.zero_report else ''}\t"
              f"{r.absence_reason or ''}")
    print()
    print("日期\t当日收到\t累计")
    for d, n, total in zip(c.arrivals.days, c.arrivals.received, c.arrivals.cumulative, strict=True):
        mark = "\t← 截止日期" if d == c.arrivals.deadline else ""
        print(f"{d}\t{n}\t{total}{mark}")
    print(f"应报 {len(c.rows)}，已报 {c.count('reported')}（按时 {c.count('on_time')}，逾期 {c.count('late')}，"
          f"零上报 {c.count('zero')}），未报有原因 {c.count('reason')}，未报 {c.count('missing')}，"
          f"一次通过 {c.count('first_time')}。", file=sys.stderr)
    return EXIT_OK


def _print_outcomes(outcomes: list) -> int:  # type: ignore[type-arg]
    for o in outcomes:
        print(f"{'成功' if o.ok else '未成功'}\t{o.code}\t{o.message}" + (f"\t{o.path}" if o.path else ""))
    ok = sum(1 for o in outcomes if o.ok)
    print(f"成功 {ok} 个，未成功 {len(outcomes) - ok} 个。", file=sys.stderr)
    return EXIT_OK if ok == len(outcomes) else EXIT_FINDINGS


def _approve(args: argparse.Namespace) -> int:
    from desktop.services.office.bulk_review import approve_units

    db = open_database(args)
    try:
        out = approve_units(db, args.codes, school_year=args.year, actor=cli_actor(args, db))
    finally:
        db.dispose()
    return _print_outcomes(out)


def _return(args: argparse.Namespace) -> int:
    from desktop.cli.common import fail
    from desktop.services.office.bulk_review import comment_templates, return_units

    db = open_database(args)
    try:
        templates = comment_templates(db)
        bad = [n for n in args.template if not 1 <= n <= len(templates)]
        if bad:
            return fail(f"没有编号为 {bad[0]} 的模板（共 {len(templates)} 条，见 office templates）。")
        out = return_units(db, args.codes, args.out, templates=[templates[n - 1] for n in args.template],
                           text=args.comment, school_year=args.year, actor=cli_actor(args, db))
    finally:
        db.dispose()
    return _print_outcomes(out)


def _templates(args: argparse.Namespace) -> int:
    from desktop.services.office.bulk_review import comment_templates, save_comment_templates

    db = open_database(args)
    try:
        if args.set is not None:
            lines = Path(args.set).read_text("utf-8-sig").splitlines()
            templates = save_comment_templates(db, lines, actor=cli_actor(args, db))
        else:
            templates = comment_templates(db)
    finally:
        db.dispose()
    for i, t in enumerate(templates, 1):
        print(f"{i}\t{t}")
    return EXIT_OK


def _absence(args: argparse.Namespace) -> int:
    from desktop.services.office.completeness import record_absence

    db = open_database(args)
    try:
        record_absence(db, args.code, args.reason, school_year=args.year, actor=cli_actor(args, db))
    finally:
        db.dispose()
    print("已记录未报原因。" if args.reason.strip() else "已清除未报原因。", file=sys.stderr)
    return EXIT_OK


def _changes(args: argparse.Namespace) -> int:
    from desktop.services.office.bulk_review import resubmission

    db = open_database(args)
    try:
        c = resubmission(db, args.code, school_year=args.year)
    finally:
        db.dispose()
    if c is None:
        print("该单位本学年只报送过一次（或尚未报送），没有可比较的版本。", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"{c.code} {c.name}：与{'被退回的' if c.returned else '上次接收的'}版本 {c.since} 相比")
    for at, text in c.comments:
        print(f"退回意见（{at}）：{text}")
    print("人员\t项目\t原值\t新值")
    for person, field, before, after in c.fields:
        print(f"{person}\t{field}\t{before}\t{after}")
    for line in c.lines:
        print(line)
    return EXIT_OK
