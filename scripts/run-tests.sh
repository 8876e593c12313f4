#!/usr/bin/env bash
# `make test`'s test run, after lint and checks: the real engines, then the suite.
#
#   1. engines for the unit and integration tests: an Elasticsearch node, Redis, an S3
#      server (moto) — each started by its script in scripts/ when not already running;
#   2. the whole suite on SQLite, then on PostgreSQL (TEST_DATABASES);
#   3. the cluster tests against a two-node Elasticsearch cluster (scripts/elasticsearch.sh cluster-start);
#   4. the stack tests against the production topology (scripts/stack.sh start).
#
# What this run started is stopped when it ends, pass or fail; what ran before it (a
# developer's own servers) is left alone. On CI (CI=true) a missing engine fails the run;
# locally the tests that need it are skipped, with the reason shown.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TEST_DATABASES="${TEST_DATABASES:-sqlite postgres}"
TEST_STAGES="${TEST_STAGES:-suite cluster stack}"
PYTEST_ARGS="${PYTEST_ARGS:-}"

started=()
cleanup() {
  local code=$?
  for (( i=${#started[@]}-1; i>=0; i-- )); do
    case "${started[$i]}" in
      stack) scripts/stack.sh stop >/dev/null 2>&1 ;;
      cluster) scripts/elasticsearch.sh cluster-stop >/dev/null 2>&1 ;;
      *) "scripts/${started[$i]}.sh" stop >/dev/null 2>&1 ;;
    esac
  done
  exit $code
}
trap cleanup EXIT

engine() {  # NAME: prints the engine's URL; remembers to stop it if this run started it
  local name=$1 url
  "scripts/$name.sh" status >/dev/null 2>&1 || started+=("$name")
  if ! url=$("scripts/$name.sh" start); then
    echo "error: $name did not start" >&2
    [ -z "${CI:-}" ] || exit 1
    return 1
  fi
  echo "$url"
}

fail_on_ci() {
  echo "error: $1" >&2
  [ -z "${CI:-}" ] || exit 1
}

# Note: `engine` runs in a command substitution (a subshell), so `started` is recorded here.
for name in elasticsearch redis s3; do
  scripts/$name.sh status >/dev/null 2>&1 || started+=("$name")
done
ELASTICSEARCH_TEST_URL=$(scripts/elasticsearch.sh start) || { fail_on_ci "Elasticsearch did not start"; ELASTICSEARCH_TEST_URL=; }
REDIS_TEST_URL=$(scripts/redis.sh start) || { fail_on_ci "Redis did not start"; REDIS_TEST_URL=; }
S3_TEST_URL=$(scripts/s3.sh start) || { fail_on_ci "the S3 server did not start"; S3_TEST_URL=; }
export ELASTICSEARCH_TEST_URL REDIS_TEST_URL S3_TEST_URL

# The cluster and stack tests have their own stages below.
SUITE_ARGS=(--ignore=tests/stack --ignore=search/tests/test_cluster.py)

for stage in $TEST_STAGES; do
  case "$stage" in
    suite)
      for db in $TEST_DATABASES; do
        echo "== tests on $db"
        if [ "$db" = postgres ]; then
          scripts/postgres.sh status >/dev/null 2>&1 || started+=(postgres)
          url=$(scripts/postgres.sh start) || exit 1
          # shellcheck disable=SC2086
          DATABASE_URL=$url $BIN/pytest "${SUITE_ARGS[@]}" $PYTEST_ARGS || exit 1
        else
          # shellcheck disable=SC2086
          # Two xdist workers on SQLite (each its own database file): the whole suite
          # passes so; PostgreSQL keeps one process. TEST_WORKERS=0 runs it in one.
          env -u DATABASE_URL $BIN/pytest "${SUITE_ARGS[@]}" -n "${TEST_WORKERS:-2}" $PYTEST_ARGS || exit 1
        fi
      done
      ;;
    cluster)
      echo "== tests on a two-node Elasticsearch cluster"
      scripts/elasticsearch.sh cluster-status >/dev/null 2>&1 || started+=(cluster)
      if urls=$(scripts/elasticsearch.sh cluster-start 2); then
        env -u DATABASE_URL ELASTICSEARCH_CLUSTER_TEST_URLS="$urls" $BIN/pytest search/tests/test_cluster.py || exit 1
        scripts/elasticsearch.sh cluster-stop >/dev/null 2>&1
      else
        fail_on_ci "the Elasticsearch cluster did not start"
      fi
      ;;
    stack)
      echo "== tests against the running stack (scripts/stack.sh)"
      started+=(stack)
      if scripts/stack.sh start >/dev/null; then
        env -u DATABASE_URL HERITAGE_STACK_ENV="$(scripts/stack.sh env)" $BIN/pytest tests/stack -m stack || exit 1
      else
        fail_on_ci "the stack did not start (see .cache/stack/*.log)"
      fi
      ;;
  esac
done
