"""Hypothesis state machine over roles and actions on one school and period (R12).

Random sequences of edits, workflow transitions and direct SQL by random roles;
after every step: the stored state equals the model, approved data equals the
snapshot taken at approval, direct SQL on approved data is refused by the
trigger, the audit log holds exactly one row per changed field, and its hash
chain verifies.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import sqlalchemy.exc
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.data.models import AuditEntry, SchoolClass, Staff, UnitPeriod
from desktop.domain.idcard import id_check_char
from desktop.domain.records import ClassData, StaffData, UnitData
from desktop.services.core import audit
from desktop.services.core.errors import LockedError, ServiceError
from desktop.services.core.users import Actor, PermissionDenied, allowed
from desktop.services.records import classes, staff, units
from desktop.services.year import workflow
from desktop.services.year.periods import ensure_period

ROLES = st.sampled_from([Actor("clerk", "李填报", "clerk"), Actor("rev", "张审核", "reviewer"),
                         Actor("admin", "王管理", "admin")])
TRANSITIONS = {  # action -> (permission, states it may start from, state it ends in)
    "submit": ("submit", {"draft", "returned"}, "submitted"),
    "approve": ("approve", {"submitted"}, "approved"),
    "return": ("return", {"submitted"}, "returned"),
    "unlock": ("unlock", {"approved"}, "draft"),
}

pytestmark = pytest.mark.sqlite_only  # SQLite files (copies, raw bytes, backups)


def person(serial: int) -> StaffData:
    first17 = f"11010519800101{serial:03d}"
    return StaffData(name=f"教师{serial}", id_number=first17 + id_check_char(first17), teaching_stage="primary")


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a school, a period, one class and one teacher, copied per example."""
    path = tmp_path_factory.mktemp("machine") / "template.db"
    db = Database.for_path(path)
    upgrade(db)
    school = units.create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school",
                                                 parent_code="441622", category="211", ownership="1",
                                                 urban_rural="2"))
    period = ensure_period(db, 2025)
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    staff.create_staff(db, school.id, person(1))
    db.dispose()  # the last connection closing checkpoints the WAL into the file we copy
    return path


class WorkflowMachine(RuleBasedStateMachine):
    template: Path

    @initialize()
    def open_copy(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        shutil.copy(self.template, self.dir / "m.db")
        self.db = Database.for_path(self.dir / "m.db")
        with self.db.session() as s:
            self.class_id = s.scalars(select(SchoolClass.id)).one()
            self.staff_id = s.scalars(select(Staff.id)).one()
            self.unit_id, self.period_id = s.execute(select(SchoolClass.unit_id, SchoolClass.period_id)).one()
            self.audit_rows = int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)
        self.state = "draft"
        self.snapshot: list[tuple[str, int]] | None = None
        self.class_names = 1

    def teardown(self) -> None:
        if hasattr(self, "db"):
            self.db.dispose()
            shutil.rmtree(self.dir, ignore_errors=True)

    def _classes(self) -> list[tuple[str, int]]:
        return [(c.name, c.enrolled) for c in classes.list_classes(self.db, self.unit_id, self.period_id)]

    def _edit(self, do: object, rows: int) -> None:
        """Run an edit; it must fail exactly when the period is approved."""
        try:
            do()  # type: ignore[operator]
        except LockedError:
            assert self.state == "approved"
            return
        assert self.state != "approved", "an edit of approved data succeeded"
        self.audit_rows += rows

    @rule(who=ROLES, enrolled=st.integers(0, 60))
    def edit_class(self, who: Actor, enrolled: int) -> None:
        current = dict(self._classes()).get("一年级(1)班")
        rows = 0 if current == enrolled else 1
        self._edit(lambda: classes.update_class(self.db, self.class_id, {"enrolled": enrolled},
                                                actor=who.username), rows)

    @rule(who=ROLES)
    def add_class(self, who: Actor) -> None:
        name = f"一年级({self.class_names + 1})班"

        def do() -> None:
            classes.create_class(self.db, self.unit_id, self.period_id, ClassData(grade="P1", name=name, enrolled=30),
                                 actor=who.username)
            self.class_names += 1
        self._edit(do, 2)

    @rule(who=ROLES, title=st.sampled_from(["1", "2", "3", "9"]))
    def edit_teacher(self, who: Actor, title: str) -> None:
        current = staff.get_staff(self.db, self.staff_id).title
        self._edit(lambda: staff.update_staff(self.db, self.staff_id, {"title": title}, actor=who.username),
                   0 if current == title else 1)

    @rule(who=ROLES, action=st.sampled_from(sorted(TRANSITIONS)), text=st.sampled_from(["", "原因"]))
    def transition(self, who: Actor, action: str, text: str) -> None:
        permission, starts, ends = TRANSITIONS[action]
        expect_ok = allowed(who, permission) and self.state in starts and (
            action not in ("return", "unlock") or bool(text))
        calls = {
            "submit": lambda: workflow.submit(self.db, who, self.unit_id, self.period_id),
            "approve": lambda: workflow.approve(self.db, who, self.unit_id, self.period_id),
            "return": lambda: workflow.return_(self.db, who, self.unit_id, self.period_id, text),
            "unlock": lambda: workflow.unlock(self.db, who, self.unit_id, self.period_id, text),
        }
        try:
            status = calls[action]()
        except (PermissionDenied, ServiceError):
            assert not expect_ok
            return
        assert expect_ok, f"{who.role} could {action} from {self.state}"
        assert status.state == ends
        self.state = ends
        self.audit_rows += 1
        self.snapshot = self._classes() if ends == "approved" else None

    @rule(sql=st.sampled_from(["UPDATE classes SET enrolled = enrolled + 1", "DELETE FROM classes",
                               "UPDATE staff SET title = '1'", "UPDATE audit_log SET reason = 'x'",
                               "DELETE FROM audit_log"]))
    def direct_sql(self, sql: str) -> None:
        """Someone with a SQL tool: refused on approved data and on the log, whatever the state."""
        if self.state != "approved" and "audit_log" not in sql:
            return  # unapproved data may change, but not unaudited; this machine only checks refusals
        with pytest.raises(sqlalchemy.exc.IntegrityError), self.db.session(write=True) as s:
            s.connection().exec_driver_sql(sql)

    @invariant()
    def matches_model(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.session() as s:
            stored = s.scalars(select(UnitPeriod.state).where(UnitPeriod.unit_id == self.unit_id)).first()
            assert (stored or "draft") == self.state
            assert int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0) == self.audit_rows
            assert audit.verify_chain(s) is None
        if self.state == "approved":
            assert self._classes() == self.snapshot


@pytest.mark.slow
def test_workflow_state_machine(template_db: Path) -> None:
    WorkflowMachine.template = template_db
    runner = WorkflowMachine.TestCase
    runner.settings = settings(max_examples=15, stateful_step_count=25, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow])
    runner().runTest()
