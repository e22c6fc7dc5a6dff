"""Users and roles: argon2id parameters, rehash, throttling, permissions, no-login setting (R13)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from argon2.low_level import Type
from argon2.profiles import CHEAPEST
from sqlalchemy import select

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import AuditEntry, User
from desktop.services.core import users
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, LoginFailed, PermissionDenied

PASSWORD = "correct horse 1"


@pytest.fixture
def admin(db: Database) -> Actor:
    return users.create_user(db, None, "admin", "王管理", "管理员", PASSWORD)


def _stored_hash(db: Database, username: str) -> str:
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        assert user.password_hash
        return user.password_hash


def test_stored_hash_is_argon2id_at_or_above_owasp_minimum(db: Database, admin: Actor) -> None:
    from argon2 import extract_parameters

    stored = _stored_hash(db, "admin")
    assert stored.startswith("$argon2id$")
    params = extract_parameters(stored)
    assert params.type is Type.ID
    assert params.memory_cost >= users.OWASP_MIN_MEMORY_KIB
    assert params.time_cost >= users.OWASP_MIN_TIME_COST
    assert PASSWORD not in stored


def test_login_returns_actor_and_wrong_password_is_generic(db: Database, admin: Actor) -> None:
    actor = users.login(db, "admin", PASSWORD)
    assert actor.role == "admin" and actor.display_name == "王管理"
    with pytest.raises(LoginFailed) as wrong_pw:
        users.login(db, "admin", "nope nope nope")
    with pytest.raises(LoginFailed) as no_user:
        users.login(db, "nobody", PASSWORD)
    assert wrong_pw.value.message == no_user.value.message == users.LOGIN_FAILED


def test_old_parameters_are_rehashed_on_login(db: Database, admin: Actor) -> None:
    weak = PasswordHasher.from_parameters(CHEAPEST).hash(PASSWORD)
    with db.session(write=True) as s:
        s.scalars(select(User).where(User.username == "admin")).one().password_hash = weak
    assert users.password_hasher().check_needs_rehash(weak)
    users.login(db, "admin", PASSWORD)
    upgraded = _stored_hash(db, "admin")
    assert upgraded != weak
    assert not users.password_hasher().check_needs_rehash(upgraded)


def test_failed_logins_lock_for_growing_times(db: Database, admin: Actor) -> None:
    now = utcnow()
    locks = []
    for _ in range(10):
        with pytest.raises(LoginFailed):
            users.login(db, "admin", "wrong password", now=now)
        with db.session() as s:
            user = s.scalars(select(User).where(User.username == "admin")).one()
            locks.append(user.locked_until)
        if user.locked_until:
            now = user.locked_until + timedelta(seconds=1)  # wait the lock out (no real sleeping)
    assert locks[:2] == [None, None]
    waits = [users.lock_duration(n) for n in range(3, 11)]
    assert all(b >= a for a, b in itertools.pairwise(waits)) and waits[-1] > waits[0]
    # While locked even the right password is refused, with the same message.
    with db.session() as s:
        locked_until = s.scalars(select(User).where(User.username == "admin")).one().locked_until
    assert locked_until is not None
    with pytest.raises(LoginFailed):
        users.login(db, "admin", PASSWORD, now=locked_until - timedelta(seconds=1))
    assert users.login(db, "admin", PASSWORD, now=locked_until + timedelta(seconds=1)).username == "admin"
    with db.session() as s:
        assert s.scalars(select(User).where(User.username == "admin")).one().failed_attempts == 0
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "lockout")).first() is not None


def test_roles_and_permissions(db: Database, admin: Actor) -> None:
    clerk = users.create_user(db, admin, "clerk", "李填报", "填报员", PASSWORD)
    reviewer = users.create_user(db, admin, "rev", "张审核", "reviewer", PASSWORD)
    with pytest.raises(PermissionDenied, match="填报员"):
        users.create_user(db, clerk, "x", "x", "clerk", PASSWORD)
    with pytest.raises(PermissionDenied):
        users.require(clerk, "approve")
    users.require(reviewer, "approve")
    with pytest.raises(PermissionDenied):
        users.require(admin, "approve")  # separation of duties: admins do not approve
    with pytest.raises(PermissionDenied):
        users.set_setting(db, reviewer, "x", "1")
    with pytest.raises(ServiceError, match="最后一个管理员"):
        users.set_role(db, admin, "admin", "clerk")
    with pytest.raises(ServiceError, match="至少"):
        users.create_user(db, admin, "short", "短", "clerk", "123")


def test_first_user_must_be_admin(db: Database) -> None:
    with pytest.raises(ServiceError, match="管理员"):
        users.create_user(db, None, "c", "c", "clerk", PASSWORD)


def test_login_can_be_switched_off_only_by_admin(db: Database, admin: Actor) -> None:
    reviewer = users.create_user(db, admin, "rev", "张审核", "reviewer", PASSWORD)
    assert users.login_required(db)
    assert users.start_actor(db) is None
    with pytest.raises(PermissionDenied):
        users.set_login_required(db, reviewer, False)
    users.set_login_required(db, admin, False)
    started = users.start_actor(db)
    assert started is not None and started.username == "admin"
    with db.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "setting")).first() is not None


def test_password_change_needs_old_password(db: Database, admin: Actor) -> None:
    clerk = users.create_user(db, admin, "clerk", "李填报", "clerk", PASSWORD)
    with pytest.raises(ServiceError, match="原密码"):
        users.set_password(db, clerk, "clerk", "another pass 2", old_password="bad")
    users.set_password(db, clerk, "clerk", "another pass 2", old_password=PASSWORD)
    assert users.login(db, "clerk", "another pass 2").username == "clerk"
    users.set_password(db, admin, "clerk", "reset by admin")
    assert users.login(db, "clerk", "reset by admin").username == "clerk"
