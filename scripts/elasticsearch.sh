#!/usr/bin/env bash
# Start a throwaway single-node Elasticsearch for the tests, or stop it.
#
#   scripts/elasticsearch.sh start    # fetches Elasticsearch $ES_VERSION from Maven Central (once),
#                                     # builds + installs search/es-plugin (the english, french,
#                                     # german and arabic analyzers), starts a node on 127.0.0.1
#                                     # and prints its URL, e.g. http://127.0.0.1:9250
#   scripts/elasticsearch.sh status   # prints "URL HEALTH", or "stopped" (exit 1)
#   scripts/elasticsearch.sh stop
#
# Only the URL goes to stdout; progress and errors go to stderr, so
#   ELASTICSEARCH_URL=$(scripts/elasticsearch.sh start)
# works. Everything lives in .cache/elasticsearch. The distribution is the integ-test zip
# (the only one on Maven Central): no bundled JDK and no analysis-common module, hence the
# heritage-analysis plugin. Security is off: plain HTTP on loopback, no passwords.
#
# Elasticsearch refuses to run as root: as root (CI) the node runs as the system user
# $ES_USER (created if missing); otherwise it runs as the current user.
#
# Environment: ES_PORT (preferred HTTP port, default 9250), ES_HEAP (default 512m),
# ES_JAVA_HOME (a JDK >= 21; default: the newest one under /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."

ES_VERSION=9.2.4
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
ES_USER=eshc
PREFERRED_PORT="${ES_PORT:-9250}"
HEAP="${ES_HEAP:-512m}"
START_TIMEOUT=120
CLUSTER_NAME=heritage-commons-test

CACHE_DIR="$(pwd)/.cache/elasticsearch"
ES_ZIP="$CACHE_DIR/elasticsearch-${ES_VERSION}.zip"
ES_HOME="$CACHE_DIR/elasticsearch-${ES_VERSION}"
DATA_DIR="$CACHE_DIR/data"
LOG_DIR="$CACHE_DIR/logs"
RUN_DIR="$CACHE_DIR/run"
TMP_DIR="$CACHE_DIR/tmp"  # ES_TMPDIR: else every start leaves a /tmp/elasticsearch-* behind
PID_FILE="$RUN_DIR/elasticsearch.pid"
PORT_FILE="$CACHE_DIR/port"
STARTUP_LOG="$LOG_DIR/startup.log"
MVN_LOG="$CACHE_DIR/maven.log"

PLUGIN_NAME=heritage-analysis
PLUGIN_PROJECT="$(pwd)/search/es-plugin"
PLUGIN_ZIP="$PLUGIN_PROJECT/target/${PLUGIN_NAME}-1.0.0.zip"
INSTALLED_PLUGIN_ZIP="$CACHE_DIR/plugin/${PLUGIN_NAME}.zip"  # copy of the zip last installed

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }

# Run a command as the user that owns the node.
as_es() {
  if is_root; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  is_root || return 0
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log "creating system user $ES_USER (Elasticsearch refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  fi
}

give_to_es() {
  if is_root; then chown -R "$ES_USER:" "$@"; fi
}

# The newest JDK >= 21: $ES_JAVA_HOME if set, else the newest under /usr/lib/jvm.
find_java_home() {
  local dir major best="" best_major=0
  if [ -n "${ES_JAVA_HOME:-}" ]; then
    [ -x "$ES_JAVA_HOME/bin/java" ] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
    echo "$ES_JAVA_HOME"
    return
  fi
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -L "$dir" ] && continue  # skip aliases such as openjdk-17 -> java-17-openjdk-amd64
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] && [ -f "$dir/release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"
      best_major="$major"
    fi
  done
  [ -n "$best" ] || die "no JDK >= 21 found under /usr/lib/jvm (Elasticsearch $ES_VERSION needs one; the integ-test zip bundles none). Install one, e.g. apt-get install openjdk-21-jdk-headless, or set ES_JAVA_HOME."
  echo "$best"
}

port_is_free() {
  python3 -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); sys.exit(s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0)" "$1"
}

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

url_for() { echo "http://127.0.0.1:$1"; }

# Prints the cluster health (green/yellow/red) of the node on port $1, or fails.
health() {
  python3 - "$1" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_cluster/health", timeout=5) as r:
        print(json.load(r)["status"])
except Exception:
    sys.exit(1)
PY
}

# The pid of our node if it is alive, else nothing (and a stale pid file is removed).
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 0
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "org.elasticsearch" \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$ES_HOME"; then
    echo "$pid"
  else
    rm -f "$PID_FILE"
  fi
}

# The tail of the launcher's output and of what the node logged since this start (its log
# file is appended to across runs; LOG_OFFSET is its size before the start).
LOG_OFFSET=0
show_logs() {
  local node_log="$LOG_DIR/$CLUSTER_NAME.log"
  if [ -s "$STARTUP_LOG" ]; then
    echo "---- last lines of $STARTUP_LOG ----" >&2
    tail -n 30 "$STARTUP_LOG" >&2
  fi
  if [ -s "$node_log" ] && [ "$(stat -c %s "$node_log")" -gt "$LOG_OFFSET" ]; then
    echo "---- last lines of $node_log ----" >&2
    tail -c +"$((LOG_OFFSET + 1))" "$node_log" | tail -n 30 >&2
  fi
}

# Wait until the node on port $1 (pid $2) reports yellow or green, up to $3 seconds.
wait_healthy() {
  local port="$1" pid="$2" deadline=$((SECONDS + $3)) status
  while [ "$SECONDS" -lt "$deadline" ]; do
    status=$(health "$port" || true)
    case "$status" in
      green|yellow) return 0 ;;
    esac
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "the node (pid $pid) exited during startup"
      return 1
    fi
    sleep 1
  done
  log "the node did not reach yellow/green health within $3 s"
  return 1
}

# Run Maven quietly with its output in file $1 (Maven writes to stdout, which must carry
# nothing but the URL); on failure show the end of that output on stderr.
run_mvn() {
  local out="$1"
  shift
  if mvn -q -B "$@" >"$out" 2>&1; then
    return 0
  fi
  [ "$out" = /dev/null ] || tail -n 30 "$out" >&2
  return 1
}

fetch_distribution() {
  [ -d "$ES_HOME/bin" ] && return 0
  mkdir -p "$CACHE_DIR"
  if [ ! -s "$ES_ZIP" ]; then
    log "fetching Elasticsearch $ES_VERSION (~100 MB) from Maven Central…"
    run_mvn "$MVN_LOG" "$DEPENDENCY_PLUGIN:copy" -Dartifact="$ES_ARTIFACT" \
      -DoutputDirectory="$CACHE_DIR" -Dmdep.stripVersion=false \
      || die "could not fetch $ES_ARTIFACT with Maven"
    [ -s "$ES_ZIP" ] || die "Maven did not produce $ES_ZIP"
  fi
  log "unpacking $(basename "$ES_ZIP")…"
  local tmp="$CACHE_DIR/unpack.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  unzip -q "$ES_ZIP" -d "$tmp" || die "could not unpack $ES_ZIP"
  [ -d "$tmp/elasticsearch-$ES_VERSION/bin" ] || die "unexpected layout in $ES_ZIP"
  mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$tmp"
}

# Build search/es-plugin when its zip is missing or older than its sources.
build_plugin() {
  local java_home="$1"
  if [ -f "$PLUGIN_ZIP" ] && [ -z "$(find "$PLUGIN_PROJECT/pom.xml" "$PLUGIN_PROJECT/src" -newer "$PLUGIN_ZIP" -print -quit)" ]; then
    return 0
  fi
  log "building the $PLUGIN_NAME plugin…"
  # Offline first (fast, and works without a network once ~/.m2 is filled), then online.
  JAVA_HOME="$java_home" run_mvn /dev/null -o -f "$PLUGIN_PROJECT/pom.xml" package \
    || JAVA_HOME="$java_home" run_mvn "$MVN_LOG" -f "$PLUGIN_PROJECT/pom.xml" package \
    || die "could not build $PLUGIN_PROJECT"
  [ -f "$PLUGIN_ZIP" ] || die "the build did not produce $PLUGIN_ZIP"
}

# Install the plugin unless this very zip is already installed.
install_plugin() {
  local java_home="$1"
  if [ -d "$ES_HOME/plugins/$PLUGIN_NAME" ] && [ -f "$INSTALLED_PLUGIN_ZIP" ] \
    && cmp -s "$PLUGIN_ZIP" "$INSTALLED_PLUGIN_ZIP"; then
    return 0
  fi
  mkdir -p "$(dirname "$INSTALLED_PLUGIN_ZIP")"
  cp "$PLUGIN_ZIP" "$INSTALLED_PLUGIN_ZIP.new"
  give_to_es "$(dirname "$INSTALLED_PLUGIN_ZIP")"
  if [ -d "$ES_HOME/plugins/$PLUGIN_NAME" ]; then
    log "removing the previous $PLUGIN_NAME plugin…"
    as_es env ES_JAVA_HOME="$java_home" "$ES_HOME/bin/elasticsearch-plugin" remove "$PLUGIN_NAME" >&2
  fi
  log "installing the $PLUGIN_NAME plugin…"
  as_es env ES_JAVA_HOME="$java_home" "$ES_HOME/bin/elasticsearch-plugin" install --batch \
    "file://$INSTALLED_PLUGIN_ZIP.new" >&2 || die "could not install $PLUGIN_ZIP"
  mv "$INSTALLED_PLUGIN_ZIP.new" "$INSTALLED_PLUGIN_ZIP"
}

start() {
  local pid port java_home

  # Already running: wait for it to be healthy (it may still be starting) and print its URL.
  pid=$(running_pid)
  if [ -n "$pid" ] && [ -f "$PORT_FILE" ]; then
    port=$(cat "$PORT_FILE")
    if wait_healthy "$port" "$pid" "$START_TIMEOUT"; then
      url_for "$port"
      return 0
    fi
    show_logs
    die "the running node (pid $pid) is not healthy; try: $0 stop && $0 start"
  fi

  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Elasticsearch and build the plugin"
  command -v unzip >/dev/null || die "unzip is needed to unpack Elasticsearch"
  java_home=$(find_java_home)
  ensure_user

  fetch_distribution
  rm -rf "$TMP_DIR"
  mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"
  give_to_es "$ES_HOME" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"
  build_plugin "$java_home"
  install_plugin "$java_home"

  # Another checkout's node (or anything else) may hold the usual port: take a free one.
  port="$PREFERRED_PORT"
  if ! port_is_free "$port"; then
    port=$(free_port)
    log "port $PREFERRED_PORT is busy; using $port"
  fi
  echo "$port" >"$PORT_FILE"

  log "starting Elasticsearch $ES_VERSION on $(url_for "$port") (Java: $java_home)…"
  rm -f "$PID_FILE"
  LOG_OFFSET=$(stat -c %s "$LOG_DIR/$CLUSTER_NAME.log" 2>/dev/null || echo 0)
  : >"$STARTUP_LOG"
  give_to_es "$STARTUP_LOG"
  # -d detaches once the node is up; -p records the server's pid. The working directory is
  # the log dir, where the JVM writes gc.log and any crash files.
  local launched=0
  (
    cd "$LOG_DIR"
    as_es env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" ES_TMPDIR="$TMP_DIR" \
      timeout "$START_TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
      -E cluster.name="$CLUSTER_NAME" \
      -E node.name=heritage-test \
      -E discovery.type=single-node \
      -E network.host=127.0.0.1 \
      -E http.port="$port" \
      -E path.data="$DATA_DIR" \
      -E path.logs="$LOG_DIR" \
      -E xpack.security.enabled=false \
      -E xpack.security.http.ssl.enabled=false \
      -E xpack.security.transport.ssl.enabled=false \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E action.destructive_requires_name=false \
      </dev/null >>"$STARTUP_LOG" 2>&1
  ) || launched=$?
  pid=$(running_pid)
  if [ "$launched" != 0 ] || [ -z "$pid" ]; then
    log "Elasticsearch failed to start (launcher exit code $launched)"
    show_logs
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    exit 1
  fi
  if ! wait_healthy "$port" "$pid" "$START_TIMEOUT"; then
    show_logs
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  url_for "$port"
}

stop() {
  local pid i
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    log "not running"
    return 0
  fi
  log "stopping Elasticsearch (pid $pid)…"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after 60 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 10); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
  fi
  rm -f "$PID_FILE"
}

status() {
  local pid port state
  pid=$(running_pid)
  if [ -z "$pid" ] || [ ! -f "$PORT_FILE" ]; then
    echo "stopped"
    exit 1
  fi
  port=$(cat "$PORT_FILE")
  if state=$(health "$port"); then
    echo "$(url_for "$port") $state"
  else
    echo "$(url_for "$port") not-responding"
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
