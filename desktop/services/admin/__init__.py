"""Administration (管理): opening a database, backups, encryption, server mode and the move onto it.

Start with ``database`` (open_database, the one way the CLI and the GUI open a database).

Imports only the service packages below it (core, records, year, imports, indicators, returns, signing, packages, office); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "backups": ("BackupError", "BackupInfo", "backup_now", "list_backups", "mark_clean_close", "RestorePlan", "restore_backup", "restore_into", "restore_plan",),
    "database": ("CheckResult", "DamagedDatabase", "Database", "check_deferred", "new_database", "open_database", "set_aside",),
    "encryption": ("key_for",),
    "move": ("move_database",),
    "server": ("ConnectionInfo", "PASSWORD_ENV", "UrlError", "check_connection", "credential_name", "forget_password", "open_server_database", "password_from_keyring", "remember_server", "resolve_url", "server_label", "server_parts", "server_url_from_parts", "split_password", "with_password",),
}
