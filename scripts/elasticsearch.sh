#!/usr/bin/env bash
# Start a throwaway single-node Elasticsearch (or a small cluster) for the tests, or stop it.
#
#   scripts/elasticsearch.sh start    # fetches Elasticsearch $ES_VERSION from Maven Central (once),
#                                     # builds + installs search/es-plugin (the english, french,
#                                     # german and arabic analyzers), starts a node on 127.0.0.1
#                                     # and prints its URL, e.g. http://127.0.0.1:9250
#   scripts/elasticsearch.sh status   # prints "URL HEALTH", or "stopped" (exit 1)
#   scripts/elasticsearch.sh stop
#
# A cluster of several nodes on 127.0.0.1, for the tests that show search works on one:
#   scripts/elasticsearch.sh cluster-start [N]  # N nodes (default 2, or $ES_CLUSTER_NODES), each
#                                               # with its own HTTP and transport ports, data
#                                               # and logs under .cache/elasticsearch-cluster/nodeK;
#                                               # a new cluster each time; waits for green with N
#                                               # nodes and prints the URLs, comma-separated
#   scripts/elasticsearch.sh cluster-status     # prints "URLS HEALTH RUNNING/N", or "stopped" (exit 1)
#   scripts/elasticsearch.sh cluster-stop
#   scripts/elasticsearch.sh node-stop K        # stop node K (1..N) cleanly
#   scripts/elasticsearch.sh node-start K       # start it again on the same ports and data, wait
#                                               # for green with every node, print its URL
# With two nodes both are master-eligible, but only one of them votes (Elasticsearch keeps
# the voting configuration odd): the cluster survives losing the other one. A production
# cluster needs three master-eligible nodes to survive losing any one.
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
# Environment: ES_PORT (preferred HTTP port, default 9250), ES_HEAP (default 512m, each node),
# ES_JAVA_HOME (a JDK >= 21; default: the newest one under /usr/lib/jvm), ES_CLUSTER_PORT and
# ES_CLUSTER_TRANSPORT_PORT (the cluster's first preferred HTTP and transport ports, default
# 9260 and 9360; node K takes the K-th, or a free port when that one is busy).
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

# Everything a node needs before it starts: the JDK (in JAVA_HOME_FOUND), the system
# user when root, the distribution and the plugin.
JAVA_HOME_FOUND=""
prepare() {
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Elasticsearch and build the plugin"
  command -v unzip >/dev/null || die "unzip is needed to unpack Elasticsearch"
  JAVA_HOME_FOUND=$(find_java_home)
  ensure_user
  fetch_distribution
  give_to_es "$ES_HOME"
  build_plugin "$JAVA_HOME_FOUND"
  install_plugin "$JAVA_HOME_FOUND"
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

  prepare
  java_home="$JAVA_HOME_FOUND"
  rm -rf "$TMP_DIR"
  mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"
  give_to_es "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"

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
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    log "not running"
    return 0
  fi
  log "stopping Elasticsearch (pid $pid)…"
  end_process "$pid"
  rm -f "$PID_FILE"
}

# SIGTERM (a clean shutdown), then SIGKILL after 60 s.
end_process() {
  local pid="$1" i
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

# ---- A cluster of several nodes on loopback (cluster-start, cluster-stop, …) ----
# Each node has its own ports, data, logs and config (a copy of the distribution's, so
# nodes starting together do not race to write one keystore) under
# .cache/elasticsearch-cluster/nodeK; they share the distribution and the plugin.
CLUSTER_DIR="$(pwd)/.cache/elasticsearch-cluster"
CLUSTER_NODES_FILE="$CLUSTER_DIR/nodes"
MULTI_CLUSTER_NAME=heritage-commons-test-cluster
PREFERRED_CLUSTER_PORT="${ES_CLUSTER_PORT:-9260}"
PREFERRED_TRANSPORT_PORT="${ES_CLUSTER_TRANSPORT_PORT:-9360}"
MAX_NODES=9

node_dir() { echo "$CLUSTER_DIR/node$1"; }
node_name() { echo "heritage-node$1"; }
node_url() { url_for "$(cat "$(node_dir "$1")/http_port")"; }
cluster_size() { cat "$CLUSTER_NODES_FILE" 2>/dev/null || echo 0; }

cluster_urls() {
  local k urls=""
  for k in $(seq 1 "$(cluster_size)"); do
    urls="${urls:+$urls,}$(node_url "$k")"
  done
  echo "$urls"
}

check_node() {
  [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$(cluster_size)" ] \
    || die "no node '$1' in the cluster (nodes 1 to $(cluster_size); run cluster-start first)"
}

# The pid of cluster node $1 if it is alive, else nothing (a stale pid file is removed).
node_pid() {
  local dir pid
  dir=$(node_dir "$1")
  [ -f "$dir/run/elasticsearch.pid" ] || return 0
  pid=$(cat "$dir/run/elasticsearch.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "org.elasticsearch" \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/"; then
    echo "$pid"
  else
    rm -f "$dir/run/elasticsearch.pid"
  fi
}

# Prints "HEALTH NODES" (e.g. "green 2") as the node on port $1 sees the cluster, or fails.
cluster_health() {
  python3 - "$1" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_cluster/health", timeout=5) as r:
        found = json.load(r)
    print(found["status"], found["number_of_nodes"])
except Exception:
    sys.exit(1)
PY
}

# $1 if it is free and not in the rest of the arguments (ports this cluster already took),
# else a free port.
pick_port() {
  local port="$1"
  shift
  if port_is_free "$port" && ! printf '%s\n' "$@" | grep -qx "$port"; then
    echo "$port"
    return
  fi
  while :; do
    port=$(free_port)
    printf '%s\n' "$@" | grep -qx "$port" || break
  done
  echo "$port"
}

show_node_logs() {
  local dir
  dir=$(node_dir "$1")
  if [ -s "$dir/logs/startup.log" ]; then
    echo "---- node $1: last lines of $dir/logs/startup.log ----" >&2
    tail -n 20 "$dir/logs/startup.log" >&2
  fi
  if [ -s "$dir/logs/$MULTI_CLUSTER_NAME.log" ]; then
    echo "---- node $1: last lines of $dir/logs/$MULTI_CLUSTER_NAME.log ----" >&2
    tail -n 20 "$dir/logs/$MULTI_CLUSTER_NAME.log" >&2
  fi
}

# Wait until the cluster is green with $1 nodes, up to $2 seconds.
wait_cluster_green() {
  local want="$1" deadline=$((SECONDS + $2)) k state="" alive
  while [ "$SECONDS" -lt "$deadline" ]; do
    alive=0
    for k in $(seq 1 "$(cluster_size)"); do
      [ -n "$(node_pid "$k")" ] || continue
      alive=1
      state=$(cluster_health "$(cat "$(node_dir "$k")/http_port")" || true)
      [ "$state" = "green $want" ] && return 0
      [ -z "$state" ] || break  # the first node that answers speaks for the cluster
    done
    if [ "$alive" = 0 ]; then
      log "no node of the cluster is running"
      return 1
    fi
    sleep 1
  done
  log "the cluster did not reach green health with $want nodes within $2 s (last seen: ${state:-no answer})"
  return 1
}

# Start node $1 of the cluster (detached); $2=1 bootstraps a new cluster (a node that
# rejoins knows its cluster from its data, and must not be given initial_master_nodes).
launch_node() {
  local k="$1" bootstrap="$2" dir i seeds="" masters=""
  dir=$(node_dir "$k")
  for i in $(seq 1 "$(cluster_size)"); do
    seeds="${seeds:+$seeds,}127.0.0.1:$(cat "$(node_dir "$i")/transport_port")"
    masters="${masters:+$masters,}$(node_name "$i")"
  done
  local bootstrap_settings=()
  if [ "$bootstrap" = 1 ]; then
    bootstrap_settings=(-E cluster.initial_master_nodes="$masters")
  fi
  rm -rf "$dir/tmp"
  mkdir -p "$dir/data" "$dir/logs" "$dir/run" "$dir/tmp"
  [ -d "$dir/config" ] || cp -r "$ES_HOME/config" "$dir/config"
  : >"$dir/logs/startup.log"
  give_to_es "$dir"
  (
    cd "$dir/logs"
    as_es env ES_JAVA_HOME="$JAVA_HOME_FOUND" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" ES_TMPDIR="$dir/tmp" \
      ES_PATH_CONF="$dir/config" \
      timeout "$START_TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$dir/run/elasticsearch.pid" \
      -E cluster.name="$MULTI_CLUSTER_NAME" \
      -E node.name="$(node_name "$k")" \
      -E network.host=127.0.0.1 \
      -E http.port="$(cat "$dir/http_port")" \
      -E transport.port="$(cat "$dir/transport_port")" \
      -E discovery.seed_hosts="$seeds" \
      "${bootstrap_settings[@]}" \
      -E path.data="$dir/data" \
      -E path.logs="$dir/logs" \
      -E xpack.security.enabled=false \
      -E xpack.security.http.ssl.enabled=false \
      -E xpack.security.transport.ssl.enabled=false \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E action.destructive_requires_name=false \
      </dev/null >>"$dir/logs/startup.log" 2>&1
  )
}

cluster_start() {
  local n="${1:-${ES_CLUSTER_NODES:-2}}" k pid running=0 failed=0 http transport
  local taken=() launchers=()
  [[ "$n" =~ ^[1-9]$ ]] || die "cluster-start takes a number of nodes from 1 to $MAX_NODES, not '$n'"
  for k in $(seq 1 "$(cluster_size)"); do
    if [ -n "$(node_pid "$k")" ]; then running=$((running + 1)); fi
  done

  # Already running (perhaps still starting, or with a node stopped): start what is
  # missing, wait for green and print the URLs.
  if [ "$running" -gt 0 ]; then
    [ "$(cluster_size)" = "$n" ] \
      || die "a cluster of $(cluster_size) nodes is running; stop it first: $0 cluster-stop"
    for k in $(seq 1 "$n"); do
      if [ -z "$(node_pid "$k")" ]; then node_start "$k" >/dev/null; fi
    done
    if ! wait_cluster_green "$n" "$START_TIMEOUT"; then
      for k in $(seq 1 "$n"); do show_node_logs "$k"; done
      die "the running cluster is not healthy; try: $0 cluster-stop && $0 cluster-start $n"
    fi
    cluster_urls
    return 0
  fi

  prepare
  # A new cluster every time: data left by a cluster of another size, or by a start
  # that never finished bootstrapping, would keep this one from forming.
  rm -rf "$CLUSTER_DIR"
  mkdir -p "$CLUSTER_DIR"
  echo "$n" >"$CLUSTER_NODES_FILE"
  for k in $(seq 1 "$n"); do
    mkdir -p "$(node_dir "$k")"
    http=$(pick_port $((PREFERRED_CLUSTER_PORT + k - 1)) "${taken[@]}")
    taken+=("$http")
    transport=$(pick_port $((PREFERRED_TRANSPORT_PORT + k - 1)) "${taken[@]}")
    taken+=("$transport")
    echo "$http" >"$(node_dir "$k")/http_port"
    echo "$transport" >"$(node_dir "$k")/transport_port"
  done
  give_to_es "$CLUSTER_DIR"

  log "starting a cluster of $n Elasticsearch $ES_VERSION nodes on $(cluster_urls) (Java: $JAVA_HOME_FOUND)…"
  # All at once: a node's launcher waits for it to join a cluster, which needs the others.
  for k in $(seq 1 "$n"); do
    launch_node "$k" 1 &
    launchers+=($!)
  done
  for pid in "${launchers[@]}"; do
    wait "$pid" || failed=1
  done
  if [ "$failed" = 1 ] || ! wait_cluster_green "$n" "$START_TIMEOUT"; then
    log "the cluster failed to start"
    for k in $(seq 1 "$n"); do show_node_logs "$k"; done
    cluster_stop
    exit 1
  fi
  cluster_urls
}

cluster_stop() {
  local k pid enders=()
  for k in $(seq 1 "$(cluster_size)"); do
    pid=$(node_pid "$k")
    [ -n "$pid" ] || continue
    log "stopping node $k (pid $pid)…"
    end_process "$pid" &
    enders+=($!)
  done
  if [ "${#enders[@]}" = 0 ]; then
    log "cluster not running"
    return 0
  fi
  for pid in "${enders[@]}"; do
    wait "$pid" || true
  done
  rm -f "$CLUSTER_DIR"/node*/run/elasticsearch.pid
}

cluster_status() {
  local k n port="" running=0 state
  n=$(cluster_size)
  for k in $(seq 1 "$n"); do
    [ -n "$(node_pid "$k")" ] || continue
    running=$((running + 1))
    [ -n "$port" ] || port=$(cat "$(node_dir "$k")/http_port")
  done
  if [ "$running" = 0 ]; then
    echo "stopped"
    exit 1
  fi
  if state=$(cluster_health "$port"); then
    echo "$(cluster_urls) ${state% *} ${state#* }/$n"
  else
    echo "$(cluster_urls) not-responding"
    exit 1
  fi
}

node_stop() {
  local k="$1" pid
  check_node "$k"
  pid=$(node_pid "$k")
  if [ -z "$pid" ]; then
    log "node $k is not running"
    return 0
  fi
  log "stopping node $k (pid $pid)…"
  end_process "$pid"
  rm -f "$(node_dir "$k")/run/elasticsearch.pid"
}

# Start node $1 again on its own ports and data, wait until the cluster is green with
# every node, and print the node's URL.
node_start() {
  local k="$1"
  check_node "$k"
  if [ -z "$(node_pid "$k")" ]; then
    JAVA_HOME_FOUND=$(find_java_home)
    log "starting node $k on $(node_url "$k")…"
    if ! launch_node "$k" 0 || [ -z "$(node_pid "$k")" ]; then
      show_node_logs "$k"
      die "node $k failed to start"
    fi
  fi
  if ! wait_cluster_green "$(cluster_size)" "$START_TIMEOUT"; then
    show_node_logs "$k"
    die "node $k started but the cluster is not green with $(cluster_size) nodes"
  fi
  node_url "$k"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  cluster-start) cluster_start "${2:-}" ;;
  cluster-stop) cluster_stop ;;
  cluster-status) cluster_status ;;
  node-stop) node_stop "${2:-}" ;;
  node-start) node_start "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status | cluster-start [NODES]|cluster-stop|cluster-status | node-stop K|node-start K" >&2
    exit 2
    ;;
esac
