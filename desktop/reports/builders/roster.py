"""教填-02 教职工花名册: one row per active staff member, IDs masked unless asked otherwise."""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlalchemy import select

from desktop.data.models import Staff, Unit
from desktop.data.queries import in_post_on
from desktop.domain.codes import (
    CodeEnum,
    EducationLevel,
    EmploymentForm,
    Ethnicity,
    Gender,
    HonourLevel,
    Post,
    StaffCategory,
    Stage,
    Subject,
    Title,
)
from desktop.domain.idcard import mask_id, normalize_id
from desktop.reports.builders.common import BuildContext, Built
from desktop.reports.model import Row, Value


def _ym(d: date | None) -> str | None:
    return f"{d.year:04d}-{d.month:02d}" if d else None


def build(ctx: BuildContext) -> Built:
    s = Staff
    stmt = (
        select(
            s.name, s.gender, s.id_number, s.birth_date, s.ethnicity, s.category, s.employment_form, s.post,
            s.teaching_stage, s.subject, s.education, s.title, s.honour_level, s.join_date, Unit.name,
        )
        .join(Unit, Unit.id == s.unit_id)
        .where(s.unit_id.in_(ctx.school_ids), in_post_on(ctx.period.census_date))
        .order_by(Unit.code, s.category, s.name_pinyin, s.id)
    )
    keys = [c.key for c in ctx.variant.columns]
    # Label lookups are built once per code table, not per row (8,000 rows).
    gender = {g.value: g.label for g in Gender}
    eth = {e.value: e.label for e in cast("type[CodeEnum]", Ethnicity)}  # built by the functional API
    cat = {e.value: e.label for e in StaffCategory}
    form = {e.value: e.label for e in EmploymentForm}
    post = {e.value: e.label for e in Post if e is not Post.NONE}
    stage = {e.value: e.label for e in Stage}
    subj = {e.value: e.label for e in Subject}
    edu = {e.value: e.label for e in EducationLevel}
    title = {e.value: e.label for e in Title}
    honour = {e.value: e.label for e in HonourLevel}
    rows: list[Row] = []
    show = (lambda v: normalize_id(v)) if ctx.full_ids else mask_id
    for n, r in enumerate(ctx.session.execute(stmt), start=1):
        vals: dict[str, Value] = {
            "unit": r[14],
            "gender": gender.get(r[1] or "", ""),
            "id_number": show(r[2]),
            "birth": _ym(r[3]),
            "ethnicity": eth.get(r[4] or "", ""),
            "category": cat.get(r[5] or "", ""),
            "form": form.get(r[6] or "", ""),
            "post": post.get(r[7] or "", ""),
            "stage": stage.get(r[8] or "", ""),
            "subject": subj.get(r[9] or "", ""),
            "education": edu.get(r[10] or "", ""),
            "title": title.get(r[11] or "", ""),
            "honour": honour.get(r[12] or "", ""),
            "join": _ym(r[13]),
        }
        rows.append(Row(str(n), r[0], tuple(vals.get(k) for k in keys)))
    info = [("人数", str(len(rows)))]
    if ctx.full_ids:
        info.append(("证件号码", "完整显示（含个人敏感信息）"))
    return Built(tuple(rows), tuple(info))
