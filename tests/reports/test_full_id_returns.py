"""Returns with full ID numbers (R14): admin only when an actor is signed in, always audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.core import auditlog
from desktop.services.core.auditlog import AuditFilter
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.returns.build import export_returns
from tests.reports.conftest import Built


def test_full_id_returns_need_admin_and_are_audited(school_data: Built, tmp_path: Path) -> None:
    db, unit, period = school_data.db, school_data.unit_id, school_data.period_id
    with pytest.raises(PermissionDenied, match="管理员"):
        export_returns(db, unit, period, "all", ["xlsx"], tmp_path, full_ids=True, actor=Actor("c", "李填报", "clerk"))
    assert auditlog.search(db, AuditFilter(action="export_full_ids")) == []
    export_returns(db, unit, period, "all", ["xlsx"], tmp_path / "masked")  # masked: nothing to record
    assert auditlog.search(db, AuditFilter(action="export_full_ids")) == []
    [path] = export_returns(db, unit, period, "all", ["xlsx"], tmp_path, full_ids=True,
                            actor=Actor("admin", "王管理", "admin"))
    [entry] = auditlog.search(db, AuditFilter(action="export_full_ids"))
    assert entry.username == "admin" and path.name in (entry.reason or "")
