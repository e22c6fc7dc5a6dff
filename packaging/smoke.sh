#!/usr/bin/env bash
# Smoke test of the Linux bundle: build it, then use only the bundled programs (no Python on
# PATH) to print the version, build the demo school, export its returns and package, and
# start the GUI offscreen long enough to grab a screenshot. Prints the bundle size and the
# cold-start times. Usage: packaging/smoke.sh [--no-build | --keep-venv]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
case "${1:-}" in
    --no-build) ;;
    --keep-venv) packaging/build.sh --keep-venv ;;
    *) packaging/build.sh ;;
esac
BUNDLE="$ROOT/dist/EduReturns"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A bare environment: no Python anywhere on PATH, a fresh HOME and data folder.
run() { env -i HOME="$WORK" PATH=/nonexistent EDURETURNS_HOME="$WORK/data" QT_QPA_PLATFORM=offscreen "$@"; }

echo "== size"
du -sh "$BUNDLE"
echo "== version"
start=$(date +%s.%N)
run "$BUNDLE/edureturns-cli" --version
echo "cli cold start: $(echo "$(date +%s.%N) - $start" | bc) s"
echo "== demo school"
run "$BUNDLE/edureturns-cli" demo --scale school --db "$WORK/demo.db"
echo "== returns"
run "$BUNDLE/edureturns-cli" export --db "$WORK/demo.db" --returns all --formats xlsx,pdf --out "$WORK/returns"
ls "$WORK/returns" | sed -n 1,20p
test -n "$(ls "$WORK/returns"/*.pdf)"
echo "== package (every warning explained first: the rule for sending)"
run "$BUNDLE/edureturns-cli" explain --db "$WORK/demo.db" --rule all --text "示例数据：已核实，情况属实。"
run "$BUNDLE/edureturns-cli" package export --db "$WORK/demo.db" --out "$WORK/pkg"
test -n "$(ls "$WORK/pkg"/*.erp)"
echo "== server mode driver is bundled (a refused connection, not a missing module)"
out=$(run "$BUNDLE/edureturns-cli" server check "postgresql+psycopg://nobody@127.0.0.1:1/none" 2>&1 || true)
echo "$out"
grep -c "连接不到数据库服务器" <<<"$out" >/dev/null
echo "== gui"
start=$(date +%s.%N)
run "$BUNDLE/edureturns" --db "$WORK/demo.db" --screenshot "$WORK/gui.png" --quit-after 3
echo "gui start to screenshot + 3 s: $(echo "$(date +%s.%N) - $start" | bc) s"
test -s "$WORK/gui.png"
mkdir -p "$ROOT/docs/screenshots"
cp "$WORK/gui.png" "$ROOT/docs/screenshots/bundle-smoke.png"
echo "smoke test passed"
