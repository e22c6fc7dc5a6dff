"""`edureturns-cli package receipt …`: the signed receipts (回执) of received packages.

    package receipt import FILE --db school.db [--repin --reason TEXT]
    package receipt show --db school.db [--year Y] [--pdf DIR]
    package receipt export --db county.db --out DIR [--unit CODE]... [--year Y]

The office writes receipts when it imports (``package import … --receipts DIR``); ``export``
writes the stored ones again (the same bytes). A school imports the receipt: it is taken
only when signed by its own office with the key it pinned for that office.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import (
    add_db_arguments,
    import_from_office,
    open_database,
    run_safely,
)

EXIT_OK, EXIT_FINDINGS = 0, 1


def register_receipt(inner: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rec = inner.add_parser("receipt", help="回执：学校导入教育局的签名回执；教育局重新导出回执")
    actions = rec.add_subparsers(dest="receipt_command", metavar="ACTION")

    p = actions.add_parser("import", help="（学校端）导入教育局的回执，核对签名后保存")
    p.add_argument("file", type=Path, help="回执文件（…_回执.erp）")
    p.add_argument("--repin", action="store_true",
                   help="（管理员）重新信任签发回执的教育局密钥：先电话核对教育局的密钥指纹再使用，记入操作日志")
    p.add_argument("--reason", default="", help="重新信任密钥的原因（记入操作日志）")
    add_db_arguments(p)
    p.set_defaults(handler=run_safely(_import))

    p = actions.add_parser("show", help="（学校端）显示本学年最近的回执")
    add_db_arguments(p)
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--pdf", type=Path, help="把回执的 PDF 写到这个文件夹")
    p.set_defaults(handler=run_safely(_show))

    p = actions.add_parser("export", help="（教育局端）把已接收数据包的回执写到文件夹")
    add_db_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--unit", action="append", help="只导出这个单位的回执（可重复）")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_export))


def _import(args: argparse.Namespace) -> int:
    from desktop.services.packages.receipts import import_receipt

    print(import_from_office(args, import_receipt))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from desktop.services.packages.receipts import receipt_pdf, receipt_state

    db = open_database(args)
    try:
        state = receipt_state(db, school_year=args.year)
        pdf = receipt_pdf(db, args.pdf, school_year=args.year) if state is not None and args.pdf else None
    finally:
        db.dispose()
    if state is None:
        print("本学年还没有收到教育局的回执。", file=sys.stderr)
        return EXIT_FINDINGS
    print(state.label)
    print(f"回执编号\t{state.receipt_no}\n数据包\t{state.package_file}\n摘要\t{state.package_hash}\n"
          f"教职工\t{state.counts.get('staff', 0)}\n培训记录\t{state.counts.get('training', 0)}\n"
          f"错误\t{state.errors}\n警告\t{state.warnings}")
    if not state.current:
        print("注意：这是较早一次上报的回执，最近导出的数据包尚未收到回执。", file=sys.stderr)
    if pdf is not None:
        print(pdf)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from desktop.services.packages.receipts import export_receipts

    db = open_database(args)
    try:
        paths = export_receipts(db, args.out, codes=args.unit, school_year=args.year)
    finally:
        db.dispose()
    for p in paths:
        print(p)
    print(f"已写出 {len(paths)} 份回执。", file=sys.stderr)
    return EXIT_OK if paths else EXIT_FINDINGS
