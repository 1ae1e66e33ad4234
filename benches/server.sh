# Sourced by the load scripts: builds the release binary and starts it on a free port with a
# fresh data folder (private PostgreSQL), as a newcomer would. Sets $url, $server and $dir, and
# stops the server and removes the folder on exit. Environment variables given to
# `start_server` go to the server: `start_server ACCOLADE_PROXY_HOPS=1`. Other processes a
# script starts are stopped on exit too, before the server, when their ids are in $others
# (`others="$others $!"`). BENCH_PROFILE=debug uses the debug build. wrk is installed with apt-get when missing and we are root.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/accolade-target}"
if ! command -v wrk >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "wrk is missing: installing it (apt-get install -y wrk)" >&2
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

# BENCH_PROFILE=debug measures the debug build instead (no release build needed: an upper bound).
if [ "${BENCH_PROFILE:-release}" = debug ]; then
  cargo build --locked --quiet
  bin="$CARGO_TARGET_DIR/debug/accolade"
else
  cargo build --release --locked --quiet
  bin="$CARGO_TARGET_DIR/release/accolade"
fi
dir="$(mktemp -d /tmp/accolade-load-XXXXXX)"
chmod 755 "$dir"
server=""
others=""
cleanup() {
  for pid in $others $server; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -INT "$pid"
      wait "$pid" || true
    fi
  done
  rm -rf "$dir"
}
trap cleanup EXIT

start_server() {
  env ACCOLADE_DATA_DIR="$dir/var" ACCOLADE_BIND=127.0.0.1:0 "$@" \
    "$bin" >"$dir/stdout" 2>"$dir/stderr" &
  server=$!
  url=""
  for _ in $(seq 1 300); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/stdout" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the server did not start:" >&2; cat "$dir/stderr" >&2; exit 1; }
}
