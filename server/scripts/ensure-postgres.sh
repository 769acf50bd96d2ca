#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the tests: trust authentication, database `test`.
# When nothing answers there, it creates (once) a cluster of its own in $TASKOMATIC_PG_DIR (default:
# /var/tmp/taskomatic-pg) and starts it: fsync off, because test data need not survive a power cut, and the
# tests create and drop a database per test. A server that already answers is used as it is.
# Idempotent, and safe to run from several processes at once (they take turns through a lock file).
set -euo pipefail

host=127.0.0.1
port=5432
dir="${TASKOMATIC_PG_DIR:-/var/tmp/taskomatic-pg}"
data="$dir/data"

fail() {
  echo "ensure-postgres: $*" >&2
  exit 1
}

bindir="$(pg_config --bindir 2>/dev/null || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  # Debian installs the server binaries outside PATH, one folder per major version; take the newest.
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] ||
  fail "PostgreSQL's server binaries (initdb, pg_ctl) are not installed; install them (Debian: apt-get install postgresql) or point TASKOMATIC_TEST_DATABASE_URL at a server"

answers() {
  "$bindir/pg_isready" -q -h "$host" -p "$port" -t 1
}

# initdb and the server refuse to run as root: as root they run as the postgres user, on a folder it owns.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

mkdir -p "$dir"
exec 9>"$dir/.ensure.lock"
flock 9

if ! answers; then
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "there is no postgres user to run the server as"
    chown postgres: "$dir"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      fail "initdb failed; see $dir/initdb.log"
    cat >>"$data/postgresql.conf" <<CONF

# Written by server/scripts/ensure-postgres.sh: a throw-away server for the tests.
listen_addresses = '$host'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF
  fi
  # Its own session, so a Ctrl-C in the terminal that started the tests does not stop it. fd 9 (the lock) is
  # closed for it: a server holding it would keep every later run of this script waiting. After a crash, the
  # old server's last processes may hold its lock file for a moment: a few tries.
  started=no
  for attempt in 1 2 3 4 5; do
    if as_owner setsid "$bindir/pg_ctl" start -w -t 30 -D "$data" -l "$dir/server.log" >/dev/null 9>&-; then
      started=yes
      break
    fi
    sleep 1
  done
  [ "$started" = yes ] || fail "the server did not start; see $dir/server.log"
fi

exists="$("$bindir/psql" -h "$host" -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'test'")" ||
  fail "a server answers on $host:$port but does not let the postgres user in without a password (trust authentication)"
if [ "$exists" != "1" ]; then
  "$bindir/psql" -h "$host" -p "$port" -U postgres -d postgres -qc 'create database test' >/dev/null
fi
echo "ensure-postgres: PostgreSQL answers on $host:$port (database test)"
