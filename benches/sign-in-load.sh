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
. benches/server.sh
start_server ACCOLADE_LOG="${ACCOLADE_LOG:-info}"
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
