# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, then build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian 12 packages the product needs to build, test and run.
GONGSHI_PACKAGES=(
  cmake g++ make pkg-config ccache tzdata
  libfreetype-dev libharfbuzz-dev libicu-dev libpng-dev
  libcairo2-dev libqrencode-dev libjpeg62-turbo-dev
  libserialport-dev libpoco-dev libxlsxwriter-dev libpq-dev
  doctest-dev
  xfonts-wqy fonts-wqy-zenhei fonts-unifont fonts-noto-cjk fonts-hanazono
)

# The browser test's (tests/browser): Debian's chromium, and node and npm unless another package
# already provides them (NodeSource's nodejs carries npm and conflicts with Debian's npm). The print
# tests read back what they printed with poppler (pdftotext, pdfinfo, pdffonts) and zbar (zbarimg).
# The storage and server suites run again on a throwaway PostgreSQL cluster (postgresql: initdb, pg_ctl).
# The package test (tests/packaging) checks the .deb with dpkg-dev's dpkg-shlibdeps, lintian and
# systemd-analyze.
GONGSHI_TEST_PACKAGES=(chromium poppler-utils zbar-tools curl dpkg-dev lintian systemd postgresql)
command -v node >/dev/null 2>&1 || GONGSHI_TEST_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || GONGSHI_TEST_PACKAGES+=(npm)

# Installs the packages given that dpkg does not report as installed (so a second run installs
# nothing and takes seconds).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# build DIR BUILD_TYPE TARGET [extra cmake args...]   (TARGET "all" builds everything)
build() {
  local dir="$1" type="$2" target="$3"
  shift 3
  local launcher=()
  # ccache, where installed, keeps objects across builds of the same checkout.
  # (No CCACHE_BASEDIR: it makes __FILE__ relative, and the tests find their data from it.)
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)" --target "$target"
}

# build, with the build's progress kept in DIR/build.log and shown only when it fails.
quiet_build() {
  local log="$1/build.log"
  mkdir -p "$1"
  if ! build "$@" > "$log" 2>&1; then
    cat "$log" >&2
    echo "the build failed (its output above, also in $log)" >&2
    return 1
  fi
}
