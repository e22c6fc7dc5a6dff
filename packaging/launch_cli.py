"""Entry script PyInstaller freezes into `edureturns-cli` (the console tool)."""

from desktop.cli import main

raise SystemExit(main())
