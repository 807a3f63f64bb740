#!/usr/bin/env bash
# The Debian package, as Debian's own tools see it: CPack makes it from this build tree (the same
# configuration scripts/package uses on its Release build); dpkg-deb lists what it holds and its
# control fields; lintian finds no error; systemd-analyze verifies the unit; dpkg installs it into
# a scratch root (its postinst making the service user there), and the installed binary serves the
# installed admin page. Prints the package's size and the seconds from install to first page.
set -euo pipefail
BUILD="${1:?the build directory}"
work="$(mktemp -d /tmp/gongshi-package-test.XXXXXX)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD/CMakeCache.txt")"
[ -n "$version" ] || fail "no project version in $BUILD/CMakeCache.txt"
(cd "$BUILD" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb="$work/out/gongshi_${version}_amd64.deb"
[ -f "$deb" ] || fail "cpack did not write $deb: $(ls "$work/out")"
size_kb=$(( $(stat -c %s "$deb") / 1024 ))

# What it holds, owned by root, with the modes a package should have.
dpkg-deb -c "$deb" > "$work/contents"
for path in ./usr/bin/gongshi ./usr/share/gongshi/web/index.html ./usr/share/gongshi/web/app.js ./usr/share/gongshi/web/setup.js \
            ./usr/share/gongshi/fonts/overrides/led16.hex ./usr/share/gongshi/fonts/overrides/led12.hex \
            ./lib/systemd/system/gongshi.service ./etc/gongshi/gongshi.properties \
            ./usr/share/doc/gongshi/copyright ./usr/share/doc/gongshi/changelog.gz; do
  grep -q " $path\$" "$work/contents" || fail "the package lacks $path"
done
grep -q '^-rwxr-xr-x root/root .* ./usr/bin/gongshi$' "$work/contents" || fail "usr/bin/gongshi: $(grep ' ./usr/bin/gongshi$' "$work/contents")"
if awk '{print $2}' "$work/contents" | grep -v '^root/root$' > /dev/null; then fail "files not owned by root: $(awk '$2 != "root/root"' "$work/contents")"; fi

# Control: the name, version, dependencies from the shared libraries, the conffile, the scripts.
[ "$(dpkg-deb -f "$deb" Package)" = gongshi ] || fail "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version field"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "Architecture field"
depends="$(dpkg-deb -f "$deb" Depends)"
[ "$(dpkg-deb -f "$deb" Recommends)" = xfonts-wqy ] || fail "Recommends: $(dpkg-deb -f "$deb" Recommends)"
for dep in libc6 libstdc++6 libharfbuzz0b libfreetype6 libcairo2 libsqlite3-0 libserialport0 libssl3 passwd fonts-wqy-zenhei; do
  echo "$depends" | grep -q "\\b$dep\\b" || fail "Depends lacks $dep: $depends"
done
echo "$depends" | grep -Eq 'libpoconet[0-9]+' || fail "Depends lacks Poco's Net library: $depends"
echo "$depends" | grep -Eq 'libxlsxwriter[0-9]+' || fail "Depends lacks libxlsxwriter (the .xlsx export): $depends"
dpkg-deb -e "$deb" "$work/control"
[ "$(cat "$work/control/conffiles")" = /etc/gongshi/gongshi.properties ] || fail "conffiles: $(cat "$work/control/conffiles")"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "$script is not executable"
  sh -n "$work/control/$script" || fail "$script is not valid sh"
done

# lintian: no error (warnings are listed, not fatal).
lintian --fail-on error --tag-display-limit 0 "$deb" > "$work/lintian.txt" 2>&1 || { cat "$work/lintian.txt" >&2; fail "lintian reports errors"; }
lintian_warnings=$(grep -c '^W: ' "$work/lintian.txt" || true)

# Install into a scratch root, the maintainer scripts run chrootless (DPKG_ROOT), the root's
# /etc holding copies of this machine's user and group files for the postinst to add to.
root="$work/root"
mkdir -p "$root/etc" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
touch "$root/var/lib/dpkg/status"
for f in passwd group shadow gshadow login.defs; do [ -f "/etc/$f" ] && cp -p "/etc/$f" "$root/etc/$f"; done
grep -q '^gongshi:' "$root/etc/passwd" && sed -i '/^gongshi:/d' "$root/etc/passwd" "$root/etc/shadow"
grep -q '^gongshi:' "$root/etc/group" && sed -i '/^gongshi:/d' "$root/etc/group" "$root/etc/gshadow"
grep -q '^dialout:' "$root/etc/group" || fail "this machine has no dialout group to copy"
start=$(date +%s.%N)
dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root --log=/dev/null -i "$deb" > "$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log" >&2; fail "dpkg -i into the scratch root"; }
grep -q '^gongshi:x:[0-9]*:[0-9]*:gongshi service:/var/lib/gongshi:/usr/sbin/nologin$' "$root/etc/passwd" ||
  fail "the postinst made no gongshi user: $(grep gongshi "$root/etc/passwd" || true)"
grep -q '^dialout:.*[:,]gongshi\b' "$root/etc/group" || fail "gongshi is not in dialout: $(grep '^dialout:' "$root/etc/group")"
[ "$(dpkg --root="$root" -s gongshi 2>/dev/null | sed -n 's/^Status: //p')" = "install ok installed" ] || fail "dpkg does not list it installed"

# systemd-analyze verify: the unit as installed (its ExecStart binary present in the same root),
# beside this machine's own targets (sysinit.target, multi-user.target, ...) that it names.
for unit in /lib/systemd/system/*.target; do
  [ -e "$root/lib/systemd/system/$(basename "$unit")" ] || cp "$unit" "$root/lib/systemd/system/"
done
SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --root="$root" /lib/systemd/system/gongshi.service > "$work/verify.txt" 2>&1 ||
  { cat "$work/verify.txt" >&2; fail "systemd-analyze verify"; }
if grep -v -e '^$' "$work/verify.txt" | grep -qi gongshi; then cat "$work/verify.txt" >&2; fail "systemd-analyze verify warns about the unit"; fi
grep -q '^ProtectSystem=strict$' "$root/lib/systemd/system/gongshi.service" || fail "unit lacks ProtectSystem=strict"
grep -q '^NoNewPrivileges=yes$' "$root/lib/systemd/system/gongshi.service" || fail "unit lacks NoNewPrivileges"
grep -q '^StateDirectory=gongshi$' "$root/lib/systemd/system/gongshi.service" || fail "unit lacks StateDirectory"

# The installed binary, as the unit starts it but inside the scratch root: its own admin page
# (found beside the binary, not in the source tree) with the installed settings file.
echo '<!-- installed copy -->' >> "$root/usr/share/gongshi/web/index.html"
[ "$("$root/usr/bin/gongshi" --version)" = "gongshi $version" ] || fail "gongshi --version: $("$root/usr/bin/gongshi" --version)"
"$root/usr/bin/gongshi" fonts 2>/dev/null | grep -q "overrides: $root/usr/share/gongshi/fonts/" || fail "fonts overrides not from the installed tree"
mkdir -p "$root/var/lib/gongshi"
env -u GONGSHI_WEB_DIR -u GONGSHI_FONT_DATA "$root/usr/bin/gongshi" serve --config "$root/etc/gongshi/gongshi.properties" \
  --data-dir "$root/var/lib/gongshi" --port 0 --port-file "$work/port" > "$work/serve.log" 2>&1 &
server=$!
port=""
for _ in $(seq 300); do
  [ -s "$work/port" ] && port="$(cat "$work/port")" && curl -sf "http://127.0.0.1:$port/" -o "$work/page.html" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; fail "the installed gongshi ended"; }
  sleep 0.1
done
end=$(date +%s.%N)
grep -q 'installed copy' "$work/page.html" || { cat "$work/serve.log" >&2; fail "the first page is not the installed admin page"; }
grep -q "listening on http://127.0.0.1:$port/" "$work/serve.log" || fail "the settings file's host was not used: $(cat "$work/serve.log")"
curl -sf "http://127.0.0.1:$port/api/setup" | grep -q '"open":true' || fail "a new install does not offer its first run"
kill -TERM "$server"; wait "$server" || true; server=""

# Removal keeps the records; the conffile stays until purge.
dpkg --root="$root" --force-script-chrootless --force-not-root --log=/dev/null -r gongshi > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r"; }
[ ! -e "$root/usr/bin/gongshi" ] || fail "dpkg -r left the binary"
[ -f "$root/etc/gongshi/gongshi.properties" ] || fail "dpkg -r removed the conffile"
[ -d "$root/var/lib/gongshi" ] || fail "dpkg -r removed the records"

printf 'package=%s size_kb=%d lintian_warnings=%d install_to_first_page_seconds=%.2f\n' \
  "$(basename "$deb")" "$size_kb" "$lintian_warnings" "$(awk "BEGIN { print $end - $start }")"
cat "$work/lintian.txt"
