"""`edureturns-cli`: every job the GUI does, for batch work and for tests.

Each sub-command lives in its own module under ``desktop.cli`` with a
``register(subparsers)`` function; modules are discovered, no list to edit.
Exit codes a script can rely on: 0 success, 1 the job ran and found problems
(e.g. ``check`` with errors), 2 the command could not run (bad arguments,
missing file, refused input); messages go to stderr in Chinese.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli.console import configure_streams

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_FAILED = 2

# Sub-command modules are found, not listed: every module in this package with a
# ``register(subparsers)`` function adds its commands (in module-name order, basic first).
_NOT_COMMANDS = frozenset({"common", "console"})


def command_modules() -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    names = [n for n in names if n not in _NOT_COMMANDS]
    names.sort(key=lambda n: (n != "basic", n))
    return [f"{__name__}.{n}" for n in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edureturns-cli", description="EduReturns（教育数据填报）命令行工具"
    )
    parser.add_argument("--version", action="version", version=f"EduReturns {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_streams()  # before argparse, whose help and errors are Chinese too
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_FAILED
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
