"""Target sets (指标方案): presets, editable copies, export/import, and the set a unit uses.

Presets live in ``templates/targets/*.json`` and are read-only. An office copies
one into the ``target_sets`` table, edits targets and settings there, and
exports it as one JSON file that its schools import. A unit chooses its set per
period (``UnitPeriod.target_set_id``); without a choice it inherits the set its
parent office chose, and finally the default preset.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import TargetSet, Unit, UnitPeriod
from desktop.domain.rules.model import RuleFileError
from desktop.domain.targetset import (
    INDICATOR_UNITS,
    TargetSetSpec,
    merged_settings,
    parse_target_set,
)
from desktop.paths import templates_dir
from desktop.services.core import audit
from desktop.services.core.common import check_version, fetch
from desktop.services.core.errors import NotFoundError, ServiceError
from desktop.services.indicators.rulecheck import rules_in_target_set_text
from desktop.services.year.periods import ensure_unit_period

DEFAULT_CODE = "heyuan-2025"


@dataclass(frozen=True, slots=True)
class TargetSetInfo:  # one line of the 指标方案 list
    code: str
    name: str
    issuer: str
    document: str
    preset: bool
    based_on: str | None
    targets: int
    version: int | None  # None for a preset not yet stored


@cache
def _preset_documents(folder: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(folder).glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        spec, reasons = parse_target_set(raw)
        if spec is None:  # a broken preset is a packaging bug: fail loudly
            raise RuntimeError(f"preset {path.name} is invalid: {reasons}")
        out[spec.code] = raw
    return out


def preset_specs() -> dict[str, TargetSetSpec]:
    """Every shipped preset, by code."""
    docs = _preset_documents(str(templates_dir() / "targets"))
    return {code: _parse_ok(raw) for code, raw in docs.items()}


def _parse_ok(raw: Mapping[str, Any]) -> TargetSetSpec:
    spec, reasons = parse_target_set(dict(raw))
    if spec is None:
        raise ServiceError("指标方案内容有误：" + "；".join(reasons))
    return spec


def _info(spec: TargetSetSpec, *, preset: bool, version: int | None) -> TargetSetInfo:
    return TargetSetInfo(code=spec.code, name=spec.name, issuer=spec.issuer, document=spec.document,
                         preset=preset, based_on=spec.based_on, targets=len(spec.targets), version=version)


def list_target_sets(db: Database) -> list[TargetSetInfo]:
    """Presets first, then the editable sets stored in this database."""
    presets = preset_specs()
    out = [_info(s, preset=True, version=None) for s in presets.values()]
    with db.session() as session:
        for row in session.scalars(select(TargetSet).where(TargetSet.preset.is_(False)).order_by(TargetSet.code)):
            out.append(_info(_parse_ok(row.content), preset=False, version=row.version))
    return out


def _spec_in(session: Session, code: str) -> TargetSetSpec:
    presets = preset_specs()
    if code in presets:
        return presets[code]
    row = session.scalars(select(TargetSet).where(TargetSet.code == code)).first()
    if row is None:
        raise NotFoundError(f"找不到代码为“{code}”的指标方案。请在“指标方案”中查看可用的方案。")
    return _parse_ok(row.content)


def get_target_set(db: Database, code: str) -> TargetSetSpec:
    with db.session() as session:
        return _spec_in(session, code)


def _editable_row(session: Session, code: str) -> TargetSet:
    if code in preset_specs():
        raise ServiceError(f"“{code}”是预置方案，不能直接修改。请先复制为本单位的方案再编辑。")
    row = session.scalars(select(TargetSet).where(TargetSet.code == code)).first()
    if row is None:
        raise NotFoundError(f"找不到代码为“{code}”的指标方案。")
    return row


def _ensure_new_code(session: Session, code: str) -> None:
    if code in preset_specs() or session.scalars(select(TargetSet.id).where(TargetSet.code == code)).first():
        raise ServiceError(f"方案代码“{code}”已被使用，请换一个代码。")


def _store(session: Session, spec: TargetSetSpec, actor: str) -> TargetSet:
    row = TargetSet(code=spec.code, name=spec.name, issuer=spec.issuer, document=spec.document, preset=False,
                    based_on=spec.based_on, content=spec.to_json())
    session.add(row)
    session.flush()
    audit.log(session, actor=actor, action="create", table="target_sets", record_id=row.id,
              changes={"code": (None, row.code)})
    return row


def copy_target_set(db: Database, source_code: str, new_code: str, new_name: str, *,
                    actor: str = "system") -> TargetSetInfo:
    """An editable copy of a preset or of another set."""
    with db.session(write=True) as session:
        source = _spec_in(session, source_code)
        _ensure_new_code(session, new_code)
        raw = source.to_json() | {"code": new_code, "name": new_name, "based_on": source.code}
        row = _store(session, _parse_ok(raw), actor)
        return _info(_parse_ok(row.content), preset=False, version=row.version)


def edit_target_set(
    db: Database, code: str, *, name: str | None = None, targets: Iterable[Mapping[str, Any]] | None = None,
    settings: Mapping[str, Any] | None = None, expected_version: int | None = None, actor: str = "system",
) -> TargetSetInfo:
    """Replace the name, the target list and/or settings (merged) of an editable set, after validation."""
    with db.session(write=True) as session:
        row = _editable_row(session, code)
        check_version(row, expected_version, "指标方案")
        raw = dict(row.content)
        if name is not None:
            raw["name"] = name
        if targets is not None:
            raw["targets"] = [dict(t) for t in targets]
        if settings is not None:
            current = dict(raw.get("settings", {}))
            for key, value in settings.items():  # a nested table is merged, not replaced
                old = current.get(key)
                current[key] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value
            raw["settings"] = current
        spec, reasons = parse_target_set(raw)
        if spec is None:
            raise ServiceError("指标方案未保存：" + "；".join(reasons))
        row.name, row.content = spec.name, spec.to_json()
        audit.log(session, actor=actor, action="update", table="target_sets", record_id=row.id,
                  changes={"content": (None, f"{len(spec.targets)} 项指标")})
        session.flush()
        return _info(spec, preset=False, version=row.version)


def set_target(db: Database, code: str, indicator: str, stage: str | None, value: float, *,
               comparison: str | None = None, actor: str = "system") -> TargetSetInfo:
    """Change (or add) one target of an editable set; other targets stay as they are."""
    spec = get_target_set(db, code)
    rows = [t.to_json() for t in spec.targets]
    for t in rows:
        if t["indicator"] == indicator and t["stage"] == stage:
            t["value"] = value
            if comparison:
                t["comparison"] = comparison
            break
    else:
        rows.append({"indicator": indicator, "stage": stage, "comparison": comparison or ">=", "value": value,
                     "unit": INDICATOR_UNITS.get(indicator, "%"), "issuer": spec.issuer, "document": spec.document,
                     "paragraph": "本单位设定"})
    return edit_target_set(db, code, targets=rows, actor=actor)


def effective_settings(spec: TargetSetSpec) -> dict[str, Any]:
    return merged_settings(spec.settings)


def export_target_set(db: Database, code: str, path: str | Path) -> Path:
    """Write one set as a JSON file (format-versioned) that another database can import."""
    spec = get_target_set(db, code)
    out = Path(path)
    out.write_text(json.dumps(spec.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def import_target_set(db: Database, path: str | Path, *, replace: bool = False,
                      actor: str = "system") -> TargetSetInfo:
    """Read a set exported by another unit; refuse with the reasons when the file is not valid."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        raw = json.loads(text)
    except FileNotFoundError as exc:
        raise ServiceError(f"找不到文件 {path}。") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ServiceError("该文件不是有效的指标方案文件（无法按 JSON 读取）。请选择“指标方案 → 导出”得到的文件。") from exc
    spec, reasons = parse_target_set(raw)
    if spec is None:
        raise ServiceError("指标方案未导入：" + "；".join(reasons))
    if spec.rules:
        try:
            rules_in_target_set_text(text, Path(path).name)
        except RuleFileError as exc:
            raise ServiceError("指标方案未导入，其中的校验规则有误：\n" + str(exc)) from None
    if spec.code in preset_specs():
        raise ServiceError(f"方案代码“{spec.code}”与预置方案相同，不能导入。请让发出单位先把方案复制为新代码再导出。")
    with db.session(write=True) as session:
        row = session.scalars(select(TargetSet).where(TargetSet.code == spec.code)).first()
        if row is None:
            row = _store(session, spec, actor)
        elif not replace:
            raise ServiceError(f"本库已有代码为“{spec.code}”的方案（{row.name}）。如要用文件中的内容替换它，请选择“替换”。")
        else:
            row.name, row.issuer, row.document, row.content = spec.name, spec.issuer, spec.document, spec.to_json()
            audit.log(session, actor=actor, action="update", table="target_sets", record_id=row.id,
                      changes={"content": (None, "从文件导入替换")})
            session.flush()
        return _info(spec, preset=False, version=row.version)


def _row_for(session: Session, code: str) -> TargetSet:
    row = session.scalars(select(TargetSet).where(TargetSet.code == code)).first()
    if row is not None:
        return row
    presets = preset_specs()
    if code not in presets:
        raise NotFoundError(f"找不到代码为“{code}”的指标方案。")
    spec = presets[code]
    # A stored stub lets UnitPeriod point at a preset; its targets are always read from templates/.
    row = TargetSet(code=spec.code, name=spec.name, issuer=spec.issuer, document=spec.document, preset=True,
                    content={})
    session.add(row)
    session.flush()
    return row


def choose_target_set(db: Database, unit_id: int, period_id: int, code: str, *, actor: str = "system") -> None:
    """The set the indicators of ``unit_id`` use for ``period_id``."""
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        row = _row_for(session, code)
        up = ensure_unit_period(session, unit_id, period_id)
        old = up.target_set_id
        up.target_set_id = row.id
        audit.log(session, actor=actor, action="update", table="unit_periods", record_id=up.id,
                  changes={"target_set": (old, row.code)}, unit_id=unit_id, period_id=period_id)


def chosen_code(session: Session, unit_id: int, period_id: int) -> str:
    """The set chosen for the unit, else the nearest ancestor's choice, else the default preset."""
    current: int | None = unit_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        code = session.scalars(
            select(TargetSet.code).join(UnitPeriod, UnitPeriod.target_set_id == TargetSet.id)
            .where(UnitPeriod.unit_id == current, UnitPeriod.period_id == period_id)
        ).first()
        if code:
            return code
        current = session.scalars(select(Unit.parent_id).where(Unit.id == current)).first()
    return DEFAULT_CODE


def target_set_for(db: Database, unit_id: int, period_id: int) -> TargetSetSpec:
    with db.session() as session:
        return _spec_in(session, chosen_code(session, unit_id, period_id))


def spec_in_session(session: Session, code: str) -> TargetSetSpec:
    """For other services that already hold a session."""
    return _spec_in(session, code)
