"""What a file's columns mean: mappings remembered from the wizard, ``--map 列名=字段``, and
the questions an import asks instead of guessing (a classification with no column)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.data.engine import Database
from desktop.data.models import Setting
from desktop.exchange.fields import KIND_LABELS, spec_for
from desktop.exchange.headers import ColumnMapping, header_key
from desktop.services.core.errors import ServiceError

MAPPING_SETTING = "import_map:{kind}:{shape}"


@dataclass(frozen=True)
class Question:
    """A value the file does not give and the import must not guess: one answer for the batch."""

    field: str  # field key
    label: str  # 教职工类别
    choices: tuple[str, ...]  # labels to choose from
    message: str  # the question, as a Chinese sentence


def setting_key(kind: str, shape: str) -> str:
    return MAPPING_SETTING.format(kind=kind, shape=shape[:32])


def remembered(db: Database, kind: str, shape: str) -> dict[int, str | None] | None:
    with db.session() as session:
        setting = session.get(Setting, setting_key(kind, shape))
        if setting is None:
            return None
        return {int(k): v for k, v in json.loads(setting.value).items()}


def questions_for(kind: str, mapping: ColumnMapping, answered: Mapping[str, Any]) -> list[Question]:
    """Classifications the file has no column for and the clerk has not answered."""
    out: list[Question] = []
    for f in spec_for(kind):
        if not f.ask or f.key in mapping.field_columns or f.key in answered:
            continue
        assert f.table is not None
        choices = tuple(label for _, label in f.table.choices())
        out.append(Question(f.key, f.label, choices,
                            f"文件中没有“{f.label}”列，新增人员的{f.label}不能按默认值猜测。请在列映射中指定对应的列，"
                            f"或为这一批人员选择一个{f.label}（{'、'.join(choices)}；命令行：--set {f.key}=值）。"))
    return out


def resolve_column_map(kind: str, mapping: ColumnMapping, column_map: Mapping[str, str | None]) -> dict[int, str | None]:
    """``列名=字段`` pairs to column index → field key; unknown names are errors that list the choices."""
    specs = spec_for(kind)
    fields = {f.key: f.key for f in specs} | {header_key(n): f.key for f in specs for n in (f.label, *f.synonyms)}
    out: dict[int, str | None] = {}
    for name, target in column_map.items():
        want = header_key(name)
        hits = [c for c in mapping.columns
                if want in (header_key(c.header), header_key(c.header.split("/")[-1])) or name.strip().upper() == c.letter]
        if not hits:
            heads = "、".join(f"{c.letter}“{c.header}”" for c in mapping.columns if c.header)
            raise ServiceError(f"文件中没有名为“{name}”的列。可用的列：{heads}。")
        if target is None or not target.strip() or target.strip() in ("不导入", "忽略", "-"):
            field_key = None
        else:
            field_key = fields.get(target.strip()) or fields.get(header_key(target))
            if field_key is None:
                choices = "、".join(f"{f.key}（{f.label}）" for f in specs)
                raise ServiceError(f"“{target}”不是{KIND_LABELS[kind]}的字段，可用：{choices}；不导入这一列请写“{name}=不导入”。")
        for c in hits:
            out[c.column] = field_key
    return out
