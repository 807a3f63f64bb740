#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: `postgres.sh start DIR` makes one in DIR
# (initdb from Debian's postgresql package), listening on 127.0.0.1 only, on a free port, and writes
# its address to DIR/url; `postgres.sh stop DIR` stops it and removes DIR. Trust authentication on
# loopback: nothing else can reach it, and it is gone when the run ends.
set -euo pipefail
action="$1" dir="$(realpath -m "$2")"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "postgresql is not installed (initdb not found under /usr/lib/postgresql)" >&2; exit 1; }
# initdb and postgres refuse to run as root: the package's own user runs them.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
start)
  if [ -f "$dir/url" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then exit 0; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U gongshi --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5; do
    port=$(( 20000 + (RANDOM % 20000) ))
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
         start >/dev/null; then
      echo "postgresql://gongshi@127.0.0.1:$port/postgres" >"$dir/url"
      chmod a+r "$dir/url"
      echo "PostgreSQL for the tests on 127.0.0.1:$port ($dir)"
      exit 0
    fi
  done
  cat "$dir/server.log" >&2
  exit 1
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres.sh start|stop DIR" >&2
  exit 2
  ;;
esac
