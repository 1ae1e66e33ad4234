#!/usr/bin/env bash
# Sign-in flood: `benches/sign-in-flood.sh [seconds]` (default 10 per level).
#
# What a distributed attacker does to a public server: hundreds of sign-ins in parallel, wrong
# passwords for random addresses, each from a client of its own (the server runs behind one
# "proxy", ACCOLADE_PROXY_HOPS=1, and every request names a new client), so no throttle stops
# them and every one asks for a password hash (argon2id, 19 MiB). Runs wrk with 100 and then
# 500 connections against the release binary, and reports the answers by status (401: checked
# and wrong; 503: the hashing queue was full, come back in 5 s), the socket errors (any is a
# failure: every request must be answered) and the server's resident memory, peak and after.
# Target: under 128 MB at both levels. Needs wrk (`apt-get install -y wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
. benches/server.sh
# Behind a proxy the server counts as public: the development mailbox is asked for by name.
start_server ACCOLADE_PROXY_HOPS=1 ACCOLADE_DEV_MAILBOX=true ACCOLADE_LOG="${ACCOLADE_LOG:-warn}"
CSRF="$(curl -fsS -c - "$url/sign-in" -o /dev/null | awk '$6 == "csrf" {print $7}')"
export CSRF
rss() { awk "/$1/ {print int(\$2 / 1024)}" "/proc/$server/status"; }
echo "server resident memory at start: $(rss VmRSS) MB"

failed=0
for connections in 100 500; do
  echo "== wrk -t2 -c$connections -d${seconds}s POST $url/sign-in (a new client each request)"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency \
    -s benches/sign-in-flood.lua "$url/sign-in" | tee "$dir/wrk-$connections"
  echo "server resident memory: peak $(rss VmHWM) MB, now $(rss VmRSS) MB"
  if grep -q "Socket errors" "$dir/wrk-$connections"; then failed=1; fi
done
sleep 2
echo "server resident memory 2 s after the flood: $(rss VmRSS) MB (peak $(rss VmHWM) MB)"
peak=$(rss VmHWM)
if [ "$peak" -ge 128 ]; then echo "peak resident memory over 128 MB" >&2; failed=1; fi
[ "$failed" -eq 0 ] || { echo "failed: see above" >&2; exit 1; }
echo "every request answered"
