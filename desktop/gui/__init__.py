"""The PySide6 desktop client. Qt is imported only below this package and in ``desktop.app``."""
