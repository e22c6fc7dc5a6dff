"""Review in bulk (批量审核): approve many units at once, 退回 many with a comment from templates,
and what a resubmission changed since the version that was returned.

Both bulk actions are for reviewers only (the role is checked once, before anything is
done, and again by each unit's own action); each unit succeeds or fails on its own and
the outcome says why in a Chinese sentence. The comment templates (退回意见模板) are the
office's own: stored in ``settings`` (``return_comment_templates``), editable, seeded
with common ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Setting, Submission, Unit
from desktop.domain.codes import SubmissionKind
from desktop.services.core import audit
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor
from desktop.services.office.dashboard import acting, approve_unit
from desktop.services.office.send_back import return_unit
from desktop.services.packages.support import period_for

TEMPLATES_KEY = "return_comment_templates"
DEFAULT_TEMPLATES = (
    "专任教师学历、职称信息不完整，请逐人核对后重新上报。",
    "培训学时与培训记录不符，请核对继续教育学时。",
    "班级数、在校生数与上学年差异较大，请核实并填写说明。",
    "警告未填写说明，请逐条填写说明后重新上报。",
    "报表签章信息（单位负责人、填表人、联系电话）不全，请补充。",
)


def comment_templates(db: Database) -> list[str]:
    """The office's 退回意见 templates (the defaults until it saved its own)."""
    with db.session() as session:
        setting = session.get(Setting, TEMPLATES_KEY)
    if setting is None:
        return list(DEFAULT_TEMPLATES)
    try:
        value = json.loads(setting.value)
    except ValueError:
        return list(DEFAULT_TEMPLATES)
    return [str(t) for t in value] if isinstance(value, list) else list(DEFAULT_TEMPLATES)


def save_comment_templates(db: Database, templates: Sequence[str], *, actor: Actor | str = SYSTEM) -> list[str]:
    """Replace the templates (reviewers only); empty lines dropped, duplicates kept once."""
    who = acting(actor, "return")
    clean: list[str] = []
    for t in templates:
        text = "".join(ch for ch in t if ord(ch) >= 32).strip()
        if text and text not in clean:
            clean.append(text)
    if not clean:
        raise ServiceError("退回意见模板不能全部为空，请至少保留一条。")
    with db.session(write=True) as session:
        setting = session.get(Setting, TEMPLATES_KEY)
        old = setting.value if setting else None
        value = json.dumps(clean, ensure_ascii=False)
        if setting is None:
            session.add(Setting(key=TEMPLATES_KEY, value=value))
        else:
            setting.value = value
        audit.log(session, actor=who, action="setting", table="settings", record_uid=TEMPLATES_KEY,
                  changes={TEMPLATES_KEY: (old, value)})
    return clean


def compose_comment(templates: Sequence[str], text: str = "") -> str:
    """The 退回意见 from the chosen templates (numbered) and the reviewer's own words."""
    chosen = [t.strip() for t in templates if t.strip()]
    lines = [f"{i}. {t}" for i, t in enumerate(chosen, 1)] if len(chosen) > 1 else chosen
    if text.strip():
        lines.append(text.strip())
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    code: str
    ok: bool
    message: str
    path: Path | None = None  # the 退回 reply written


def approve_units(db: Database, codes: Sequence[str], *, school_year: int | None = None,
                  actor: Actor | str = SYSTEM) -> list[BulkOutcome]:
    """审核通过 every unit of ``codes`` that can be; the others say why not."""
    acting(actor, "approve")
    if not codes:
        raise ServiceError("请先在表格中选择要审核通过的单位（可按住 Ctrl 或 Shift 多选）。")
    out = []
    for code in codes:
        try:
            approve_unit(db, code, school_year=school_year, actor=actor)
            out.append(BulkOutcome(code, True, "已审核通过。"))
        except ServiceError as exc:
            out.append(BulkOutcome(code, False, exc.message))
    return out


def return_units(db: Database, codes: Sequence[str], out_dir: Path, *, templates: Sequence[str] = (),
                 text: str = "", school_year: int | None = None, actor: Actor | str = SYSTEM) -> list[BulkOutcome]:
    """退回 every unit of ``codes`` with the same comment (templates + free text); one reply file each."""
    acting(actor, "return")
    if not codes:
        raise ServiceError("请先在表格中选择要退回的单位（可按住 Ctrl 或 Shift 多选）。")
    comment = compose_comment(templates, text)
    if not comment:
        raise ServiceError("退回意见不能为空：请选择模板或写明需要学校修改的内容。")
    out = []
    for code in codes:
        try:
            path = return_unit(db, code, comment, out_dir, school_year=school_year, actor=actor)
            out.append(BulkOutcome(code, True, "已退回，请把退回文件发给该单位。", path))
        except ServiceError as exc:
            out.append(BulkOutcome(code, False, exc.message))
    return out


@dataclass(frozen=True, slots=True)
class Resubmission:
    """What the latest package of a unit changed against the one it replaced, beside the office's comments."""

    code: str
    name: str
    since: str  # file name of the replaced version
    returned: bool  # the replaced version had been returned (退回)
    comments: tuple[tuple[str, str], ...]  # (time, 退回意见) given since the replaced version
    fields: tuple[tuple[str, str, str, str], ...]  # (person, field, before, after)
    lines: tuple[str, ...]  # every change as a sentence (totals included)


def resubmission(db: Database, code: str, *, school_year: int | None = None) -> Resubmission | None:
    """The changes of the unit's current package since the version it replaced (None: first package)."""
    with db.session() as session:
        period = period_for(session, school_year)
        row = session.execute(select(Unit.name, Submission.extra).join(Unit, Unit.id == Submission.unit_id).where(
            Unit.code == code, Submission.period_id == period.id, Submission.kind == SubmissionKind.RECEIVED.value,
            Submission.superseded_by_id.is_(None)).order_by(Submission.id.desc())).first()
    if row is None or not (row.extra or {}).get("changes"):
        return None
    c = row.extra["changes"]
    return Resubmission(code, row.name, str(c.get("since", "")), bool(c.get("returned")),
                        tuple((str(a), str(b)) for a, b in c.get("comments", [])),
                        tuple((str(p), str(f), str(a), str(b)) for p, f, a, b in c.get("fields", [])),
                        tuple(str(x) for x in c.get("lines", [])))
