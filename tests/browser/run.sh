#!/usr/bin/env bash
# Browser test of the admin page: tests/browser/run.sh GONGSHI_BIN [WORK_DIR]
# Loads the demo centre into a fresh data directory, adds an admin, an editor and a window user,
# starts `gongshi serve` on a free port and drives Debian's chromium through playwright-core.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:?usage: run.sh GONGSHI_BIN [WORK_DIR]}"
chromium="${GONGSHI_CHROMIUM:-/usr/lib/chromium/chromium}"

if [ ! -x "$chromium" ]; then
  echo "browser test: chromium is missing ($chromium)." >&2
  echo "  install it with: apt-get install --no-install-recommends chromium   (scripts/test does)" >&2
  exit 1
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "browser test: $tool is missing: apt-get install nodejs npm" >&2; exit 1; }
done
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  echo "browser test: installing playwright-core (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -n "${2:-}" ]; then
  work="$2"
  mkdir -p "$work"
else
  work="$(mktemp -d -t gongshi-browser.XXXXXX)"
fi
data="$work/data"
port_file="$work/port"
rm -rf "$data" "$port_file"

export GONGSHI_ADMIN_PASSWORD="admin-Passw0rd" GONGSHI_EDITOR_PASSWORD="editor-Passw0rd"
export GONGSHI_WINDOW_PASSWORD="clerk4-Passw0rd" GONGSHI_WINDOW_ID=4
"$bin" import demo --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_ADMIN_PASSWORD" | "$bin" user add admin --role admin --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_EDITOR_PASSWORD" | "$bin" user add editor --role editor --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_WINDOW_PASSWORD" | "$bin" user add clerk4 --role window --window "$GONGSHI_WINDOW_ID" --data-dir "$data" >/dev/null

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

"$bin" serve --port 0 --host 127.0.0.1 --data-dir "$data" --port-file "$port_file" \
  --web-dir "$root/server/web" --backup-keep 2 --backup-at 00:00 >"$work/serve.log" 2>&1 &
server_pid=$!

# The server writes the port it bound to once it listens; give it at most 30 s.
port=""
for _ in $(seq 300); do
  if [ -s "$port_file" ]; then
    port="$(tr -dc '0-9' <"$port_file")"
    [ -n "$port" ] && break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "browser test: gongshi serve exited early:" >&2
    cat "$work/serve.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "browser test: gongshi serve wrote no port to $port_file within 30 s" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

status=0
GONGSHI_BASE="http://127.0.0.1:$port" GONGSHI_ARTIFACTS="$work" GONGSHI_CHROMIUM="$chromium" \
  node "$here/admin.test.mjs" || status=$?
stop_server
if [ "$status" -ne 0 ]; then
  echo "browser test: screenshots and the server log are in $work" >&2
elif [ -z "${2:-}" ]; then
  rm -rf "$work"
fi
exit "$status"
