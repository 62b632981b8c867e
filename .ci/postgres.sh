#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the test suite and exports KICI_TEST_DATABASE_URL.
# Source it: `. .ci/postgres.sh`; it stops the server when the calling shell exits.
# Installs Debian's postgresql package when the machine has none (CI runs as root).

kici_pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(kici_pg_bindir)" ]; then
  echo "> installing PostgreSQL (Debian package postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
KICI_PG_BIN="$(kici_pg_bindir)"

# initdb refuses to run as root: run the server as the postgres account the package made.
KICI_PG_USER=postgres
KICI_PG_DIR="$(mktemp -d /tmp/kici-ci-pg.XXXXXX)"
KICI_PG_PORT="${KICI_PG_PORT:-54329}"
chown "$KICI_PG_USER" "$KICI_PG_DIR"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$KICI_PG_USER" -- "$@"; else "$@"; fi; }

as_pg "$KICI_PG_BIN/initdb" -D "$KICI_PG_DIR/data" -U kici --auth=trust -E UTF8 >/dev/null
as_pg "$KICI_PG_BIN/pg_ctl" -D "$KICI_PG_DIR/data" -l "$KICI_PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $KICI_PG_PORT -k $KICI_PG_DIR -c max_connections=300 -c fsync=off" \
  start >/dev/null

kici_pg_stop() { as_pg "$KICI_PG_BIN/pg_ctl" -D "$KICI_PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$KICI_PG_DIR"; }
trap kici_pg_stop EXIT

export KICI_TEST_DATABASE_URL="postgres://kici@127.0.0.1:$KICI_PG_PORT/postgres"
echo "> PostgreSQL $("$KICI_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$KICI_PG_PORT (KICI_TEST_DATABASE_URL)"
