#!/usr/bin/env bash
# Load test of the sign-in page: `benches/sign-in-load.sh [seconds]` (default 20).
#
# Builds the release binary, starts it as a newcomer would (`accolade` with a fresh data folder:
# private PostgreSQL, demo data) on a free port, then runs wrk with 2 threads and 64
# connections against /sign-in, and reports wrk's figures, the errors (socket errors and
# non-2xx answers) and the server's resident memory (peak and after the run). Needs wrk
# (`apt-get install -y wrk`). Exits non-zero when any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
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

ACCOLADE_DATA_DIR="$dir/var" ACCOLADE_BIND=127.0.0.1:0 ACCOLADE_LOG="${ACCOLADE_LOG:-info}" \
  "$bin" >"$dir/stdout" 2>"$dir/stderr" &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/stdout" | head -1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start:" >&2; cat "$dir/stderr" >&2; exit 1; }
curl -fsS "$url/sign-in" >/dev/null

echo "== wrk -t2 -c64 -d${seconds}s $url/sign-in (server log level: ${ACCOLADE_LOG:-info})"
wrk -t2 -c64 -d"${seconds}s" --latency "$url/sign-in" | tee "$dir/wrk"
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
rss_now=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "server resident memory: peak $((rss_peak / 1024)) MB, after the run $((rss_now / 1024)) MB"

failed=0
if grep -q "Socket errors" "$dir/wrk"; then failed=1; fi
if grep -q "Non-2xx" "$dir/wrk"; then failed=1; fi
if [ "$failed" -eq 0 ]; then
  echo "errors: none"
else
  echo "errors: see above" >&2
  exit 1
fi
