"""Foundation commands: init, demo, check, backup, restore."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from desktop.appdirs import backups_dir_for
from desktop.cli.common import (
    CommandError,
    add_db_arguments,
    cli_actor,
    database_key,
    database_target,
    open_database,
    resolve_period,
    resolve_unit,
    run_safely,
)
from desktop.data.backup import backup_file, check_file
from desktop.domain.codes import UnitKind
from desktop.domain.records import UnitData


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="新建数据库并登记本单位")
    add_db_arguments(p)
    p.add_argument("--kind", choices=[k.value for k in UnitKind], default="school", help="单位类型")
    p.add_argument("--code", required=True, help="学校标识码（10位）或行政区划代码（6位）")
    p.add_argument("--name", required=True, help="单位名称")
    p.add_argument("--parent", help="上级单位代码")
    p.add_argument("--category", help="学校类别代码（如 211 小学）")
    p.add_argument("--ownership", default="1", help="办学性质代码（1 公办）")
    p.add_argument("--urban-rural", default="1", help="城乡分类代码（1 城区 2 镇区 3 乡村）")
    p.add_argument("--year", type=int, default=None, help="学年（默认：当前学年）")
    p.set_defaults(handler=run_safely(_init))

    p = sub.add_parser("demo", help="生成示例数据（school / county / city）")
    add_db_arguments(p)
    p.add_argument("--scale", choices=("school", "county", "city"), default="school")
    p.add_argument("--seed", type=int, default=2025)
    p.set_defaults(handler=run_safely(_demo))

    p = sub.add_parser("check", help="检查数据库完整性和数据问题")
    add_db_arguments(p)
    p.add_argument("--unit", help="单位代码（默认：本单位）")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_check))

    p = sub.add_parser("explain", help="为同一规则的全部未说明警告填写同一条说明（报表页“选中同类”的命令行版）")
    add_db_arguments(p)
    p.add_argument("--rule", action="append", required=True,
                   help="警告的规则代码（check 命令列出的，如 class.large），可重复；all 表示全部有未说明警告的规则")
    p.add_argument("--text", required=True, help="填写说明（写明原因和处理计划，最多 500 字）")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.set_defaults(handler=run_safely(_explain))

    p = sub.add_parser("backup", help="备份数据库（经完整性校验）")
    add_db_arguments(p)
    p.add_argument("--out", type=Path, help="备份文件夹（默认：数据库旁的 backups/）")
    p.set_defaults(handler=run_safely(_backup))

    p = sub.add_parser("restore", help="从备份恢复数据库（恢复前先备份当前数据）")
    add_db_arguments(p)
    p.add_argument("backup", type=Path, help="备份文件")
    p.add_argument("--yes", action="store_true", help="备份早于审核时，确认撤销这些审核并恢复")
    p.set_defaults(handler=run_safely(_restore))


def current_school_year(today: date | None = None) -> int:
    today = today or date.today()
    return today.year if today.month >= 9 else today.year - 1


def _init(args: argparse.Namespace) -> int:
    from desktop.domain.findings import has_errors
    from desktop.domain.validate import validate_unit
    from desktop.services.records.units import create_home_unit
    from desktop.services.year.periods import ensure_period

    _, path = database_target(args)
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise CommandError(f"数据库文件 {path} 已存在，不会覆盖。请换一个文件名。")
    school = args.kind == "school"
    data = UnitData(code=args.code, name=args.name, kind=args.kind, parent_code=args.parent,
                    category=args.category if school else None, ownership=args.ownership if school else None,
                    urban_rural=args.urban_rural if school else None)
    findings = validate_unit(data)
    if has_errors(findings):  # refuse before a file is created
        raise CommandError("单位信息有误：" + "；".join(f.message for f in findings if f.is_error))
    db = open_database(args, must_exist=False)
    try:
        unit = create_home_unit(db, data)
        period = ensure_period(db, args.year or current_school_year())
    except BaseException:
        db.dispose()
        if path is not None:
            _remove_database_files(path)
        raise
    db.dispose()
    print(f"已创建数据库：{path or args.database_url}")
    print(f"本单位：{unit.name}（{unit.code}），统计期：{period.label}")
    return 0


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import build_demo

    _, path = database_target(args)
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise CommandError(f"数据库文件 {path} 已存在。示例数据只写入新文件，请换一个文件名或先删除它。")
    db = open_database(args, must_exist=False)
    started = time.perf_counter()

    def progress(message: str, fraction: float) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

    try:
        summary = build_demo(db, args.scale, seed=args.seed, progress=progress)
    finally:
        db.dispose()
    seconds = time.perf_counter() - started
    print(f"示例数据已生成（{args.scale}，{seconds:.1f} 秒）：{path or args.database_url}")
    print(f"单位 {summary.units}（学校 {summary.schools}），教职工 {summary.staff}，证书 {summary.credentials}，"
          f"培训记录 {summary.training}，班级 {summary.classes}")
    print("预置问题：" + "，".join(f"{k} {v}" for k, v in sorted(summary.planted.items())))
    return 0


def _check(args: argparse.Namespace) -> int:
    from desktop.services.returns.checks import run_checks

    db = open_database(args)
    try:
        _, path = database_target(args)
        integrity_ok = True
        if path is not None:
            report = check_file(path)
            integrity_ok = report.ok
            print("完整性检查：" + ("通过" if report.ok else "未通过 — " + "; ".join(report.integrity[:5])))
            if report.foreign_keys:
                print(f"外键检查：{len(report.foreign_keys)} 处不一致")
        from desktop.services.core.audit import verify_chain

        with db.session() as session:
            broken = verify_chain(session)
        anchors: list[str] = []
        from desktop.data import cipher, journal

        if path is not None and broken is None:
            conn = cipher.connect(path, db.key, readonly=True)
            try:
                anchors = journal.check_anchors(path, conn)
            finally:
                conn.close()
        print("操作日志：" + ("完整" if broken is None and not anchors else
                             f"第 {broken} 条起被改动过" if broken is not None else anchors[0]))
        from desktop.services.core.auditlog import unaudited_changes

        unaudited = unaudited_changes(db)
        for line in unaudited[:10]:
            print("未记入操作日志的改动：" + line)
        if len(unaudited) > 10:
            print(f"……共 {len(unaudited)} 条记录的改动没有经过本程序。")
        anchors += unaudited
        if path is not None and (restore := journal.last_restore(path)):
            print(f"最近一次恢复：{restore.get('at')} 由 {restore.get('actor')} 从 {restore.get('backup')} 恢复"
                  + (f"，撤销了 {len(restore.get('undone') or [])} 个单位的审核" if restore.get("undone") else ""))
        unit = resolve_unit(db, args.unit)
        period = resolve_period(db, args.year)
        result = run_checks(db, unit.id, period.id)
    finally:
        db.dispose()
    counts = result.counts_by_rule()
    errors = sum(1 for f in result.findings if f.is_error)
    warnings = len(result.findings) - errors
    print(f"{unit.name} {period.label}：错误 {errors} 条，警告 {warnings} 条")
    for rule, n in sorted(counts.items()):
        print(f"  {rule}\t{n}")
    return 0 if integrity_ok and errors == 0 and broken is None and not anchors else 1


def _explain(args: argparse.Namespace) -> int:
    from desktop.services.returns.checks import explain_rules, run_checks

    db = open_database(args)
    try:
        unit, period = resolve_unit(db, None), resolve_period(db, args.year)
        rules = set(args.rule)
        if "all" in rules:
            rules = {i.finding.rule for i in run_checks(db, unit.id, period.id).unexplained()}
        n = explain_rules(db, unit.id, period.id, sorted(rules), args.text, actor=cli_actor(args, db).username)
    finally:
        db.dispose()
    print(f"{unit.name} {period.label}：已为 {n} 条警告填写说明（{'、'.join(sorted(rules))}）。")
    return 0


def _backup(args: argparse.Namespace) -> int:
    _, path = database_target(args)
    if path is None:
        raise CommandError("PostgreSQL 数据库请用服务器的备份工具（pg_dump）备份。")
    if not path.exists():
        raise CommandError(f"找不到数据库文件：{path}")
    out = backup_file(path, args.out or backups_dir_for(path), "manual", key=database_key(path))
    print(f"已备份并校验：{out}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Restore replaces every record (approvals and the audit log too): the admin's, as in 设置."""
    from desktop.services.admin.backups import restore_backup, restore_into

    _, path = database_target(args)
    if path is None:
        raise CommandError("PostgreSQL 数据库请用服务器的恢复工具（pg_restore）。")
    if not args.backup.exists():
        raise CommandError(f"找不到备份文件：{args.backup}")
    if not path.exists():  # nothing to protect (the damaged file was moved aside): restore into the free path
        restore_into(path, args.backup, key=database_key(path))
        print(f"已从 {args.backup.name} 恢复到 {path}")
        return 0
    db = open_database(args)
    try:
        safety = restore_backup(db, args.backup, actor=cli_actor(args, db), undo_approvals=args.yes)
    finally:
        db.dispose()
    print(f"已从 {args.backup.name} 恢复到 {path}")
    if safety:
        print(f"恢复前的数据已另存为：{safety}")
    return 0
