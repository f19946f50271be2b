#!/usr/bin/env bash
# Start a throwaway PostgreSQL server in a temporary folder (Unix socket only, no TCP port),
# run a command against it (default: the store and pipeline tests), then stop it and delete
# the folder.
#   scripts/postgres-test.sh                  # pytest -m postgres on the store/pipeline tests
#   scripts/postgres-test.sh -- CMD [ARGS...]  # any command, with $CONFLICTMAP_TEST_PG set
# Needs Debian's postgresql (initdb, pg_ctl); installs it with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN=${PGBIN:-$(find_bin)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(find_bin)
fi

TMP=$(mktemp -d /tmp/cm-pg.XXXXXX)
PORT=${PGPORT_TEST:-54329}
RUN=()
if [ "$(id -u)" -eq 0 ]; then  # the server refuses to run as root
    chown nobody "$TMP"
    RUN=(runuser -u nobody --)
fi
stop() {
    "${RUN[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap stop EXIT

"${RUN[@]}" "$PGBIN/initdb" -D "$TMP/data" -U conflictmap --auth=trust -E UTF8 --locale=C >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
    -o "-k $TMP -p $PORT -c listen_addresses=''" start >/dev/null
"${RUN[@]}" "$PGBIN/createdb" -h "$TMP" -p "$PORT" -U conflictmap conflictmap_test

export CONFLICTMAP_TEST_PG="postgresql://conflictmap@/conflictmap_test?host=$TMP&port=$PORT"
export CONFLICTMAP_REQUIRE_PG=1   # a missing server fails the run instead of skipping
if [ "${1:-}" = "--" ]; then
    shift
    "$@"
else
    "$PY" -m pytest -m postgres tests/test_store.py tests/test_pipeline.py "$@"
fi
