#!/usr/bin/env bash
# scripts/run as a person uses it: it serves the demo, keeps its data directory and passwords
# across runs (a user added between runs is still there), stops every process it started on
# SIGTERM, and starts over only when asked with --fresh. Every wait is bounded.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
: "${GONGSHI_BIN:?GONGSHI_BIN names the gongshi to use}"
home="$(mktemp -d /tmp/gongshi-run-test.XXXXXX)"
export GONGSHI_DEMO_HOME="$home/demo"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export GONGSHI_PORT="$port"
runner=""
cleanup() {
  [ -n "$runner" ] && kill "$runner" 2>/dev/null || true
  pkill -f "$home/demo/" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- run log:" >&2; cat "$home/run.log" >&2 || true; exit 1; }

start() { # ARGS: starts scripts/run, waits (at most 120 s) until the server answers
  rm -f "$home/demo/port"
  "$ROOT/scripts/run" "$@" > "$home/run.log" 2>&1 &
  runner=$!
  for _ in $(seq 1200); do
    if [ -s "$home/demo/port" ] && curl -sf "http://127.0.0.1:$port/api/openapi.json" > /dev/null; then return; fi
    kill -0 "$runner" 2>/dev/null || fail "scripts/run ended before serving"
    sleep 0.1
  done
  fail "scripts/run did not serve within 120 s"
}
stop() { # SIGTERM to scripts/run: it and everything it started end within 20 s
  kill -TERM "$runner"
  for _ in $(seq 200); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$runner" 2>/dev/null && fail "scripts/run still running 20 s after SIGTERM"
  runner=""
  for _ in $(seq 50); do pgrep -f "$home/demo/" > /dev/null || return 0; sleep 0.1; done
  fail "processes left running after SIGTERM: $(pgrep -af "$home/demo/")"
}
users() { "$GONGSHI_BIN" user list --data-dir "$home/demo/data" | cut -f1 | sort | tr '\n' ' '; }

start
[ "$(stat -c %a "$home/demo/passwords.txt")" = 600 ] || fail "the passwords file is not mode 600"
grep -q '^admin ' "$home/demo/passwords.txt" || fail "no admin password kept"
grep -q "$(cut -d' ' -f2 "$home/demo/passwords.txt" | head -1)" "$home/run.log" && fail "a password was printed"
sum1="$(sha256sum < "$home/demo/passwords.txt")"
# The window 4 screen behind the pseudo-terminal's link is driven: its emulator got a picture.
for _ in $(seq 100); do [ -s "$home/demo/screens/window-4/screen.png" ] && break; sleep 0.1; done
[ -s "$home/demo/screens/window-4/screen.png" ] || fail "window 4's emulator got no picture"
stop

printf 'a-long-password\n' | "$GONGSHI_BIN" user add clerk --role editor --data-dir "$home/demo/data" > /dev/null
[ "$(users)" = "admin clerk editor window4 " ] || fail "users before the second run: $(users)"

start
grep -q "kept from the last run" "$home/run.log" || fail "the second run did not say it kept the data"
[ "$(users)" = "admin clerk editor window4 " ] || fail "the second run lost a user: $(users)"
[ "$(sha256sum < "$home/demo/passwords.txt")" = "$sum1" ] || fail "the passwords changed"
stop

start --fresh
grep -q -- "--fresh: the demo data directory" "$home/run.log" || fail "--fresh did not say so"
[ "$(users)" = "admin editor window4 " ] || fail "--fresh kept the old users: $(users)"
stop
echo "scripts/run keeps its data, stops what it started, starts over with --fresh"
