"""Administration (管理): backups, database encryption, server mode and moving onto the server."""
