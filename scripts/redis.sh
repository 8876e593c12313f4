#!/usr/bin/env bash
# Start a private Redis server (the shared cache and locks), or stop it.
#
#   scripts/redis.sh start    # installs Debian's redis-server if absent, starts it on
#                             # 127.0.0.1:$REDIS_PORT (a free port if taken), prints REDIS_URL
#   scripts/redis.sh stop
#   scripts/redis.sh status   # exit 0 when this checkout's server answers
#
# Data, pid and log live in .cache/redis; nothing is persisted to disk (a cache).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="$(pwd)/.cache/redis"
PID_FILE="$DIR/redis.pid"
PORT_FILE="$DIR/port"
LOG_FILE="$DIR/server.log"

port_is_free() {
  python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0)" "$1"
}

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

answers() {
  [ -f "$PORT_FILE" ] && redis-cli -h 127.0.0.1 -p "$(cat "$PORT_FILE")" ping 2>/dev/null | grep -q PONG
}

start() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis not found; installing Debian's redis-server package…" >&2
    if [ "$(id -u)" != "0" ]; then
      echo "error: redis-server is not installed and this user cannot apt-get install it." >&2
      exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 redis-server >&2
  fi
  mkdir -p "$DIR"
  if ! answers; then
    local port="${REDIS_PORT:-63790}"
    if ! port_is_free "$port"; then port=$(free_port); fi
    echo "$port" > "$PORT_FILE"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --daemonize yes \
      --pidfile "$PID_FILE" --logfile "$LOG_FILE" --dir "$DIR" --save "" --appendonly no \
      --maxmemory 256mb --maxmemory-policy allkeys-lru >/dev/null
    for _ in $(seq 1 100); do
      answers && break
      sleep 0.1
    done
    answers || { echo "error: Redis did not start; see $LOG_FILE" >&2; exit 1; }
  fi
  echo "redis://127.0.0.1:$(cat "$PORT_FILE")/0"
}

stop() {
  if answers; then
    redis-cli -h 127.0.0.1 -p "$(cat "$PORT_FILE")" shutdown nosave >/dev/null 2>&1 || true
  elif [ -f "$PID_FILE" ]; then
    kill "$(cat "$PID_FILE")" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

status() {
  answers
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
