#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway Debian PostgreSQL server
# (package `postgresql`) on 127.0.0.1 and a free port; stops and removes it afterwards.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "Debian PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
python=${PYTHON:-python3}
port=$($python "$(dirname "$0")/free-port.py")
data=$(mktemp -d /tmp/zt-pg.XXXXXX)
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$data"
  as_postgres=(runuser -u postgres --)
fi
cleanup() { "${as_postgres[@]}" "$bindir/pg_ctl" -D "$data/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$data"; }
trap cleanup EXIT
"${as_postgres[@]}" "$bindir/initdb" -D "$data/db" -U postgres --auth=trust >/dev/null
"${as_postgres[@]}" "$bindir/pg_ctl" -D "$data/db" -w -l "$data/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data" start >/dev/null
echo "Debian PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
"$@"
