#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the fleet tests (no systemd needed): initdb +
# pg_ctl as the unprivileged `postgres` user, trust authentication on 127.0.0.1 only.
# Usage: Tests/postgres-cluster.sh start [DIR] [PORT]   prints the export line for the tests
#        Tests/postgres-cluster.sh restart [DIR] [PORT]   stop, then start again (a fleet test's outage)
#        Tests/postgres-cluster.sh stop  [DIR]
# Needs Debian's postgresql package (`apt-get install -y postgresql`).
set -euo pipefail
action=${1:?start or stop}
dir=${2:-/tmp/regiond-postgres}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "no PostgreSQL server: apt-get install -y postgresql" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

case $action in
start)
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
        as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "export REGIOND_TEST_POSTGRES=postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null
    ;;
restart)
    "$0" stop "$dir" && "$0" start "$dir" "$port" >/dev/null
    ;;
*) echo "start or stop" >&2; exit 2 ;;
esac
