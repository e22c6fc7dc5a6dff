"""Core (基础): service errors, edit guards and conflicts, the audit trail, users and roles.

Start with ``common`` (the edit guards every write passes) and ``audit`` (the hash-chained trail).

Imports only the service packages below it (none); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "audit": ("verify_chain",),
    "auditlog": ("ACTION_LABELS", "AuditFilter", "AuditRow", "TABLE_LABELS", "export", "filter_choices", "person_history", "search", "unaudited_changes",),
    "conflicts": ("FIELD_LABELS",),
    "errors": ("ServiceError",),
    "stamp": ("Stamped", "data_stamp",),
    "users": ("Actor", "LoginFailed", "PERMISSIONS", "SYSTEM", "UserAccount", "allowed", "create_user", "has_users", "list_accounts", "lock_duration", "login", "login_required", "set_active", "set_login_required", "set_password", "start_actor",),
}
