#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the test suite (CI and developers).
#
#   .ci/pg.sh start   # initdb into a temp dir, start on a free port, print the URL
#   .ci/pg.sh url     # print the URL of the running cluster
#   .ci/pg.sh stop    # stop it and delete the data directory
#
# State lives in $EDURETURNS_PG_DIR (default /tmp/edureturns-pg). The server binaries
# come from Debian's `postgresql` package (/usr/lib/postgresql/<ver>/bin). PostgreSQL
# refuses to run as root, so as root the cluster runs as the `postgres` user.
# The cluster is for tests only: fsync is off, and it listens on 127.0.0.1 alone.
set -euo pipefail

STATE="${EDURETURNS_PG_DIR:-/tmp/edureturns-pg}"
SUPERUSER=edureturns_ci
PASSWORD="${EDURETURNS_PG_PASSWORD:-edureturns-ci-only}"

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
    echo "$dir"
}

as_owner() {  # run a command as the cluster's owner (postgres when we are root)
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() {
    echo "postgresql+psycopg://${SUPERUSER}:${PASSWORD}@127.0.0.1:$(cat "$STATE/port")/postgres"
}

start() {
    if [ -f "$STATE/port" ] && as_owner "$(bindir)/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
        url
        return
    fi
    local bin port
    bin=$(bindir)
    port=$(free_port)
    rm -rf "$STATE"
    mkdir -p "$STATE"
    printf '%s\n' "$PASSWORD" >"$STATE/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$STATE"; fi
    as_owner "$bin/initdb" -D "$STATE/data" -U "$SUPERUSER" --pwfile="$STATE/pwfile" \
        --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log"
    as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
        -o "-k $STATE -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
    echo "$port" >"$STATE/port"
    url
}

stop() {
    [ -d "$STATE/data" ] || return 0
    as_owner "$(bindir)/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
