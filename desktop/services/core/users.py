"""Users and roles (用户与角色): login, password hashing, throttling, permissions.

Three roles (reliability-notes §5, DHIS2's separation of duties):
填报员 clerk enters and edits; 审核人 reviewer approves, returns and unlocks;
管理员 admin manages users and settings and may export full ID numbers.

Passwords are stored as argon2id PHC strings at OWASP's recommended minimum
(m=19 MiB, t=2, p=1). argon2-cffi's own default (t=3, m=64 MiB, p=4) took
1.3 s per login on a two-core test machine, too slow for old county PCs; the
parameters live in ``password_hasher`` and a stored hash with other
parameters is re-hashed at the next good login, so raising them later is safe.
Failed logins are throttled: from the third consecutive failure the account is
locked for a growing time (5 s, 10 s, 20 s … capped at 15 min). The message is
the same whether the user name or the password was wrong.

Honesty (docs/security.md): this login protects the *program*, not the file.
Anyone who can copy the database can read it with other tools.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Setting, User
from desktop.domain.codes import Role
from desktop.services.core import audit
from desktop.services.core.errors import NotFoundError, ServiceError

LOGIN_REQUIRED_SETTING = "login_required"
MIN_PASSWORD_LENGTH = 8
FREE_FAILURES = 2  # failures before the first lock
FIRST_LOCK = timedelta(seconds=5)
MAX_LOCK = timedelta(minutes=15)
LOGIN_FAILED = "用户名或密码不正确。连续输错多次后账户会被暂时锁定，请稍后再试；忘记密码请联系管理员重设。"

# OWASP minimum for argon2id (Password Storage Cheat Sheet): 19 MiB, 2 passes.
OWASP_MIN_MEMORY_KIB = 19456
OWASP_MIN_TIME_COST = 2


def password_hasher() -> PasswordHasher:
    """The hashing policy: argon2id at OWASP's minimum (see the module docstring)."""
    return PasswordHasher(time_cost=OWASP_MIN_TIME_COST, memory_cost=OWASP_MIN_MEMORY_KIB, parallelism=1,
                          hash_len=32, salt_len=16, type=Type.ID)


class PermissionDenied(ServiceError):
    """The signed-in user's role may not do this."""


class LoginFailed(ServiceError):
    """Wrong user name or password, or the account is temporarily locked (same message)."""


@dataclass(frozen=True)
class Actor:
    """Who is doing something: passed to services that check roles and written to the audit log."""

    username: str
    display_name: str
    role: str  # Role value
    unit_id: int | None = None
    user_id: int | None = None

    @property
    def role_label(self) -> str:
        role = Role.from_label(self.role)
        return role.label if role else self.role


SYSTEM = Actor("system", "系统", Role.ADMIN.value)

# Which roles may do what. Admin is not a super-reviewer: approval stays with reviewers.
PERMISSIONS: dict[str, frozenset[str]] = {
    "edit": frozenset({Role.CLERK.value, Role.REVIEWER.value, Role.ADMIN.value}),
    "submit": frozenset({Role.CLERK.value, Role.REVIEWER.value}),
    "approve": frozenset({Role.REVIEWER.value}),
    "return": frozenset({Role.REVIEWER.value}),
    "unlock": frozenset({Role.REVIEWER.value}),
    "manage_users": frozenset({Role.ADMIN.value}),
    "settings": frozenset({Role.ADMIN.value}),
    "export_full_ids": frozenset({Role.ADMIN.value}),
}
ACTION_LABELS = {
    "edit": "录入和修改数据", "submit": "提交", "approve": "审核通过", "return": "退回",
    "unlock": "解锁已审核的数据", "manage_users": "管理用户", "settings": "修改设置",
    "export_full_ids": "导出完整证件号码",
}


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS[action]


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless ``actor``'s role may do ``action``."""
    if not allowed(actor, action):
        roles = "、".join(r.label for r in Role if r.value in PERMISSIONS[action])
        raise PermissionDenied(
            f"“{actor.display_name}”的角色是{actor.role_label}，不能{ACTION_LABELS[action]}。"
            f"请由{roles}登录后操作。"
        )


def _actor(user: User) -> Actor:
    return Actor(user.username, user.display_name, user.role, user.unit_id, user.id)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符，请换一个更长的密码。")


def lock_duration(failures: int) -> timedelta:
    """How long the account stays locked after ``failures`` consecutive failures."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    return min(MAX_LOCK, FIRST_LOCK * (1 << (failures - FREE_FAILURES - 1)))


def _user_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def has_users(db: Database) -> bool:
    with db.session() as session:
        return _user_count(session) > 0


def create_user(
    db: Database, actor: Actor | None, username: str, display_name: str, role: str, password: str,
    *, unit_id: int | None = None,
) -> Actor:
    """Add a user. The very first user may be created without an actor and must be an admin."""
    username = username.strip()
    if not username or len(username) > 50:
        raise ServiceError("请填写用户名（1–50 个字符）。")
    if Role.from_label(role) is None:
        raise ServiceError("请选择角色：填报员、审核人或管理员。")
    role = Role.from_label(role).value  # type: ignore[union-attr]
    _check_password(password)
    with db.session(write=True) as session:
        if _user_count(session) == 0:
            if role != Role.ADMIN.value:
                raise ServiceError("第一个用户必须是管理员，由他再添加其他用户。")
            by = username
        else:
            if actor is None:
                raise PermissionDenied("请由管理员登录后添加用户。")
            require(actor, "manage_users")
            by = actor.username
        if session.scalars(select(User).where(User.username == username)).first() is not None:
            raise ServiceError(f"用户名“{username}”已存在，请换一个。")
        user = User(username=username, display_name=display_name.strip() or username, role=role,
                    unit_id=unit_id, password_hash=password_hasher().hash(password), active=True)
        session.add(user)
        session.flush()
        audit.log(session, actor=by, action="create", table="users", record_id=user.id,
                  changes={"username": (None, username), "role": (None, role)})
        return _actor(user)


def _get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFoundError(f"找不到用户“{username}”。")
    return user


def login(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a password; returns the Actor or raises LoginFailed with one generic message."""
    now = now or utcnow()
    hasher = password_hasher()
    with db.session(write=True) as session:
        user = session.scalars(select(User).where(User.username == username.strip())).first()
        if user is None or not user.active or not user.password_hash:
            # Spend the same time as a real check so timing does not tell which names exist.
            with contextlib.suppress(VerificationError):
                hasher.verify(_dummy_hash(), password)
            raise LoginFailed(LOGIN_FAILED)
        if user.locked_until is not None and user.locked_until > now:
            # No verification while locked: guessing is pointless until the lock ends.
            raise LoginFailed(LOGIN_FAILED)
        try:
            hasher.verify(user.password_hash, password)
        except (VerifyMismatchError, InvalidHashError):
            user.failed_attempts += 1
            wait = lock_duration(user.failed_attempts)
            user.locked_until = now + wait if wait else None
            if wait:
                audit.log(session, actor=user.username, action="lockout", table="users", record_id=user.id,
                          changes={"failed_attempts": (user.failed_attempts - 1, user.failed_attempts)},
                          reason=f"锁定 {int(wait.total_seconds())} 秒")
            session.commit()  # the failure must count even though we raise
            raise LoginFailed(LOGIN_FAILED) from None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        user.failed_attempts = 0
        user.locked_until = None
        user.last_login_at = now
        return _actor(user)


@functools.cache
def _dummy_hash() -> str:
    return password_hasher().hash("not a password")


def set_password(db: Database, actor: Actor, username: str, new_password: str,
                 *, old_password: str | None = None) -> None:
    """Admins reset anyone's password; others change their own with the old one."""
    _check_password(new_password)
    with db.session(write=True) as session:
        user = _get_user(session, username)
        if actor.username != username:
            require(actor, "manage_users")
        elif not allowed(actor, "manage_users"):
            try:
                password_hasher().verify(user.password_hash or "", old_password or "")
            except (VerificationError, InvalidHashError):
                raise ServiceError("原密码不正确，密码未修改。") from None
        user.password_hash = password_hasher().hash(new_password)
        user.failed_attempts, user.locked_until = 0, None
        audit.log(session, actor=actor.username, action="password", table="users", record_id=user.id,
                  changes={"password_hash": ("***", "***")})


def set_role(db: Database, actor: Actor, username: str, role: str) -> None:
    require(actor, "manage_users")
    new = Role.from_label(role)
    if new is None:
        raise ServiceError("请选择角色：填报员、审核人或管理员。")
    with db.session(write=True) as session:
        user = _get_user(session, username)
        if user.role == Role.ADMIN.value and new != Role.ADMIN and _active_admins(session) <= 1:
            raise ServiceError("这是最后一个管理员，不能改为其他角色。请先指定另一位管理员。")
        audit.log(session, actor=actor.username, action="update", table="users", record_id=user.id,
                  changes={"role": (user.role, new.value)})
        user.role = new.value


def set_active(db: Database, actor: Actor, username: str, active: bool) -> None:
    """Disable or re-enable a user (users are never deleted: the audit log names them)."""
    require(actor, "manage_users")
    with db.session(write=True) as session:
        user = _get_user(session, username)
        if not active and user.role == Role.ADMIN.value and _active_admins(session) <= 1:
            raise ServiceError("这是最后一个管理员，不能停用。请先指定另一位管理员。")
        audit.log(session, actor=actor.username, action="update", table="users", record_id=user.id,
                  changes={"active": (user.active, active)})
        user.active = active


def _active_admins(session: Session) -> int:
    stmt = select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active.is_(True))
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class UserAccount:
    """One row of the users list in 设置 (no password hash leaves the service)."""

    username: str
    display_name: str
    role: str
    role_label: str
    active: bool
    last_login_at: datetime | None


def list_accounts(db: Database) -> list[UserAccount]:
    with db.session() as session:
        return [UserAccount(u.username, u.display_name, u.role, _actor(u).role_label, bool(u.active),
                            u.last_login_at) for u in session.scalars(select(User).order_by(User.username))]


def list_users(db: Database) -> list[Actor]:
    with db.session() as session:
        return [_actor(u) for u in session.scalars(select(User).order_by(User.username))]


# --- settings ---------------------------------------------------------------------------------

def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    with db.session() as session:
        row = session.get(Setting, key)
        return row.value if row else default


def set_setting(db: Database, actor: Actor, key: str, value: str) -> None:
    """Change a setting (admins only); recorded in the audit log."""
    require(actor, "settings")
    with db.session(write=True) as session:
        row = session.get(Setting, key)
        old = row.value if row else None
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
        audit.log(session, actor=actor.username, action="setting", table="settings", changes={key: (old, value)})


def login_required(db: Database) -> bool:
    """True unless an admin has switched login off in 设置 (only sensible for a one-person school)."""
    return get_setting(db, LOGIN_REQUIRED_SETTING, "1") != "0"


def set_login_required(db: Database, actor: Actor, required: bool) -> None:
    set_setting(db, actor, LOGIN_REQUIRED_SETTING, "1" if required else "0")


def start_actor(db: Database) -> Actor | None:
    """The actor to use without a login screen, or None when the user must log in.

    Without any user the program runs as 系统 until the first admin is created;
    with login switched off it runs as the first active admin.
    """
    with db.session() as session:
        if _user_count(session) == 0:
            return SYSTEM
    if login_required(db):
        return None
    with db.session() as session:
        stmt = select(User).where(User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.id)
        admin = session.scalars(stmt.limit(1)).first()
        return _actor(admin) if admin else None
