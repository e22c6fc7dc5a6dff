"""`python -m desktop` starts the GUI; `python -m desktop.cli` is the command line."""

from desktop.app import main

raise SystemExit(main())
