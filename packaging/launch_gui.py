"""Entry script PyInstaller freezes into `edureturns` (the windowed GUI)."""

from desktop.app import main

raise SystemExit(main())
