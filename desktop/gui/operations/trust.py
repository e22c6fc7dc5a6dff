"""Operations of 设置 and the login: users and roles, backups, the audit log.

Password hashing (argon2) takes a noticeable moment: the controllers run it on the worker
like every other operation (the signing certificate is in ``certificates``). ``may`` and ``lock_duration`` are plain rules
(no database, no hashing) and may be asked on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.admin.backups import (
    RestorePlan,
    backup_now,
    list_backups,
    mark_clean_close,
    restore_backup,
    restore_plan,
)
from desktop.services.admin.database import Database
from desktop.services.core.auditlog import export as export_audit
from desktop.services.core.auditlog import filter_choices, person_history
from desktop.services.core.auditlog import search as search_audit
from desktop.services.core.users import (
    Actor,
    UserAccount,
    create_user,
    has_users,
    list_accounts,
    lock_duration,
    login,
    login_required,
    set_active,
    set_login_required,
    set_password,
    start_actor,
)
from desktop.services.core.users import allowed as may

__all__ = [
    "Actor",
    "RestorePlan",
    "UserAccount",
    "UsersState",
    "backup_now",
    "create_user",
    "export_audit",
    "filter_choices",
    "has_users",
    "list_accounts",
    "list_backups",
    "load_users",
    "lock_duration",
    "login",
    "login_required",
    "mark_clean_close",
    "may",
    "person_history",
    "restore_backup",
    "restore_plan",
    "search_audit",
    "set_active",
    "set_login_required",
    "set_password",
    "start_actor",
]


@dataclass(frozen=True, slots=True)
class UsersState:  # what the 用户与权限 section shows
    accounts: list[UserAccount]
    login_required: bool


def load_users(db: Database) -> UsersState:
    return UsersState(list_accounts(db), login_required(db))
