#!/usr/bin/env bash
# The production topology on this machine, every piece on 127.0.0.1:
#
#   nginx (front: cache, static, X-Accel) ─► web1, web2 (gunicorn, production settings)
#   worker (manage.py worker: django-tasks-db)      PostgreSQL · Redis · Elasticsearch · S3 (moto)
#
#   scripts/stack.sh start [--demo]      # starts everything, migrates, collects static files,
#                                        # seeds a small tree and an admin login (the whole demo
#                                        # with --demo); prints the front URL
#   scripts/stack.sh stop                # stops what start started (engines that were already
#                                        # running before are left alone)
#   scripts/stack.sh status              # one line per process; exit 1 if any is down
#   scripts/stack.sh env                 # the environment file (source it to run manage.py against the stack)
#   scripts/stack.sh reload              # new code or configuration, same data (web, worker, nginx)
#   scripts/stack.sh worker-start|worker-kill|es-stop|es-start   # for the stack tests
#
# State lives in .cache/stack/ (pid files, logs, env). See docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DIR="$ROOT/.cache/stack"
ENV_FILE="$DIR/env"
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"

free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

log() { echo "stack: $*" >&2; }

load_env() {
  [ -f "$ENV_FILE" ] || { echo "error: the stack was never started (no $ENV_FILE)" >&2; exit 1; }
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() {  # URL, what
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null --max-time 5 "$1"; then return 0; fi
    sleep 0.2
  done
  echo "error: $2 did not answer at $1 (see $DIR/*.log)" >&2
  return 1
}

start_web() {  # N
  local port_var="STACK_WEB$1_PORT"
  local port="${!port_var}"
  if alive "$DIR/web$1.pid"; then return; fi
  "$GUNICORN" -c deploy/gunicorn.conf.py heritage.wsgi --bind "127.0.0.1:$port" --workers 2 --threads 8 \
    --name "heritage-web$1" --pid "$DIR/web$1.pid" --daemon \
    --access-logfile "$DIR/web$1.access.log" --error-logfile "$DIR/web$1.log"
  wait_http "http://127.0.0.1:$port/health/" "web$1"
}

worker_start() {
  load_env
  local n
  n=$(( $(cat "$DIR/worker.count" 2>/dev/null || echo 0) + 1 ))
  echo "$n" > "$DIR/worker.count"
  setsid "$PY" manage.py worker --worker-id "stack-worker-$n" >>"$DIR/worker.log" 2>&1 < /dev/null &
  echo $! > "$DIR/worker.pid"
  log "worker $n started (pid $(cat "$DIR/worker.pid"))"
}

worker_kill() {
  if alive "$DIR/worker.pid"; then kill -KILL "$(cat "$DIR/worker.pid")"; fi
  rm -f "$DIR/worker.pid"
}

start() {
  local demo=
  [ "${1:-}" = "--demo" ] && demo=1
  mkdir -p "$DIR"
  : > "$DIR/started"
  scripts/postgres.sh status >/dev/null 2>&1 || echo postgres >> "$DIR/started"
  scripts/redis.sh status >/dev/null 2>&1 || echo redis >> "$DIR/started"
  scripts/elasticsearch.sh status >/dev/null 2>&1 || echo elasticsearch >> "$DIR/started"
  scripts/s3.sh status >/dev/null 2>&1 || echo s3 >> "$DIR/started"

  local pg_url redis_url es_url s3_url
  pg_url=$(scripts/postgres.sh start)
  redis_url=$(scripts/redis.sh start)
  es_url=$(scripts/elasticsearch.sh start)
  s3_url=$(scripts/s3.sh start)
  # The stack's own database on the same server as the tests'.
  local admin_url="${pg_url%/*}/postgres"
  local stack_db="heritage_stack"
  if ! psql "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$stack_db'" | grep -q 1; then
    psql "$admin_url" -q -c "CREATE DATABASE $stack_db OWNER heritage" >/dev/null
  fi

  local web1 web2 front
  local purge
  web1=$(free_port); web2=$(free_port); front=$(free_port); purge=$(free_port)
  cat > "$ENV_FILE" <<ENV
DJANGO_SETTINGS_MODULE=heritage.settings.production
DJANGO_SECRET_KEY=stack-$(python3 -c 'import secrets; print(secrets.token_hex(24))')
HERITAGE_BASE_URL=http://127.0.0.1:$front
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECURE_SSL_REDIRECT=0
DJANGO_SECURE_COOKIES=0
DJANGO_HSTS_SECONDS=0
DATABASE_URL=${pg_url%/*}/$stack_db
REDIS_URL=$redis_url
ELASTICSEARCH_URL=$es_url
HERITAGE_SEARCH_INDEX=heritage-stack
HERITAGE_S3_ENDPOINT_URL=$s3_url
HERITAGE_S3_BUCKET=heritage-public
HERITAGE_S3_PRIVATE_BUCKET=heritage-private
HERITAGE_S3_REGION=us-east-1
AWS_ACCESS_KEY_ID=stack
AWS_SECRET_ACCESS_KEY=stack
HERITAGE_CSP_MEDIA_ORIGINS=$s3_url
HERITAGE_OAI_REPOSITORY_IDENTIFIER=heritage.stack.test
HERITAGE_OAI_ADMIN_EMAILS=ops@heritage.stack.test
HERITAGE_TASKS=database
HERITAGE_WORKER_STALE_SECONDS=15
HERITAGE_PURGE_URL=http://127.0.0.1:$purge
STATIC_ROOT=$DIR/static
MEDIA_ROOT=$DIR/media
HERITAGE_PRIVATE_MEDIA_ROOT=$DIR/private-media
LOG_FORMAT=json
STACK_WEB1_PORT=$web1
STACK_WEB2_PORT=$web2
STACK_FRONT_PORT=$front
STACK_PURGE_PORT=$purge
STACK_WEB1=http://127.0.0.1:$web1
STACK_WEB2=http://127.0.0.1:$web2
STACK_FRONT=http://127.0.0.1:$front
ENV
  load_env
  "$PY" - <<'PYTHON'
import os
import boto3

s3 = boto3.client("s3", endpoint_url=os.environ["HERITAGE_S3_ENDPOINT_URL"], region_name="us-east-1")
existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
for name in (os.environ["HERITAGE_S3_BUCKET"], os.environ["HERITAGE_S3_PRIVATE_BUCKET"]):
    if name not in existing:
        s3.create_bucket(Bucket=name)
PYTHON
  log "migrating and collecting static files"
  "$PY" manage.py migrate --noinput -v 0 >"$DIR/migrate.log" 2>&1 || { cat "$DIR/migrate.log" >&2; exit 1; }
  "$PY" manage.py compile_translations -v 0
  "$PY" manage.py collectstatic --noinput -v 0
  if [ -n "$demo" ]; then
    log "loading the demo content"
    # The demo's access copies and indexes are made by the worker once it starts.
    "$PY" manage.py load_demo -v 0 >/dev/null
  else
    log "seeding a small tree and the admin login"
    "$PY" manage.py shell -c "from tests.stack.seed import seed; seed()"
  fi
  "$PY" manage.py sync_site  # the Site record follows HERITAGE_BASE_URL
  "$PY" manage.py search_index rebuild >/dev/null
  start_web 1
  start_web 2
  worker_start
  start_front
  echo "$STACK_FRONT"
}

start_front() {
  if [ -x scripts/nginx.sh ]; then
    STACK_UPSTREAMS="127.0.0.1:$STACK_WEB1_PORT 127.0.0.1:$STACK_WEB2_PORT" NGINX_PORT="$STACK_FRONT_PORT" \
      NGINX_PURGE_PORT="$STACK_PURGE_PORT" STATIC_ROOT="$STATIC_ROOT" MEDIA_ROOT="$MEDIA_ROOT" \
      HERITAGE_PRIVATE_MEDIA_ROOT="$HERITAGE_PRIVATE_MEDIA_ROOT" scripts/nginx.sh start >/dev/null
    wait_http "$STACK_FRONT/health/" "nginx"
  fi
}

reload() {  # new code and configuration, same data: the web processes, the worker, nginx
  load_env
  # One web process at a time (the other keeps answering); a full restart, since the
  # application is loaded before the workers fork (preload_app), which HUP keeps.
  for n in 1 2; do
    if alive "$DIR/web$n.pid"; then
      kill -TERM "$(cat "$DIR/web$n.pid")"
      for _ in $(seq 1 300); do alive "$DIR/web$n.pid" || break; sleep 0.1; done
    fi
    start_web "$n"
  done
  worker_kill_graceful
  worker_start
  [ -x scripts/nginx.sh ] && scripts/nginx.sh stop >/dev/null 2>&1 || true
  start_front
  echo "$STACK_FRONT"
}

stop() {
  [ -d "$DIR" ] || return 0
  worker_kill_graceful
  for n in 1 2; do
    if alive "$DIR/web$n.pid"; then kill -TERM "$(cat "$DIR/web$n.pid")" 2>/dev/null || true; fi
  done
  [ -x scripts/nginx.sh ] && scripts/nginx.sh stop >/dev/null 2>&1 || true
  if [ -f "$DIR/started" ]; then
    grep -qx s3 "$DIR/started" && scripts/s3.sh stop >/dev/null 2>&1 || true
    grep -qx elasticsearch "$DIR/started" && scripts/elasticsearch.sh stop >/dev/null 2>&1 || true
    grep -qx redis "$DIR/started" && scripts/redis.sh stop >/dev/null 2>&1 || true
    grep -qx postgres "$DIR/started" && scripts/postgres.sh stop >/dev/null 2>&1 || true
    rm -f "$DIR/started"
  fi
  for n in 1 2; do
    for _ in $(seq 1 100); do alive "$DIR/web$n.pid" || break; sleep 0.1; done
  done
}

worker_kill_graceful() {
  if alive "$DIR/worker.pid"; then
    kill -TERM "$(cat "$DIR/worker.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$DIR/worker.pid" || break; sleep 0.1; done
    worker_kill
  fi
}

status() {
  local bad=0
  load_env
  for n in 1 2; do
    if alive "$DIR/web$n.pid"; then echo "web$n: up (STACK_WEB$n)"; else echo "web$n: down"; bad=1; fi
  done
  if alive "$DIR/worker.pid"; then echo "worker: up"; else echo "worker: down"; bad=1; fi
  for engine in postgres redis elasticsearch s3; do
    if scripts/$engine.sh status >/dev/null 2>&1; then echo "$engine: up"; else echo "$engine: down"; bad=1; fi
  done
  if [ -x scripts/nginx.sh ]; then
    if scripts/nginx.sh status >/dev/null 2>&1; then echo "nginx: up ($STACK_FRONT)"; else echo "nginx: down"; bad=1; fi
  fi
  return $bad
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  reload) reload ;;
  status) status ;;
  env) echo "$ENV_FILE" ;;
  worker-start) worker_start ;;
  worker-kill) worker_kill ;;
  es-stop) scripts/elasticsearch.sh stop ;;
  es-start) scripts/elasticsearch.sh start ;;
  *) echo "usage: $0 start [--demo]|stop|status|env|worker-start|worker-kill|es-stop|es-start" >&2; exit 2 ;;
esac
