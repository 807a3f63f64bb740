#!/usr/bin/env bash
# Browser test of the admin page: tests/browser/run.sh GONGSHI_BIN [WORK_DIR]
# Loads the demo centre into a fresh data directory, adds an admin, an editor and a window user,
# starts `gongshi serve` on a free port (it drives the screens: delivery is on by default) and one
# emulated BX-K card (`gongshi emulate`), and drives Debian's chromium through playwright-core.
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
rm -rf "$data"

export GONGSHI_ADMIN_PASSWORD="admin-Passw0rd" GONGSHI_EDITOR_PASSWORD="editor-Passw0rd"
export GONGSHI_WINDOW_PASSWORD="clerk4-Passw0rd" GONGSHI_WINDOW_ID=4
"$bin" import demo --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_ADMIN_PASSWORD" | "$bin" user add admin --role admin --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_EDITOR_PASSWORD" | "$bin" user add editor --role editor --data-dir "$data" >/dev/null
printf '%s\n' "$GONGSHI_WINDOW_PASSWORD" | "$bin" user add clerk4 --role window --window "$GONGSHI_WINDOW_ID" --data-dir "$data" >/dev/null

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_servers EXIT

# serve DATA_DIR NAME: starts `gongshi serve` on a free port over DATA_DIR and sets $port once it
# listens (at most 30 s); its log is $work/NAME.log.
serve() {
  local dir="$1" name="$2" pid
  rm -f "$work/$name.port"
  "$bin" serve --port 0 --host 127.0.0.1 --data-dir "$dir" --port-file "$work/$name.port" \
    --web-dir "$root/server/web" --backup-keep 2 --backup-at 00:00 >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  port=""
  for _ in $(seq 300); do
    if [ -s "$work/$name.port" ]; then
      port="$(tr -dc '0-9' <"$work/$name.port")"
      [ -n "$port" ] && return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "browser test: gongshi serve exited early:" >&2
      cat "$work/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "browser test: gongshi serve wrote no port to $work/$name.port within 30 s" >&2
  cat "$work/$name.log" >&2
  exit 1
}

serve "$data" serve
demo_port="$port"
# One emulated controller card (BX-K, 128x32 red-green) on a free port, for the case that sends a
# program made in the editor to a card; it writes what it shows to $work/card/screen.png.
rm -rf "$work/card"
mkdir -p "$work/card"
"$bin" emulate --protocol bx-k --width 128 --height 32 --color red-green --listen tcp:127.0.0.1:0 \
  --out-dir "$work/card" >"$work/card.addr" 2>"$work/card.log" &
pids+=("$!")
card_addr=""
for _ in $(seq 300); do
  if [ -s "$work/card.addr" ]; then
    card_addr="$(head -1 "$work/card.addr" | sed 's/^listening on //')"
    [ -n "$card_addr" ] && break
  fi
  sleep 0.1
done
if [ -z "$card_addr" ]; then
  echo "browser test: the emulated card did not start within 30 s:" >&2
  cat "$work/card.log" >&2
  exit 1
fi
# A new install: an empty data directory, for the first-run page.
rm -rf "$work/new-install"
serve "$work/new-install" new-install
new_port="$port"

status=0
GONGSHI_BASE="http://127.0.0.1:$demo_port" GONGSHI_NEW_INSTALL_BASE="http://127.0.0.1:$new_port" GONGSHI_ARTIFACTS="$work" GONGSHI_CHROMIUM="$chromium" \
  GONGSHI_CARD_ADDRESS="$card_addr" GONGSHI_CARD_DIR="$work/card" \
  node "$here/admin.test.mjs" || status=$?
stop_servers
if [ "$status" -ne 0 ]; then
  echo "browser test: screenshots and the server log are in $work" >&2
elif [ -z "${2:-}" ]; then
  rm -rf "$work"
fi
exit "$status"
