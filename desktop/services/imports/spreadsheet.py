"""Importing the spreadsheets clerks already keep: preview first, then commit.

Use cases (each opens its own session):

``list_sheets(path) -> list[SheetSummary]`` checks a file and lists its sheets
(name, visible, rows) for the wizard's first step.

``preview_import(db, kind, path, *, unit_id=None, sheet=None, year=None,
overrides=None, defaults=None) -> ImportPreview`` reads and checks the file and
decides what each row would do; it writes nothing. ``kind`` is one of
``roster`` (教职工名册), ``credentials`` (资格证书), ``training`` (培训记录),
``classes`` (班级, per period ``year``).

``commit_import(db, preview, *, accept_rows=None, actor=..., backup_dir=None)
-> ImportResult`` writes the accepted rows (default: every row that is not an
error) in one transaction — all or nothing — with bulk inserts and audit
entries per batch. The files written for the clerk (the rows to fix, the empty
template of a kind) are in ``imports.files``; opening the file and listing its sheets in
``imports.source``; remembered mappings, ``--map`` and the questions in ``imports.columns``.
``remember_mapping(db, preview, overrides)`` stores a column correction for
files of the same header shape; ``preview_import`` applies it next time.

Shape of ``ImportPreview`` (what an import wizard shows):

- ``kind``, ``path``, ``sheet`` (the sheet read), ``unit_id``, ``year``;
- ``sheets``: ``SheetSummary(name, visible, rows)`` for every sheet, to choose from;
- ``mapping``: ``ColumnMapping`` with ``header_rows`` (0-based), ``data_start``,
  ``columns`` (``ColumnMatch(column, letter, header, field, candidates)``: the
  field chosen for each column, or None, and the other plausible fields) and
  ``missing_required`` field keys; ``mapping.shape_key`` identifies the layout;
- ``fields``: every field of the kind as ``FieldChoice(key, label, required)``,
  the choices for a mapping combo box;
- ``rows``: one ``RowResult`` per data row with ``sheet``, ``row`` (the Excel
  row number), ``status`` (``add`` | ``update`` | ``skip`` | ``error``),
  ``summary`` (name and masked ID, or class name), ``values``, ``changes``
  (field → (old, new) for updates), ``errors`` and ``warnings`` (Chinese
  sentences naming the column), ``cells`` (the row as read);
- ``notices``: sheet-level observations (blank rows, merged cells, hidden
  sheets with data, skipped footer rows, missing columns) with row numbers;
- ``counts``: {"add": n, "update": n, "skip": n, "error": n}.

A file that cannot be read at all (not a spreadsheet, a zip or XML bomb, over
the size or row limits, no recognisable header) raises ``ServiceError`` with
the reason instead.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.appdirs import backups_dir_for
from desktop.collection import paused_gc
from desktop.data import queries
from desktop.data.backup import backup_file
from desktop.data.engine import Database
from desktop.data.locks import STAFF_IDENTITY, advisory_lock, import_lock
from desktop.data.models import Period, Setting, Unit
from desktop.domain.codes import CodeEnum
from desktop.exchange.fields import KIND_LABELS, spec_for
from desktop.exchange.headers import ColumnMapping, header_key, map_columns
from desktop.exchange.normalise import CellError
from desktop.exchange.rows import Notice, parse_rows, parse_value
from desktop.exchange.safety import FileRefused
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable
from desktop.services.core.errors import ServiceError
from desktop.services.imports.columns import (
    Question,
    questions_for,
    remembered,
    resolve_column_map,
    setting_key,
)
from desktop.services.imports.conduct import (
    note_pending_transfers,
    plan_appraisals,
    plan_ethics,
    write_appraisals,
    write_ethics,
)
from desktop.services.imports.plan import (
    ADD,
    ERROR,
    SKIP,
    UPDATE,
    RowResult,
    plan_classes,
    plan_credentials,
    plan_roster,
    plan_training,
)
from desktop.services.imports.source import (
    SheetSummary,
    check_template_kind,
    list_sheets,
    open_file,
    sheet_notices,
)
from desktop.services.imports.write import (
    recheck_adds,
    write_classes,
    write_credentials,
    write_roster,
    write_training,
)
from desktop.services.year.periods import ensure_period_in

__all__ = [
    "ADD", "ERROR", "KIND_LABELS", "SKIP", "UPDATE", "FieldChoice", "ImportPreview", "ImportResult", "Question",
    "RowResult",
    "SheetSummary", "commit_import", "list_sheets", "preview_import", "remember_mapping",
]

# 年度考核 and 师德: plan and write of the two people-record imports (services/imports/conduct.py).
CONDUCT: dict[str, tuple[Any, Any]] = {"appraisals": (plan_appraisals, write_appraisals),
                                       "ethics": (plan_ethics, write_ethics)}


@dataclass(frozen=True)
class FieldChoice:
    key: str
    label: str
    required: bool
    table: type[CodeEnum] | None = None  # code fields: to show labels, not codes


@dataclass
class ImportPreview:
    kind: str
    path: Path
    sheet: str
    unit_id: int
    year: int | None
    sheets: list[SheetSummary]
    mapping: ColumnMapping
    fields: list[FieldChoice]
    rows: list[RowResult] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # header text per column, for the error workbook
    # What the clerk must answer before the rows can be written (a classification with no column).
    questions: list[Question] = field(default_factory=list)
    period_exists: bool = True  # classes: whether the 学年 named by ``year`` exists yet

    @property
    def period_label(self) -> str | None:
        """The period the import writes to (classes), as the clerk reads it."""
        return f"{self.year}学年" if self.kind == "classes" and self.year is not None else None

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.rows)
        return {s: c.get(s, 0) for s in (ADD, UPDATE, SKIP, ERROR)}

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]


@dataclass(frozen=True)
class ImportResult:
    kind: str
    added: int
    updated: int
    skipped: int


def _school_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def remember_mapping(db: Database, preview: ImportPreview, overrides: Mapping[int, str | None]) -> None:
    """Keep ``overrides`` (column → field or None) for files with this header shape."""
    valid = {f.key for f in preview.fields}
    clean = {str(c): (f if f in valid else None) for c, f in overrides.items()}
    with db.session(write=True) as session:
        key = setting_key(preview.kind, preview.mapping.shape_key)
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=json.dumps(clean)))
        else:
            setting.value = json.dumps(clean)


def _parse_defaults(kind: str, defaults: Mapping[str, Any] | None) -> dict[str, Any]:
    specs = {f.key: f for f in spec_for(kind)}
    by_name = {header_key(name): f.key for f in specs.values() for name in (f.label, *f.synonyms)}
    out: dict[str, Any] = {}
    for name, value in (defaults or {}).items():
        key = name if name in specs else by_name.get(header_key(name), "")
        if key not in specs:
            choices = "、".join(f"{f.key}（{f.label}）" for f in specs.values())
            raise ServiceError(f"“{name}”不是{KIND_LABELS[kind]}的字段，可用：{choices}。")
        try:
            out[key] = parse_value(specs[key], value, date1904=False)
        except CellError as exc:
            raise ServiceError(f"整批默认值有误：{exc.message}") from exc
    return out


def preview_import(
    db: Database,
    kind: str,
    path: str | Path,
    *,
    unit_id: int | None = None,
    sheet: str | None = None,
    year: int | None = None,
    overrides: Mapping[int, str | None] | None = None,
    defaults: Mapping[str, Any] | None = None,
    column_map: Mapping[str, str | None] | None = None,
) -> ImportPreview:
    """Read ``path`` and say what importing it would do; writes nothing.

    ``column_map`` maps a column, by its header text or letter, to a field (key or
    label; None or "" to leave it out), on top of any mapping remembered for this
    header shape; ``overrides`` (column index → field) replaces both."""
    with paused_gc():
        return _preview(db, kind, path, unit_id=unit_id, sheet=sheet, year=year, overrides=overrides,
                        defaults=defaults, column_map=column_map)


def _preview(
    db: Database,
    kind: str,
    path: str | Path,
    *,
    unit_id: int | None,
    sheet: str | None,
    year: int | None,
    overrides: Mapping[int, str | None] | None,
    defaults: Mapping[str, Any] | None,
    column_map: Mapping[str, str | None] | None = None,
) -> ImportPreview:
    if kind not in KIND_LABELS:
        raise ServiceError(f"不支持导入“{kind}”，可选：{'、'.join(KIND_LABELS)}。")
    spec = spec_for(kind)
    batch_defaults = _parse_defaults(kind, defaults)
    book = open_file(Path(path))
    template_notices = check_template_kind(book, kind)
    try:
        grid = book.read(sheet)
    except FileRefused as exc:
        raise ServiceError(exc.message) from exc
    if not grid.rows or all(all(v == "" for v in r) for r in grid.rows):
        raise ServiceError(f"工作表“{grid.sheet}”是空的，没有可导入的数据。请确认选对了文件和工作表。")
    mapping = map_columns(grid, spec, overrides=overrides)
    if not mapping.header_rows:
        needed = "、".join(f.label for f in spec if f.required)
        raise ServiceError(f"在工作表“{grid.sheet}”的前 30 行里找不到表头。请确认表头中有“{needed}”等列名，"
                           f"或下载{KIND_LABELS[kind]}导入模板，把数据粘贴进去后再导入。")
    if overrides is None:
        chosen = remembered(db, kind, mapping.shape_key) or {}
        if column_map:
            chosen.update(resolve_column_map(kind, mapping, column_map))
        if chosen:
            mapping = map_columns(grid, spec, overrides=chosen)
    sheets, notices = sheet_notices(book, grid.sheet)
    notices = template_notices + notices
    try:
        parsed, row_notices = parse_rows(grid, mapping, spec, defaults=batch_defaults)
    except FileRefused as exc:
        raise ServiceError(exc.message) from exc
    notices += row_notices
    missing = [f for f in mapping.missing_required if f not in batch_defaults]
    labels = {f.key: f.label for f in spec}
    if missing:
        names = "、".join(f"“{labels[m]}”" for m in missing)
        notices.append(Notice(grid.sheet, None, f"文件中没有{names}列（必需）。请在列映射中指定对应的列，或为整批记录指定一个值。"))
        for p in parsed:
            p.errors.append(f"缺少{names}。")
    mapped = set(mapping.field_columns) | set(batch_defaults)
    # Validator findings name the column as the clerk sees it: B列“身份证号”.
    where = labels | {c.field: f"{c.letter}列“{c.header.split('/')[-1]}”" for c in mapping.columns if c.field}
    period_id: int | None = None
    with db.session() as session:
        unit = session.get(Unit, unit_id) if unit_id else queries.home_unit(session)
        if unit is None:
            raise ServiceError("还没有设置本单位。请先在“单位信息”中填写本单位，再导入数据。")
        if kind == "roster":
            # An answer to "教职工类别?" is about the people being added, never a change to those on file.
            new_only = frozenset(f.key for f in spec if f.ask and f.key in batch_defaults
                                 and f.key not in mapping.field_columns)
            rows = plan_roster(session, unit.id, parsed, spec, mapped, where, new_only=new_only)
            note_pending_transfers(session, unit.id, rows)
        elif kind == "credentials":
            rows = plan_credentials(session, unit.id, parsed, spec, mapped, where)
        elif kind == "training":
            rows = plan_training(session, unit.id, parsed, spec, mapped, where)
        elif kind in CONDUCT:
            rows = CONDUCT[kind][0](session, unit.id, parsed, spec, mapped, where)
        else:
            year, period_id = _class_period(session, year)
            rows = plan_classes(session, unit.id, period_id or -1, parsed, spec, mapped, where)
        unit_id = unit.id
    if not rows:
        notices.append(Notice(grid.sheet, None, "表头下面没有数据行。"))
    headers = [c.header for c in mapping.columns]
    preview = ImportPreview(kind, Path(path), grid.sheet, unit_id, year, sheets, mapping,
                            [FieldChoice(f.key, f.label, f.required, f.table) for f in spec], rows, notices, headers)
    if kind == "classes" and period_id is None:
        preview.period_exists = False
        preview.notices.append(Notice(grid.sheet, None, f"{year}学年的统计期还不存在。导入不会自动新建统计期："
                                      "请先在“统计期”中新建该学年（命令行：edureturns-cli period new --year "
                                      f"{year}），或在导入向导中确认新建。"))
    if any(r.status == ADD for r in rows):
        preview.questions = questions_for(kind, mapping, batch_defaults)
    return preview


def _class_period(session: Any, year: int | None) -> tuple[int, int | None]:
    """(学年, its period id or None): the year asked for, or the period the app opens on; never one made up."""
    if year is not None:
        return year, session.scalars(select(Period.id).where(Period.school_year == year)).first()
    periods = list(session.execute(select(Period.school_year, Period.id).order_by(Period.school_year.desc())))
    if not periods:
        raise ServiceError("数据库中还没有统计期，班级数据不知道写入哪一学年。请先新建统计期"
                           "（命令行：edureturns-cli period new --year 学年），或用 --year 指定学年。")
    today = _school_year(date.today())
    chosen = next((p for p in periods if p[0] <= today), periods[0])
    return chosen[0], chosen[1]


def commit_import(
    db: Database,
    preview: ImportPreview,
    *,
    accept_rows: Collection[int] | None = None,
    actor: str = "system",
    backup_dir: Path | None = None,
    create_period: bool = False,
) -> ImportResult:
    """Write the accepted rows (Excel row numbers; default all non-error rows) in one transaction.

    Refused while the preview has an unanswered question. A class import writes to the
    period of ``preview.year``; when that period does not exist it is created only with
    ``create_period=True`` (the clerk confirmed it), never as a side effect."""
    if preview.questions:
        raise ServiceError("还不能导入：" + "".join(q.message for q in preview.questions))
    chosen = [r for r in preview.rows if r.status in (ADD, UPDATE)
              and (accept_rows is None or r.row in accept_rows)]
    if accept_rows is not None:
        bad = [r.row for r in preview.rows if r.row in accept_rows and r.status == ERROR]
        if bad:
            raise ServiceError(f"第 {'、'.join(map(str, bad[:10]))} 行有错误，不能导入。请先修改这些行或取消选择。")
    if not chosen:
        # Nothing to write (every row has errors or is unchanged): write nothing, not even a log line.
        return ImportResult(preview.kind, 0, 0, len(preview.rows))
    if db.path is not None:  # always a verified backup before an import writes (R4)
        backup_file(db.path, backup_dir or backups_dir_for(db.path), "before-import", key=db.key)
    what = KIND_LABELS[preview.kind]
    with db.session(write=True) as session:
        # Two offices committing at once: the second waits here, then finds the first one's rows.
        advisory_lock(session, import_lock(preview.unit_id, preview.kind))
        if preview.kind == "roster":
            advisory_lock(session, STAFF_IDENTITY)
        period_id = None
        if preview.kind == "classes":
            assert preview.year is not None
            found = session.scalars(select(Period.id).where(Period.school_year == preview.year)).first()
            if found is None and not create_period:
                raise ServiceError(f"{preview.year}学年的统计期还不存在，导入不会自动新建。请先新建该学年的统计期，"
                                   "或在导入向导中确认新建后再导入。")
            period_id = found if found is not None else ensure_period_in(session, preview.year).id
        ensure_editable(session, preview.unit_id, period_id)
        recheck_adds(session, preview.kind, preview.unit_id, period_id, chosen)
        if preview.kind == "roster":
            added, updated = write_roster(session, preview.unit_id, chosen)
            table = "staff"
        elif preview.kind == "credentials":
            added, updated = write_credentials(session, chosen)
            table = "credentials"
        elif preview.kind == "training":
            added, updated = write_training(session, chosen)
            table = "training_records"
        elif preview.kind in CONDUCT:
            added, updated = CONDUCT[preview.kind][1](session, chosen)
            table = "ethics_records" if preview.kind == "ethics" else "appraisals"
        else:
            assert period_id is not None
            added, updated = write_classes(session, preview.unit_id, period_id, chosen)
            table = "classes"
        for r in chosen:
            if r.status == UPDATE and r.changes:
                audit.log(session, actor=actor, action="import_update", table=table, record_id=r.target_id,
                          changes=r.changes, unit_id=preview.unit_id, period_id=period_id,
                          reason=f"{preview.path.name} {r.sheet} 第 {r.row} 行")
        audit.log(session, actor=actor, action="import", table=table,
                  changes={"added": (None, added), "updated": (None, updated)},
                  unit_id=preview.unit_id, period_id=period_id,
                  reason=f"导入{what}：{preview.path.name}（{preview.sheet}），新增 {added} 条，更新 {updated} 条")
    skipped = len(preview.rows) - len(chosen)
    return ImportResult(preview.kind, added, updated, skipped)
