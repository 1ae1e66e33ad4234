# Sourced by the load scripts: builds the release binary and starts it on a free port with a
# fresh data folder (private PostgreSQL), as a newcomer would. Sets $url, $server and $dir, and
# stops the server and removes the folder on exit. Environment variables given to
# `start_server` go to the server: `start_server ACCOLADE_PROXY_HOPS=1`.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/accolade-target}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/accolade"
dir="$(mktemp -d /tmp/accolade-load-XXXXXX)"
chmod 755 "$dir"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server"
    wait "$server" || true
  fi
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
