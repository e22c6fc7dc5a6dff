#!/usr/bin/env bash
# The Windows lane (issue 16): the whole suite, GUI tests included, under Windows CPython 3.11
# in Wine 10, then the real installer built, installed and used (packaging/windows/smoke.sh).
# Called by .ci/run as root; see packaging/windows/winelane.sh for how the lane is made.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
# shellcheck source=packaging/windows/winelane.sh
source packaging/windows/winelane.sh
trap lane_unmount EXIT
t0=$(date +%s)

echo "== Windows lane: Wine 10, Windows CPython 3.11, win_amd64 wheels"
lane_setup
lane_display_start
echo "set up in $(( $(date +%s) - t0 )) s"

echo "== Windows lane: the whole suite under Windows CPython"
t1=$(date +%s)
# PostgreSQL tests skip here as on the Linux SQLite pass (the server pass is Linux's).
lane_python -m pytest -p no:cacheprovider -q
echo "suite under Wine: $(( $(date +%s) - t1 )) s"
lane_unmount
trap - EXIT

echo "== Windows lane: installer smoke"
packaging/windows/smoke.sh "${SMOKE_ARGS:-}"
echo "Windows lane: $(( $(date +%s) - t0 )) s in all"
