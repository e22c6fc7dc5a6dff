"""`edureturns-cli package …` and `consolidate`: upward packages, office import, 退回, 汇总.

    package export --db F [--year Y] [--out DIR] [--no-returns] [--zero-report TEXT]
                                         (--zero-report: 零上报, a unit with nothing to report, and why)
    package import PATH... --db F [--year Y] [--yes] [--receipts DIR] [--repin --reason TEXT]
                                         (folders give their *.erp files; --receipts: write the signed
                                          回执 of every package taken into DIR; --repin: admin trusts
                                          the keys that signed these packages from now on, audited)
    package receipt import FILE --db F [--repin --reason TEXT]   (school: the office's 回执)
    package receipt show --db F [--year Y] [--pdf DIR]           (school: the latest 回执)
    package receipt export --db F --out DIR [--unit CODE]... [--year Y]  (office: write 回执 again)
    package status --db F [--year Y]
    package return --db F --unit CODE --comment TEXT --out DIR
    package reply-import FILE --db F [--repin --reason TEXT]
                                         (--repin: admin trusts the office key that signed the reply)
    consolidate --db F [--year Y] [--out DIR]

``package import`` exits 0 when every file was imported or already present,
1 when some were refused or wait for ``--yes`` (a resubmission), 2 on failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import (
    add_db_arguments,
    cli_actor,
    import_from_office,
    open_database,
    run_safely,
)
from desktop.domain.numbers import amount, count_text, fixed

EXIT_OK, EXIT_FINDINGS = 0, 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pkg = sub.add_parser("package", help="上报数据包：导出、导入、上报情况、退回")
    inner = pkg.add_subparsers(dest="package_command", metavar="ACTION")

    p = inner.add_parser("export", help="导出本单位的上报数据包，并把本学年标记为已上报")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认：当前文件夹）")
    p.add_argument("--no-returns", action="store_true", help="不附带 Excel/PDF 报表（只用于测试）")
    p.add_argument("--zero-report", metavar="原因", help="零上报：本单位本学年没有数据可报，写明原因")
    p.set_defaults(handler=run_safely(_export))

    p = inner.add_parser("import", help="导入下级单位的数据包（文件或文件夹）")
    p.add_argument("paths", nargs="+", type=Path, help="数据包文件（.erp）或包含数据包的文件夹")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="接收的学年（默认：最新）")
    p.add_argument("--yes", action="store_true", help="确认用重新报送的数据包替换上次接收的数据")
    p.add_argument("--receipts", type=Path, help="把每个已接收数据包的签名回执（.erp，内含可打印的 PDF）写到这个文件夹")
    p.add_argument("--repin", action="store_true",
                   help="（管理员）重新信任这些数据包的签名密钥：先电话核对报送单位的密钥指纹再使用，记入操作日志")
    p.add_argument("--reason", default="", help="重新信任密钥的原因（记入操作日志）")
    p.set_defaults(handler=run_safely(_import))

    p = inner.add_parser("status", help="上报情况：应报、已接收、已审核、已退回、未报送")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_status))

    p = inner.add_parser("return", help="退回：写退回意见并生成给下级单位的退回文件")
    add_db_arguments(p)
    p.add_argument("--unit", required=True, help="被退回单位的代码")
    p.add_argument("--comment", required=True, help="退回意见")
    p.add_argument("--out", type=Path, required=True, help="退回文件的输出文件夹")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_return))

    p = inner.add_parser("reply-import", help="（学校端）导入教育局的退回意见")
    p.add_argument("file", type=Path, help="退回意见文件（.erp）")
    p.add_argument("--repin", action="store_true",
                   help="（管理员）重新信任签发这份退回意见的教育局密钥：先电话核对教育局的密钥指纹再使用，记入操作日志")
    p.add_argument("--reason", default="", help="重新信任密钥的原因（记入操作日志）")
    add_db_arguments(p)
    p.set_defaults(handler=run_safely(_reply_import))

    from desktop.cli.receipts import register_receipt

    register_receipt(inner)

    p = sub.add_parser("consolidate", help="汇总：合计、指标、学位建设进度，并导出汇总报表")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--out", type=Path, help="汇总报表的输出文件夹（不填则只显示结果）")
    p.set_defaults(handler=run_safely(_consolidate))


def _print_progress(message: str, fraction: float) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from desktop.services.packages.export import export_package

    db = open_database(args)
    try:
        r = export_package(db, args.out, school_year=args.year, with_returns=not args.no_returns,
                           zero_report=args.zero_report, actor=cli_actor(args, db).username)
    finally:
        db.dispose()
    print(r.path)
    print(f"已导出数据包：教职工 {r.counts.get('staff', 0)} 人，培训记录 {r.counts.get('training', 0)} 条，"
          f"警告 {r.warnings} 条。本学年已标记为已上报。", file=sys.stderr)
    if r.notice:  # a server database's key was made on this PC by this export
        print(r.notice, file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from desktop.services.packages.export import STATUS_LABELS, import_packages

    db = open_database(args)
    try:
        actor = cli_actor(args, db)
        if args.repin:
            from desktop.services.packages.export import expand_paths
            from desktop.services.signing.package_keys import repin_unit

            for path in expand_paths(args.paths):
                pin = repin_unit(db, str(path), actor=actor, reason=args.reason)
                print(f"已重新信任 {pin.unit_code} 的数据包签名密钥，指纹 {pin.fingerprint}（已记入操作日志）。",
                      file=sys.stderr)
        summary = import_packages(db, args.paths, school_year=args.year, confirm=args.yes, progress=None,
                                  actor=actor.username, receipts_dir=args.receipts)
    finally:
        db.dispose()
    if not summary.results:
        print("没有找到数据包（.erp 文件）。", file=sys.stderr)
        return EXIT_FINDINGS
    for r in summary.results:
        print(f"{STATUS_LABELS[r.status]}\t{r.unit_code}\t{r.unit_name}\t{r.path.name}\t{r.message}")
        if r.status == "needs_confirm" and r.diff is not None:
            for line in r.diff.lines():
                print(f"\t\t{line}")
        if r.receipt is not None:
            print(f"\t\t回执：{r.receipt}")
    counts = {label: summary.count(status) for status, label in STATUS_LABELS.items() if summary.count(status)}
    print("导入完成：" + "，".join(f"{k} {v} 个" for k, v in counts.items()) + "。", file=sys.stderr)
    if summary.count("needs_confirm"):
        print("有重新报送的数据包，请核对上面列出的变化，确认后加 --yes 重新运行以替换。", file=sys.stderr)
    if summary.backup:
        print(f"导入前已备份数据库：{summary.backup}", file=sys.stderr)
    return EXIT_OK if all(r.ok for r in summary.results) else EXIT_FINDINGS


def _status(args: argparse.Namespace) -> int:
    from desktop.services.office.dashboard import dashboard

    db = open_database(args)
    try:
        board = dashboard(db, school_year=args.year)
    finally:
        db.dispose()
    print(f"{board.home_name} {board.school_year}学年 上报情况")
    print("代码\t名称\t状态\t接收时间\t截止日期\t逾期\t错误\t警告\t密钥指纹")
    for r in board.rows:
        received = r.received_at.strftime("%Y-%m-%d %H:%M") if r.received_at else ""
        print(f"{r.code}\t{r.name}\t{r.status_label}\t{received}\t{r.deadline or ''}\t{'是' if r.late else ''}\t"
              f"{r.errors}\t{r.warnings}\t{r.key_fingerprint or ''}")
    print(f"应报 {len(board.rows)}，已接收 {board.count('received')}，已审核 {board.count('approved')}，"
          f"已退回 {board.count('returned')}，未报送 {board.count('missing')}，逾期 {len(board.late_rows)}。",
          file=sys.stderr)
    return EXIT_OK


def _return(args: argparse.Namespace) -> int:
    from desktop.services.office.send_back import return_unit

    db = open_database(args)
    try:
        path = return_unit(db, args.unit, args.comment, args.out, school_year=args.year, actor=cli_actor(args, db))
    finally:
        db.dispose()
    print(path)
    print("已退回，请把上面的退回文件发给该单位，由其在本程序中导入。", file=sys.stderr)
    return EXIT_OK


def _reply_import(args: argparse.Namespace) -> int:
    from desktop.services.office.send_back import import_reply

    print(import_from_office(args, import_reply))
    return EXIT_OK


def _consolidate(args: argparse.Namespace) -> int:
    from desktop.domain.codes import Stage
    from desktop.services.office.consolidation import consolidate

    db = open_database(args)
    try:
        c = consolidate(db, school_year=args.year, out_dir=args.out)
    finally:
        db.dispose()
    t = c.totals
    n = {k: count_text(v) for k, v in t.items() if k != "hours"}
    print(f"{c.unit_name} {c.school_year}学年 汇总：学校 {c.schools} 所，教职工 {n['staff']} 人"
          f"（专任教师 {n['teachers']}），培训记录 {n['training']} 条 / {amount(t['hours'])} 学时，"
          f"班级 {n['classes']} 个，在校生 {n['enrolled']} 人，核定学位 {n['approved_seats']}，"
          f"本学年新增公办学位 {n['added_seats']}。")
    for row in c.seat_progress:
        rate = f"{fixed(row.rate, 1)}%" if row.rate is not None else "—"
        print(f"学位建设 {Stage.label_of(row.stage)}：任务 {row.task}，已完成 {row.done}，完成率 {rate}")
    for r in c.indicators.results:
        if r.value is not None:
            mark = "" if r.passed is None else ("达标" if r.passed else "未达标")
            stage = f"（{Stage.label_of(r.stage)}）" if r.stage else ""
            print(f"{r.name}{stage}：{amount(r.value, 2)}{r.unit} {mark}")
    for path in c.files:
        print(path)
    return EXIT_OK
