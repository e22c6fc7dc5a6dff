"""People commands (issue 23): the principal's 核查单, 定期注册 readiness, 调出/调入, 年度考核 and 师德.

    edureturns-cli checklist --db school.db --out 核查单.pdf
    edureturns-cli registration-due --db county.db [--unit 代码] [--months 12] [--json]
    edureturns-cli transfer out --id-number … --to 2144162202 --to-name …学校 --date 2025-08-20 --out 文件夹
    edureturns-cli transfer import 调动-….json | transfer pending | transfer confirm N --date …
    edureturns-cli transfer outgoing | transfer withdraw N --reason … | transfer refuse N --reason …
    edureturns-cli transfer reopen N --reason …    (a 调入 refused by mistake, back to pending)
    edureturns-cli appraisal --id-number … --year 2024 --result 合格
    edureturns-cli ethics --id-number … --date 2024-03-01 --kind 处分 --text 事由
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import (
    CommandError,
    add_db_arguments,
    cli_actor,
    open_database,
    resolve_period,
    resolve_unit,
    run_safely,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.data.engine import Database
    from desktop.services.packages.transfers import TransferInfo


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 2025-08-20。") from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("checklist", help="打印校长核查单（PDF：每名教职工一行、填写说明、数据指纹和二维码、签字栏）")
    add_db_arguments(p)
    p.add_argument("--unit", help="学校代码（默认：本单位）")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件或文件夹")
    p.set_defaults(handler=run_safely(_checklist))

    p = sub.add_parser("registration-due", help="定期注册预判：12 个月内到期的教师、预判结论（合格/暂缓/不合格）和原因")
    add_db_arguments(p)
    p.add_argument("--unit", help="学校或教育局代码（默认：本单位；教育局为其下全部学校）")
    p.add_argument("--months", type=int, default=12, help="多少个月内到期（默认 12）")
    p.add_argument("--today", type=_day, help="以哪天为准（默认：今天）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_safely(_registration_due))

    p = sub.add_parser("transfer", help="调出、调动文件、调入确认")
    add_db_arguments(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("out", help="办理调出并导出调动文件")
    a.add_argument("--id-number", required=True, help="调出人员的证件号码")
    a.add_argument("--to", required=True, help="调入学校的学校标识码（10 位）")
    a.add_argument("--to-name", required=True, help="调入学校名称")
    a.add_argument("--date", type=_day, required=True, help="调出日期")
    a.add_argument("--kind", default="调动", help="调动、交流、支教或跟岗（默认：调动）")
    a.add_argument("--unit", help="调出学校代码（同一证件号在本库多处在职时指明）")
    a.add_argument("--out", type=Path, required=True, help="调动文件写入的文件夹")
    a = actions.add_parser("import", help="导入调出学校发来的调动文件")
    a.add_argument("file", type=Path)
    a = actions.add_parser("pending", help="列出待确认的调入")
    a.add_argument("--unit", help="学校代码（默认：本单位）")
    a = actions.add_parser("confirm", help="确认调入（证书、培训记录随人转入，本周期学时继续计算）")
    a.add_argument("transfer_id", type=int, help="pending 列出的编号")
    a.add_argument("--unit", help="调入学校代码（默认：本单位）")
    a.add_argument("--date", type=_day, required=True, help="调入日期")
    a = actions.add_parser("outgoing", help="列出本校已办理、可以撤销的调出")
    a.add_argument("--unit", help="学校代码（默认：本单位）")
    for name, help_text in (("withdraw", "撤销调出（此人恢复为本校在职）"), ("refuse", "不予确认调入"),
                            ("reopen", "把不予确认的调入恢复为待确认")):
        a = actions.add_parser(name, help=help_text)
        a.add_argument("transfer_id", type=int, help="outgoing 或 pending 列出的编号（reopen：导入调动文件时显示的编号）")
        a.add_argument("--reason", required=True, help="原因（记入操作日志）")
        if name != "withdraw":
            a.add_argument("--unit", help="调入学校代码（默认：本单位）")
    p.set_defaults(handler=run_safely(_transfer))

    p = sub.add_parser("appraisal", help="录入年度考核结果")
    add_db_arguments(p)
    p.add_argument("--id-number", required=True)
    p.add_argument("--unit", help="单位代码（同一证件号在本库多处在职时指明）")
    p.add_argument("--year", type=int, required=True, help="考核年度")
    p.add_argument("--result", required=True, help="优秀、合格、基本合格或不合格")
    p.set_defaults(handler=run_safely(_appraisal))

    p = sub.add_parser("ethics", help="录入师德记录（表彰、批评教育、处分、撤销教师资格）")
    add_db_arguments(p)
    p.add_argument("--id-number", required=True)
    p.add_argument("--unit", help="单位代码（同一证件号在本库多处在职时指明）")
    p.add_argument("--date", type=_day, required=True)
    p.add_argument("--kind", required=True, help="表彰、批评教育、处分或撤销教师资格")
    p.add_argument("--text", required=True, help="事由")
    p.set_defaults(handler=run_safely(_ethics))


def _checklist(args: argparse.Namespace) -> int:
    from desktop.services.returns.checklist import export_checklist

    db = open_database(args)
    unit, period = resolve_unit(db, args.unit), resolve_period(db, args.year)
    path = export_checklist(db, unit.id, period.id, args.out)
    print(f"已生成核查单：{path}")
    return 0


def _registration_due(args: argparse.Namespace) -> int:
    from desktop.services.indicators.registration import registrations_due

    db = open_database(args)
    unit = resolve_unit(db, args.unit)
    rows = registrations_due(db, unit.id, today=args.today, months=args.months)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1, default=str))
        return 0
    if not rows:
        print(f"{unit.name}：{args.months} 个月内没有需要定期注册的教师。")
        return 0
    print("学校\t姓名\t证件号码\t到期日\t预判\t学时\t原因")
    for r in rows:
        due = f"{r.due.isoformat()}{'（已逾期）' if r.overdue else ''}"
        print(f"{r.unit_name}\t{r.name}\t{r.id_masked}\t{due}\t{r.result}\t{r.hours:g}/{r.required:g}\t"
              + "；".join(r.reasons))
    counts = {k: sum(1 for r in rows if r.result == k) for k in ("合格", "暂缓", "不合格")}
    print(f"共 {len(rows)} 人：合格 {counts['合格']}，暂缓 {counts['暂缓']}，不合格 {counts['不合格']}。")
    return 1 if counts["暂缓"] or counts["不合格"] else 0


def _transfer(args: argparse.Namespace) -> int:
    from desktop.services.packages import transfer_file, transfers

    db = open_database(args)
    actor = cli_actor(args, db).username
    if args.action == "out":
        staff_id = transfers.active_staff_id(db, args.id_number, unit_code=args.unit)
        info = transfers.record_transfer_out(db, staff_id, args.to, args.to_name, args.date, kind=args.kind,
                                             actor=actor)
        path = transfer_file.export_transfer_file(db, info.id, args.out)
        print(f"已办理调出：{info.name}（{info.id_masked}）→ {info.to_unit}，本周期已有 {info.hours_in_cycle:g} 学时。")
        print(f"调动文件：{path}（交给调入学校导入）")
    elif args.action == "import":
        info = transfer_file.import_transfer_file(db, args.file, actor=actor)
        if info.state == "refused":
            print(f"{info.name}（{info.id_masked}）自 {info.from_unit} 的调入此前已不予确认（编号 {info.id}），"
                  f"未再列入待确认。如当时是误操作，可用 transfer reopen {info.id} --reason … 恢复为待确认。")
        elif info.state == "confirmed":
            print(f"{info.name}（{info.id_masked}）的调入此前已确认（编号 {info.id}），无需再导入。")
        else:
            print(f"已收到调动：{info.name}（{info.id_masked}）自 {info.from_unit}，编号 {info.id}，"
                  "请在录入或导入此人后确认调入。")
    elif args.action in ("outgoing", "withdraw", "refuse", "reopen"):
        return _transfer_undo(db, args, actor)
    elif args.action == "pending":
        _list_transfers(db, args.unit, transfers.pending_transfers, "待确认调入",
                        lambda t: f"自 {t.from_unit}\t调出日期 {t.out_date}\t本周期学时 {t.hours_in_cycle:g}")
    else:
        unit = resolve_unit(db, args.unit)
        info = transfers.confirm_transfer_in(db, args.transfer_id, unit.id, args.date, actor=actor)
        print(f"已确认调入：{info.name}（{info.id_masked}），证书和培训记录已随人转入，本周期学时 {info.hours_in_cycle:g}。")
    return 0


def _list_transfers(db: Database, code: str | None, rows_of: Callable[[Database, int], list[TransferInfo]],
                    what: str, rest: Callable[[TransferInfo], str]) -> None:
    """One line per transfer (its number first, for the commands that take it), then the count."""
    unit = resolve_unit(db, code)
    rows = rows_of(db, unit.id)
    for t in rows:
        print(f"{t.id}\t{t.name}\t{t.id_masked}\t{rest(t)}")
    print(f"{unit.name}：{what} {len(rows)} 人。")


def _transfer_undo(db: Database, args: argparse.Namespace, actor: str) -> int:
    from desktop.services.packages import transfer_undo

    if args.action == "outgoing":
        _list_transfers(db, args.unit, transfer_undo.outgoing_transfers, "已办理、可撤销的调出",
                        lambda t: f"至 {t.to_unit}\t调出日期 {t.out_date}")
    elif args.action == "withdraw":
        info = transfer_undo.withdraw_transfer_out(db, args.transfer_id, actor=actor, reason=args.reason)
        print(f"已撤销 {info.name} 的调出，此人已恢复为本校在职人员。如调动文件已交给 {info.to_unit}，"
              "请告知该校不要确认调入。")
    elif args.action == "refuse":
        unit = resolve_unit(db, args.unit)
        info = transfer_undo.refuse_transfer_in(db, args.transfer_id, unit.id, actor=actor, reason=args.reason)
        print(f"已退回 {info.name} 的调入，不再列入待确认。")
    else:
        unit = resolve_unit(db, args.unit)
        info = transfer_undo.reopen_transfer_in(db, args.transfer_id, unit.id, actor=actor, reason=args.reason)
        print(f"已将 {info.name} 的调入恢复为待确认，编号 {info.id}，可用 transfer confirm {info.id} --date … 确认调入。")
    return 0


def _staff(db: object, args: argparse.Namespace) -> int:
    from desktop.services.packages.transfers import active_staff_id

    if not args.id_number.strip():
        raise CommandError("请用 --id-number 写明证件号码。")
    return active_staff_id(db, args.id_number, unit_code=args.unit)  # type: ignore[arg-type]


def _appraisal(args: argparse.Namespace) -> int:
    from desktop.services.records.conduct import set_appraisal

    db = open_database(args)
    rec = set_appraisal(db, _staff(db, args), args.year, args.result, actor=cli_actor(args, db).username)
    print(f"已录入 {rec.year} 年度考核：{rec.result_label}。")
    return 0


def _ethics(args: argparse.Namespace) -> int:
    from desktop.services.records.conduct import add_ethics_record

    db = open_database(args)
    rec = add_ethics_record(db, _staff(db, args), args.date, args.kind, args.text, actor=cli_actor(args, db).username)
    print(f"已录入师德记录：{rec.record_date} {rec.kind_label}。")
    return 0
