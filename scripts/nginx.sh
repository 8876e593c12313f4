#!/usr/bin/env bash
# nginx in front of the web processes: page cache with PURGE, static and media files,
# recordings by X-Accel-Redirect (deploy/nginx/heritage.conf.template).
#
#   scripts/nginx.sh start    # installs Debian's nginx and libnginx-mod-http-cache-purge if
#                             # absent, renders the template into .cache/nginx/heritage.conf,
#                             # starts nginx on 127.0.0.1 and prints its URL
#   scripts/nginx.sh stop
#   scripts/nginx.sh status   # exit 0 when this checkout's nginx is running (prints its URL)
#   scripts/nginx.sh purge-url   # where Django sends PURGE requests (HERITAGE_PURGE_URL)
#
# Read from the environment (defaults in brackets):
#   NGINX_UPSTREAMS (or STACK_UPSTREAMS)  "127.0.0.1:8001 127.0.0.1:8002"  [127.0.0.1:8000]
#   NGINX_PORT        [a free port]       NGINX_PURGE_PORT [a free port]       NGINX_LISTEN  [127.0.0.1]
#   NGINX_STATE       [.cache/nginx]      NGINX_CACHE_SIZE [1g]   NGINX_USER [www-data when root]
#   STATIC_ROOT [staticfiles]  MEDIA_ROOT [media]  HERITAGE_PRIVATE_MEDIA_ROOT [private-media]
#   HERITAGE_X_ACCEL_PREFIX [/_private/]  HERITAGE_RECORDING_MAX_BYTES [2 GiB + 1 MiB of form]
#
# Django's side: HERITAGE_PURGE_URL=$(scripts/nginx.sh purge-url), HERITAGE_RECORDING_DELIVERY=x-accel.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
STATE="${NGINX_STATE:-$ROOT/.cache/nginx}"
CONF="$STATE/heritage.conf"
PID_FILE="$STATE/nginx.pid"
URL_FILE="$STATE/url"
NGINX=/usr/sbin/nginx
MODULES=/usr/lib/nginx/modules

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

install() {
  if [ -x "$NGINX" ] && [ -f "$MODULES/ngx_http_cache_purge_module.so" ]; then return; fi
  if [ "$(id -u)" != "0" ]; then
    echo "error: nginx or its cache-purge module is missing and this user cannot apt-get install them" \
         "(apt-get install nginx libnginx-mod-http-cache-purge)." >&2
    exit 1
  fi
  echo "nginx not found; installing Debian's nginx and libnginx-mod-http-cache-purge…" >&2
  # Debian would start the packaged service on port 80 of every interface: not here.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq nginx libnginx-mod-http-cache-purge >&2
}

render() {
  local upstreams="" server
  for server in ${NGINX_UPSTREAMS:-${STACK_UPSTREAMS:-127.0.0.1:8000}}; do
    upstreams+="server $server max_fails=3 fail_timeout=10s; "
  done
  local user="${NGINX_USER:-}"
  if [ -z "$user" ]; then
    if [ "$(id -u)" = "0" ]; then user=www-data; else user="$(id -un)"; fi
  fi
  NGINX_UPSTREAMS="$upstreams" NGINX_USER="$user" NGINX_STATE="$STATE" NGINX_MODULES="$MODULES" \
  NGINX_PORT="$1" NGINX_PURGE_PORT="$2" NGINX_LISTEN="${NGINX_LISTEN:-127.0.0.1}" NGINX_CACHE_SIZE="${NGINX_CACHE_SIZE:-1g}" \
  STATIC_ROOT="$(realpath -m "${STATIC_ROOT:-$ROOT/staticfiles}")" \
  MEDIA_ROOT="$(realpath -m "${MEDIA_ROOT:-$ROOT/media}")" \
  HERITAGE_PRIVATE_MEDIA_ROOT="$(realpath -m "${HERITAGE_PRIVATE_MEDIA_ROOT:-$ROOT/private-media}")" \
  HERITAGE_X_ACCEL_PREFIX="${HERITAGE_X_ACCEL_PREFIX:-/_private/}" \
  HERITAGE_RECORDING_MAX_BYTES="$(( ${HERITAGE_RECORDING_MAX_BYTES:-2147483648} + 1048576 ))" \
  python3 - deploy/nginx/heritage.conf.template "$CONF" <<'PYTHON'
import os, re, sys

NAMES = ("NGINX_PURGE_PORT NGINX_UPSTREAMS NGINX_USER NGINX_STATE NGINX_MODULES NGINX_PORT NGINX_LISTEN NGINX_CACHE_SIZE "
         "STATIC_ROOT MEDIA_ROOT HERITAGE_PRIVATE_MEDIA_ROOT HERITAGE_X_ACCEL_PREFIX HERITAGE_RECORDING_MAX_BYTES").split()
template = open(sys.argv[1]).read()
# Only ${NAME} for the names above (envsubst with a list): nginx's own $variables stay.
text = re.sub(r"\$\{(" + "|".join(NAMES) + r")\}", lambda m: os.environ[m.group(1)], template)
open(sys.argv[2], "w").write(text)
PYTHON
}

start() {
  install
  mkdir -p "$STATE"
  if running; then cat "$URL_FILE"; return; fi
  local port="${NGINX_PORT:-}"
  [ -n "$port" ] || port=$(free_port)
  local purge_port="${NGINX_PURGE_PORT:-}"
  [ -n "$purge_port" ] || purge_port=$(free_port)
  render "$port" "$purge_port"
  for dir in pages client_body proxy fastcgi uwsgi scgi; do mkdir -p "$STATE/$dir"; done
  if [ "$(id -u)" = "0" ]; then chown -R "$(grep -oP '^user \K[^;]+' "$CONF")" "$STATE"; fi
  "$NGINX" -t -q -c "$CONF" -p "$STATE" -g "error_log $STATE/error.log warn;" >&2
  # nginx detaches its master process itself and writes $PID_FILE; no service manager.
  "$NGINX" -c "$CONF" -p "$STATE" -g "error_log $STATE/error.log warn;"
  for _ in $(seq 1 100); do running && break; sleep 0.1; done
  running || { echo "error: nginx did not start (see $STATE/error.log)" >&2; exit 1; }
  echo "http://${NGINX_LISTEN:-127.0.0.1}:$port" > "$URL_FILE"
  echo "http://127.0.0.1:$purge_port" > "$STATE/purge-url"
  cat "$URL_FILE"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    "$NGINX" -c "$CONF" -p "$STATE" -g "error_log $STATE/error.log warn;" -s quit 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
  fi
  rm -f "$URL_FILE" "$STATE/purge-url"
}

status() {
  running && cat "$URL_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  purge-url) running && cat "$STATE/purge-url" ;;
  *) echo "usage: $0 start|stop|status|purge-url" >&2; exit 2 ;;
esac
