#!/usr/bin/env bash
# The real Windows installer, built and tried under Wine (the Windows lane, winelane.sh):
#   1. the PyInstaller one-folder app, built by the Windows Python;
#   2. the Inno Setup installer, compiled by ISCC.exe (npm package innosetup 6.4.1);
#   3. a silent per-user install into a fresh Wine prefix that has no Chinese fonts, and the
#      installed app's first-run screen (docs/screenshots/windows-first-run.png): the bundled
#      font must carry every glyph;
#   4. the installed edureturns-cli.exe builds a demo school in the default data folder, then
#      imports the county demo's 300 school packages into a database under a folder whose
#      name has Chinese characters and a space (the staging worker starts from the frozen exe)
#      and exports the county's returns;
#   5. double-clicking an .erp (ShellExecute through the file association) starts the app with
#      --import and that file;
#   6. uninstall: the program goes, the data folder, the databases and their backups stay.
# Usage, as root on Debian/Ubuntu: packaging/windows/smoke.sh [--quick]  (--quick: 20 packages)
set -euo pipefail
# With pipefail, a reader that stops early (head -1, grep -q) kills its writer with SIGPIPE
# once the output outgrows the pipe buffer, and the script dies with status 141. Pipelines
# here end in readers that read everything: sed -n 1p, grep -c.
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$REPO"
# shellcheck source=packaging/windows/winelane.sh
source packaging/windows/winelane.sh
trap lane_unmount EXIT
PACKAGES=300
[ "${1:-}" = "--quick" ] && PACKAGES=20
t0=$(date +%s)
step() { printf '== %s (%d s)\n' "$*" "$(( $(date +%s) - t0 ))"; }

lane_setup
lane_display_start

step "bundle: PyInstaller under the Windows Python"
# The build Python is the lane's, with the project installed from its wheel instead of the
# checkout (the spec reads the version from the installed metadata).
BUILD_PY="$WINE_ROOT/opt/winpy-build"
rm -rf "$BUILD_PY" "$WINE_ROOT/opt/pyi-work" "$REPO/dist/EduReturns"
cp -a "$WINE_ROOT$WIN_PY" "$BUILD_PY"
printf 'python311.zip\n.\nLib\\site-packages\nimport site\n' >"$BUILD_PY/python311._pth"
wheeldir="$(mktemp -d)"
# setuptools reuses build/lib and never removes what is gone from the source: a module moved
# since the last build would ship twice. The wheel is built from a clean build folder.
rm -rf "$REPO/build/lib" "$REPO"/build/bdist.*
python3 -m pip wheel -q --no-deps --no-build-isolation -w "$wheeldir" "$REPO" >/dev/null
python3 -m zipfile -e "$wheeldir"/edureturns-*.whl "$BUILD_PY/Lib/site-packages/"
rm -rf "$wheeldir"
VERSION="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
lane_wine 'Z:\opt\winpy-build\python.exe' -m PyInstaller --noconfirm --log-level WARN \
    --distpath 'Z:\src\dist' --workpath 'Z:\opt\pyi-work' 'Z:\src\packaging\edureturns.spec'
test -f "$REPO/dist/EduReturns/edureturns.exe"
test -f "$REPO/dist/EduReturns/edureturns-cli.exe"
du -sh "$REPO/dist/EduReturns"

step "installer: Inno Setup's ISCC.exe"
if [ ! -f "$WINE_ROOT/opt/inno/bin/ISCC.exe" ]; then
    innodir="$(mktemp -d)"
    (cd "$innodir" && npm pack -q innosetup@6.4.1 >/dev/null && tar xzf innosetup-6.4.1.tgz)
    rm -rf "$WINE_ROOT/opt/inno"
    cp -r "$innodir/package" "$WINE_ROOT/opt/inno"
    rm -rf "$innodir"
fi
rm -f "$REPO/dist/EduReturns-Setup-$VERSION.exe"
lane_wine 'Z:\opt\inno\bin\ISCC.exe' /Q "/DAppVersion=$VERSION" 'Z:\src\packaging\windows\edureturns.iss'
SETUP="$REPO/dist/EduReturns-Setup-$VERSION.exe"
test -f "$SETUP"
ls -l "$SETUP"

step "install: silent, current user, fresh prefix without Chinese fonts"
export WINEPREFIX=/opt/prefix-smoke
rm -rf "$WINE_ROOT$WINEPREFIX"
lane_wine "Z:\\src\\dist\\EduReturns-Setup-$VERSION.exe" /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART
USERDIR="$WINE_ROOT$WINEPREFIX/drive_c/users/root"
APP="$USERDIR/AppData/Local/Programs/EduReturns"
WAPP='C:\users\root\AppData\Local\Programs\EduReturns'
test -f "$APP/edureturns.exe"
if find "$WINE_ROOT$WINEPREFIX/drive_c/windows/Fonts" "$WINE_ROOT/usr/share/fonts" -iname '*cjk*' -o -iname '*wqy*' \
        -o -iname 'sim*.tt*' -o -iname 'msyh*' 2>/dev/null | grep -c . >/dev/null; then
    echo "the prefix has a Chinese font: the screenshot would not prove the bundled font" >&2
    exit 1
fi

step "first run: the installed app's first screen"
shot="$WINE_ROOT/tmp/windows-first-run.png"
rm -f "$shot"
lane_wine "$WAPP\\edureturns.exe" --screenshot 'Z:\tmp\windows-first-run.png' --quit-after 4
test -s "$shot"
cp "$shot" "$REPO/docs/screenshots/windows-first-run.png"

step "CLI: demo school in the default data folder, console output redirected to a log"
CLI="$WAPP\\edureturns-cli.exe"
lane_wine "$CLI" --version
lane_wine "$CLI" demo --scale school >"$WINE_ROOT/tmp/demo.log" 2>&1
grep -q "示例" "$WINE_ROOT/tmp/demo.log" || { cat "$WINE_ROOT/tmp/demo.log"; exit 1; }
lane_wine "$CLI" backup
DATA="$USERDIR/AppData/Local/EduReturns"
test -f "$DATA/edureturns.db"
ls "$DATA/backups" | grep -c . >/dev/null

step "CLI: the county imports $PACKAGES school packages into a folder named 教育数据 2026"
# Cut from the county demo (built once in benchmarks/fixtures/) by this checkout's code, each
# run: a package carries its returns' fingerprints, so packages cut by older code would be
# refused, rightly, by the importer of this one.
pkgs="$WINE_ROOT/opt/smoke-packages"
rm -rf "$pkgs" "$REPO/benchmarks/fixtures/packages-county"
python3 - "$pkgs" "$PACKAGES" <<'EOF'
import sys
from pathlib import Path
from benchmarks.fixtures import Fixtures
from benchmarks.packages_bench import school_packages
out, count = Path(sys.argv[1]), int(sys.argv[2])
out.mkdir(parents=True)
for i, pkg in enumerate(sorted(school_packages(Fixtures(Path("benchmarks/fixtures"))).glob("*.erp"))):
    if i < count:
        (out / pkg.name).write_bytes(pkg.read_bytes())
EOF
DOCS="$USERDIR/Documents/教育数据 2026"
mkdir -p "$DOCS"
WDB='C:\users\root\Documents\教育数据 2026\龙川县.db'
lane_wine "$CLI" init --kind county --code 441622 --name 龙川县教育局 --parent 441600 --year 2025 --db "$WDB"
start=$(date +%s)
lane_wine "$CLI" package import 'Z:\opt\smoke-packages' --db "$WDB" >"$WINE_ROOT/tmp/import.log" 2>&1 &
import_pid=$!
# The staging worker is the frozen exe started again by multiprocessing (spawn):
# `edureturns-cli.exe --multiprocessing-fork …`. Watch for it while the import runs.
worker=""
while kill -0 "$import_pid" 2>/dev/null; do
    if [ -z "$worker" ] && ps -eo args | grep -v grep | grep -c -- '--multiprocessing-fork' >/dev/null; then
        worker=yes
    fi
    sleep 0.5
done
wait "$import_pid" || { cat "$WINE_ROOT/tmp/import.log"; exit 1; }
echo "import of $PACKAGES packages: $(( $(date +%s) - start )) s"
tail -3 "$WINE_ROOT/tmp/import.log"
grep -q "已导入 $PACKAGES 个" "$WINE_ROOT/tmp/import.log" || { cat "$WINE_ROOT/tmp/import.log"; exit 1; }
# The worker decodes ahead only for imports of 4 MB or more: the 300 packages, not --quick's 20.
if [ "$PACKAGES" -ge 300 ] && [ -z "$worker" ]; then
    echo "the staging worker never started from the frozen edureturns-cli.exe" >&2
    exit 1
fi

step "CLI: the county's returns"
lane_wine "$CLI" consolidate --db "$WDB" --out "C:\\users\\root\\Documents\\教育数据 2026\\汇总报表"
ls "$DOCS/汇总报表" | grep -c '\.pdf$' >/dev/null
ls "$DOCS/汇总报表" | grep -c '\.xlsx$' >/dev/null

step "file association: opening an .erp runs what the installer registered, with the file"
# Windows merges HKCU\Software\Classes into HKEY_CLASSES_ROOT, so ShellExecute finds a
# per-user association; Wine 10's ShellExecute reads only the machine's classes ("No
# association found"), so the smoke resolves the association the way Windows does:
# .erp → its ProgID → shell\open\command, with %1 replaced by the file.
erp="$(find "$pkgs" -name '*.erp' | sort | sed -n 1p)"
cp "$erp" "$DOCS/收到的数据包.erp"
WERP='C:\users\root\Documents\教育数据 2026\收到的数据包.erp'
progid="$(lane_chroot wine reg query 'HKCU\Software\Classes\.erp' /ve | tr -d '\r' | awk '/REG_SZ/ {print $NF}')"
[ "$progid" = "EduReturns.Package" ] || { echo ".erp is not associated with EduReturns.Package: '$progid'" >&2; exit 1; }
command="$(lane_chroot wine reg query "HKCU\\Software\\Classes\\$progid\\shell\\open\\command" /ve | tr -d '\r' \
    | sed -n 's/^ *(Default) *REG_SZ *//p')"
echo "registered: $command"
# The registered command line, split as Windows splits it, with the file for %1.
mapfile -t argv < <(python3 - "$command" "$WERP" <<'EOF'
import shlex, sys
for arg in shlex.split(sys.argv[1].replace("\\", "\\\\"), posix=True):
    print(arg.replace("%1", sys.argv[2]))
EOF
)
[ "${argv[1]:-}" = "--import" ] || { echo "the registered command does not pass the file to --import" >&2; exit 1; }
# The app opens with the package pending, draws its window, saves a picture of it and quits.
rm -f "$WINE_ROOT/tmp/windows-open-erp.png"
lane_wine "${argv[@]}" --screenshot 'Z:\tmp\windows-open-erp.png' --quit-after 6
test -s "$WINE_ROOT/tmp/windows-open-erp.png"

step "uninstall: the program goes, the data stays"
lane_wine "$WAPP\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
for _ in $(seq 1 30); do [ -f "$APP/edureturns.exe" ] || break; sleep 1; done
test ! -f "$APP/edureturns.exe"
test -f "$DATA/edureturns.db"
ls "$DATA/backups" | grep -c . >/dev/null
test -f "$DOCS/龙川县.db"
ls "$DOCS/backups" | grep -c . >/dev/null
lane_chroot wineserver -k || true
step "Windows installer smoke passed"
