"""`template` and `import`: download an import template; preview or commit a spreadsheet import.

``edureturns-cli template roster|credentials|training|classes --out FILE``
``edureturns-cli import KIND FILE [--db FILE] [--sheet NAME] [--year 2025] [--unit CODE]
[--map 列名=字段 …] [--set field=value …] [--errors OUT.xlsx] [--commit]``

Import is a dry run by default: it prints the period it writes to (classes),
how columns map, every column with data that maps to nothing, what would be
added, updated and refused (with sheet, row and reason), and writes nothing.
``--commit`` writes the rows without errors in one transaction, after a backup.
A column mapping corrected in the wizard is used here too; ``--map`` corrects
it further. Exit code 1 when any row has an error or a question is unanswered
(committed or not), 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import (
    CommandError,
    add_db_arguments,
    cli_actor,
    database_target,
    open_database,
    resolve_unit,
    run_safely,
)
from desktop.exchange.fields import KIND_LABELS, KINDS

MAX_LISTED = 50


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("template", help="生成导入模板（.xlsx，带下拉列表和填写说明）")
    p.add_argument("kind", choices=KINDS, help="roster 教职工名册 / credentials 资格证书 / training 培训记录 / classes 班级 / appraisals 年度考核 / ethics 师德记录")
    p.add_argument("--out", type=Path, required=True, help="保存到的 .xlsx 文件")
    p.set_defaults(handler=run_safely(_template))

    p = sub.add_parser("import", help="导入电子表格（默认只预览，加 --commit 才写入）")
    p.add_argument("kind", choices=KINDS, help="roster / credentials / training / classes / appraisals / ethics")
    p.add_argument("file", type=Path, help=".xlsx、.xls 或 .csv 文件")
    add_db_arguments(p)
    p.add_argument("--sheet", help="工作表名称（默认：第一个可见工作表）")
    p.add_argument("--year", type=int, help="学年（班级导入用，默认：打开软件时显示的学年；不会新建学年）")
    p.add_argument("--unit", help="单位代码（默认：本单位）")
    p.add_argument("--map", action="append", default=[], metavar="列名=字段",
                   help="指定某列导入为哪个字段，如 --map 岗位类别=教职工类别；“列名=不导入”表示不导入该列。可重复")
    p.add_argument("--set", action="append", default=[], metavar="字段=值",
                   help="为整批记录指定缺少的值，如 --set level=校级")
    p.add_argument("--errors", type=Path, help="把有错误的行另存为 .xlsx（带错误原因列）")
    p.add_argument("--commit", action="store_true", help="确认写入（默认只预览）")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入（默认）")
    p.set_defaults(handler=run_safely(_import))


def _template(args: argparse.Namespace) -> int:
    from desktop.exchange.templates import write_template

    out = write_template(args.kind, args.out)
    print(f"已生成{KIND_LABELS[args.kind]}导入模板：{out}")
    return 0


def _defaults(pairs: list[str], option: str = "--set", form: str = "字段=值") -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CommandError(f"{option} 的写法应为 {form}，现在是“{pair}”。")
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def _import(args: argparse.Namespace) -> int:
    from desktop.appdirs import backups_dir_for
    from desktop.services.imports.files import save_error_workbook
    from desktop.services.imports.spreadsheet import commit_import, preview_import

    if args.commit and args.dry_run:
        raise CommandError("--commit 和 --dry-run 不能同时使用。")
    if not args.file.exists():
        raise CommandError(f"找不到文件：{args.file}")
    db = open_database(args)
    try:
        unit = resolve_unit(db, args.unit)
        column_map: dict[str, str | None] = dict(_defaults(args.map, "--map", "列名=字段"))
        preview = preview_import(db, args.kind, args.file, unit_id=unit.id, sheet=args.sheet, year=args.year,
                                 defaults=_defaults(args.set), column_map=column_map)
        _print_preview(preview)
        if args.errors and preview.error_rows:
            n = save_error_workbook(preview, args.errors)
            print(f"已把 {n} 行有错误的数据另存到 {args.errors}，改好后可以再导入。")
        if args.commit:
            _, path = database_target(args)
            result = commit_import(db, preview, actor=cli_actor(args, db).username,
                                   backup_dir=backups_dir_for(path) if path else None)
            into = f"{preview.period_label}" if preview.period_label else ""
            print(f"已写入{into}：新增 {result.added} 条，更新 {result.updated} 条。")
        else:
            print("这是预览，没有写入任何数据。确认无误后加 --commit 再运行一次。")
        return 1 if preview.error_rows or preview.questions else 0
    finally:
        db.dispose()


def _print_preview(preview: object) -> None:
    from desktop.services.imports.plan import join_reasons
    from desktop.services.imports.spreadsheet import ImportPreview

    assert isinstance(preview, ImportPreview)
    c = preview.counts
    mapped = [f"{m.letter}:{m.header}→{m.field}" for m in preview.mapping.columns if m.field]
    print(f"文件：{preview.path.name}  工作表：{preview.sheet}  表头在第 "
          f"{'、'.join(str(r + 1) for r in preview.mapping.header_rows)} 行")
    if preview.period_label:
        state = "" if preview.period_exists else "（尚未新建，不能写入）"
        print(f"统计期：{preview.period_label}{state}")
    print("列对应：" + "，".join(mapped))
    for q in preview.questions:
        print(f"需要确认：{q.message}")
    print(f"{KIND_LABELS[preview.kind]}：新增 {c['add']} 行，更新 {c['update']} 行，无需导入 {c['skip']} 行，"
          f"有错误 {c['error']} 行。")
    for n in preview.notices:
        where = f"第 {n.row} 行：" if n.row else ""
        print(f"提示（{n.sheet}）{where}{n.message}", file=sys.stderr)
    for r in [r for r in preview.rows if r.status == "update"][:MAX_LISTED]:
        changes = "，".join(f"{k}: {old} → {new}" for k, (old, new) in r.changes.items() if k != "id_number")
        print(f"更新 {r.sheet} 第 {r.row} 行 {r.summary}：{changes}")
    warned = [r for r in preview.rows if r.status != "error" and r.warnings]
    for r in warned[:MAX_LISTED]:
        print(f"提醒 {r.sheet} 第 {r.row} 行 {r.summary}：{join_reasons(r.warnings)}", file=sys.stderr)
    errors = preview.error_rows
    for r in errors[:MAX_LISTED]:
        print(f"错误 {r.sheet} 第 {r.row} 行 {r.summary}：{join_reasons(r.errors)}", file=sys.stderr)
    if len(errors) > MAX_LISTED:
        print(f"……另有 {len(errors) - MAX_LISTED} 行错误未列出，可用 --errors 另存全部。", file=sys.stderr)
