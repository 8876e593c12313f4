#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests, or stop it.
#
#   scripts/postgres.sh start   # installs Debian's postgresql if absent, starts a
#                               # private cluster on 127.0.0.1:$PGPORT, prints DATABASE_URL
#   scripts/postgres.sh stop
#
# The cluster lives in .cache/postgres (owned by the postgres system user when run as
# root, since PostgreSQL refuses to run as root) and listens on loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR="$(pwd)/.cache/postgres/data"
LOG_FILE="$(pwd)/.cache/postgres/server.log"
PORT_FILE="$(pwd)/.cache/postgres/port"

port_is_free() {
  python3 -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); sys.exit(s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0)" "$1"
}

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bindir
  bindir=$(find_bindir || true)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL not found; installing Debian's postgresql package…" >&2
    if [ "$(id -u)" != "0" ]; then
      echo "error: PostgreSQL is not installed and this user cannot apt-get install it." >&2
      exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bindir=$(find_bindir)
  fi
  mkdir -p "$(dirname "$DATA_DIR")"
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$(dirname "$DATA_DIR")"; fi
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    # Another checkout's server may hold the usual port: take a free one instead.
    PGPORT="${PGPORT:-54329}"
    if ! port_is_free "$PGPORT"; then PGPORT=$(free_port); fi
    echo "$PGPORT" > "$PORT_FILE"
    as_owner "$bindir/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
      -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  PGPORT=$(cat "$PORT_FILE")
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'heritage') THEN
    CREATE ROLE heritage LOGIN PASSWORD 'heritage' CREATEDB;
  END IF;
END \$\$;
SQL
  if ! psql -h 127.0.0.1 -p "$PGPORT" -U postgres -lqt | cut -d '|' -f 1 | grep -qw heritage; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE heritage OWNER heritage" >/dev/null
  fi
  echo "postgres://heritage:heritage@127.0.0.1:${PGPORT}/heritage"
}

stop() {
  local bindir
  bindir=$(find_bindir || true)
  if [ -n "$bindir" ] && [ -f "$DATA_DIR/PG_VERSION" ]; then
    as_owner "$bindir/pg_ctl" -D "$DATA_DIR" -m fast stop >/dev/null 2>&1 || true
  fi
}

# Exit 0 when this checkout's server is running.
status() {
  local bindir
  bindir=$(find_bindir || true)
  [ -n "$bindir" ] && [ -f "$DATA_DIR/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
