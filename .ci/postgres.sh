# Starts a private PostgreSQL cluster on a free local port; exports TEST_DATABASE_URL.
# Installs PostgreSQL from Debian when it is missing. Source it, then call start_postgres.
PG_PORT="${PG_PORT:-55432}"

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

start_postgres() {
  if ! PG_BIN=$(find_pg_bin); then
    echo "PostgreSQL not found: installing it from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  fi
  PG_DIR=$(mktemp -d /tmp/ledgerline-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$PG_DIR/data' -A trust -U postgres --no-sync -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/log' -w -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >/dev/null"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_BIN PG_DIR
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m immediate stop >/dev/null" || true
  rm -rf "$PG_DIR"
}
