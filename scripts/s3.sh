#!/usr/bin/env bash
# Start a throwaway S3-compatible server for the tests and the local stack, or stop it.
#
#   scripts/s3.sh start    # starts moto's S3 server on 127.0.0.1 (a free port), prints its URL
#   scripts/s3.sh stop
#   scripts/s3.sh status   # exit 0 when this checkout's server answers
#
# Why moto's server mode rather than S3Proxy: both speak the real S3 HTTP API on
# loopback, but moto installs with pip (moto[server] is a dev dependency, already in
# .venv), so nothing else is needed, while S3Proxy needs a JDK and a jar from Maven
# Central. moto implements what we rely on: path-style buckets, multipart uploads,
# server-side (multipart) copies, byte ranges on GET, and presigned URLs, which it
# serves without checking their signatures (it does not check keys either) — enough to
# show that a deleted key's old URL answers 404. Its objects live in the server
# process's memory: .cache/s3/ holds only the pid, the port and the log, and a restart
# starts empty.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE_DIR="$(pwd)/.cache/s3"
PID_FILE="$STATE_DIR/pid"
PORT_FILE="$STATE_DIR/port"
LOG_FILE="$STATE_DIR/server.log"
MOTO_SERVER="$(pwd)/.venv/bin/moto_server"
PYTHON="$(pwd)/.venv/bin/python"

free_port() {
  "$PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

endpoint() {
  echo "http://127.0.0.1:$(cat "$PORT_FILE")"
}

# Does the server answer an S3 request (ListBuckets)? Bounded, no sleeping beyond the attempts.
answers() {
  [ -f "$PORT_FILE" ] || return 1
  "$PYTHON" - "$(endpoint)" <<'PY' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/", timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
PY
}

running() {
  [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

start() {
  if [ ! -x "$MOTO_SERVER" ]; then
    echo "error: $MOTO_SERVER not found; install the dev dependencies (.venv/bin/pip install -e '.[dev]')." >&2
    exit 1
  fi
  mkdir -p "$STATE_DIR"
  if running && answers; then
    endpoint
    return
  fi
  local port
  port=$(free_port)
  echo "$port" > "$PORT_FILE"
  nohup "$MOTO_SERVER" -H 127.0.0.1 -p "$port" >"$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  local attempt
  for attempt in $(seq 1 100); do
    if answers; then
      endpoint
      return
    fi
    if ! running; then
      echo "error: moto_server exited; see $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "error: moto_server did not answer on 127.0.0.1:$port after 100 attempts; see $LOG_FILE." >&2
  stop
  exit 1
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    kill "$pid" 2>/dev/null || true
    local attempt
    for attempt in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
}

status() {
  running && answers
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
