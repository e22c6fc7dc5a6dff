"""`python -m desktop.cli` is `edureturns-cli`."""

from desktop.cli import main

raise SystemExit(main())
