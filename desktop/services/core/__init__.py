"""Core (基础): service errors, edit guards and conflicts, the audit trail, users and roles."""
