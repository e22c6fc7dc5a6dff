#!/usr/bin/env bash
# Build the one-folder Linux bundle dist/EduReturns/ from a clean virtual environment.
# Usage: packaging/build.sh [--keep-venv]   (--keep-venv reuses the dependencies, reinstalls the app)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$ROOT/build/pkg-venv"
cd "$ROOT"
if [ "${1:-}" != "--keep-venv" ] || [ ! -x "$VENV/bin/python" ]; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q ".[postgres]" pyinstaller
else
    "$VENV/bin/python" -m pip install -q --no-deps --force-reinstall .  # this checkout's code
fi
"$VENV/bin/python" packaging/make_icons.py
rm -rf dist/EduReturns build/edureturns
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/edureturns.spec
cp packaging/linux/edureturns.desktop dist/EduReturns/
cp resources/icons/edureturns.png dist/EduReturns/
du -sh dist/EduReturns
