#!/usr/bin/env bash
# Public badge page benchmark: `benches/public-page.sh [seconds]` (default 20 per route).
#
# PRODUCT.md's target: the public badge page gets at least 0.8 of the requests/s of a minimal
# actix-web + sqlx + askama page that reads one row by key and renders about 3 KB
# (benches/reference_page.rs), measured side by side, with p99 under 10 ms at 64 connections
# on 2 cores, and the server's resident memory under 64 MB; the badge images are served from
# cache at comparable rates.
#
# Builds the reference server (a bench target) and the release binary, starts Accolade as a
# newcomer would (benches/server.sh: fresh data folder, private PostgreSQL, demo data), makes
# the demo candidate's profile public and accepts their awards (SQL, in that throwaway
# cluster), picks one public badge, and starts the reference server against the same
# PostgreSQL (a database of its own, `reference`). Then, for each route, after a warm-up:
# `wrk -t2 -c64 -d${seconds}s --latency`, while the serving process's VmRSS is sampled. The
# reference is measured first and again last; ratios are to the mean of the two. wrk, both
# servers and PostgreSQL share the machine's cores.
#
# Routes that do not answer 200 yet (the public badge page and the PNG routes are being built)
# are reported as missing and skipped. Exit status: 0 when every route was measured and met
# its target, 1 when a request failed or a target was missed, 2 when a route is missing.
#
# Settings: AWARD_ID (the public badge to request; default: found by SQL), ART_CODE (badge
# art, default AZ-104), WARM_SECONDS (default 3), ACCOLADE_LOG (default info, as in
# production: every request is logged), ACCOLADE_WORKERS and ACCOLADE_DB_MAX_CONNECTIONS
# (both servers).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
warm="${WARM_SECONDS:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/accolade-target}"

# The reference server first (`cargo bench` builds with the release profile and the
# dev-dependencies); server.sh then builds the accolade binary as `cargo build --release` does.
reference_bin="$(cargo bench --locked --quiet --no-run --bench reference_page \
  --message-format=json | jq -r 'select(.reason == "compiler-artifact"
    and .target.name == "reference_page" and .executable != null) | .executable')"
[ -x "$reference_bin" ] || { echo "the reference server was not built" >&2; exit 1; }

. benches/server.sh
start_server ACCOLADE_LOG="${ACCOLADE_LOG:-info}"
socket="$dir/var/postgres/run"
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "postgres://accolade@localhost/$1?host=$socket" -c "$2"; }

# A public badge: the demo candidate's profile public and their awards accepted.
demo="(SELECT candidate_id FROM candidate_emails WHERE email = 'lukas.becker@example.de')"
sql accolade "UPDATE candidates SET profile_visibility = 'public',
                handle = coalesce(handle, 'lukas-becker') WHERE id = $demo"
sql accolade "UPDATE awards SET state = 'accepted', state_changed_at = now(), accepted_at = now()
               WHERE state = 'pending' AND candidate_id = $demo"
award="${AWARD_ID:-$(sql accolade "SELECT a.id FROM awards a
    JOIN candidates c ON c.id = a.candidate_id
   WHERE a.state = 'accepted' AND a.visibility = 'public' AND c.profile_visibility = 'public'
   ORDER BY a.issued_on DESC, a.id LIMIT 1")}"
[ -n "$award" ] || { echo "no public badge found in the demo data" >&2; exit 1; }
art="${ART_CODE:-AZ-104}"

# The reference server on the same PostgreSQL, as many workers and connections as Accolade.
sql postgres "CREATE DATABASE reference"
DATABASE_URL="postgres://accolade@localhost/reference?host=$socket" \
  "$reference_bin" --serve 127.0.0.1:0 >"$dir/reference.out" 2>"$dir/reference.err" &
reference=$!
others="$others $reference"
reference_url=""
for _ in $(seq 1 300); do
  reference_url="$(grep -o 'http://127.0.0.1:[0-9]*/r/[A-Za-z0-9_-]*' "$dir/reference.out" || true)"
  [ -n "$reference_url" ] && break
  sleep 0.1
done
[ -n "$reference_url" ] || { echo "the reference server did not start:" >&2; cat "$dir/reference.err" >&2; exit 1; }

rss() { awk "/^$2:/ {print int(\$2 / 1024)}" "/proc/$1/status"; }
# VmRSS of process $1 in kB, every 0.2 s, into file $2 (until stopped).
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do
    awk '/^VmRSS:/ {print $2}' "/proc/$1/status" >>"$2" 2>/dev/null || true
    sleep 0.2
  done
}
# wrk's latency ("830.00us", "4.64ms", "1.02s") in ms.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /m$/) n *= 60000
    else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

echo "== Accolade $url (pid $server, log level ${ACCOLADE_LOG:-info}), reference ${reference_url%/r/*} (pid $reference)"
echo "   public badge $award, badge art $art; wrk -t2 -c64 -d${seconds}s --latency after ${warm}s of warm-up"
echo "   resident memory at start: Accolade $(rss "$server" VmRSS) MB, reference $(rss "$reference" VmRSS) MB"
echo "   load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine lowers every figure)"

rows=()       # name|path|rps|p50|p99|rss peak MB|errors|size  (or name|path|missing: ...)
ref_rps=()
failed=0
missing=0
# measure NAME PID URL: one route of one server.
measure() {
  local name="$1" pid="$2" target="$3" path="/${3#http://*/}"
  local answer status type size
  answer="$(curl -s -o "$dir/body" -w '%{http_code}|%{size_download}|%{content_type}' "$target")"
  IFS='|' read -r status size type <<<"$answer"
  if [ "$status" != 200 ]; then
    echo "-- $name: $path answers HTTP $status: not measured"
    rows+=("$name|$path|missing: HTTP $status")
    missing=1
    return
  fi
  echo "-- $name: $path ($type, $size bytes)"
  wrk -t2 -c64 -d"${warm}s" "$target" >/dev/null
  : >"$dir/rss-$name"
  sample_rss "$pid" "$dir/rss-$name" &
  local sampler=$!
  wrk -t2 -c64 -d"${seconds}s" --latency "$target" >"$dir/wrk-$name"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sed 's/^/   /' "$dir/wrk-$name"
  local rps p50 p99 peak errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk-$name")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$dir/wrk-$name")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$dir/wrk-$name")")"
  peak="$(sort -n "$dir/rss-$name" | tail -1)"
  peak="$(( ${peak:-0} / 1024 ))"
  errors="$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10}
                 END {print n + 0}' "$dir/wrk-$name")"
  [ "$errors" -eq 0 ] || failed=1
  rows+=("$name|$path|$rps|$p50|$p99|$peak|$errors|$size")
  if [ "$name" = reference ] || [ "$name" = "reference (again)" ]; then ref_rps+=("$rps"); fi
}

measure reference "$reference" "$reference_url"
measure "public badge page" "$server" "$url/badges/$award"
measure "baked PNG" "$server" "$url/badges/$award/image.png"
measure "badge art PNG" "$server" "$url/images/badges/$art.png"
measure "badge art SVG" "$server" "$url/images/badges/$art.svg"
measure "reference (again)" "$reference" "$reference_url"
sleep 2

ref_mean="$(printf '%s\n' "${ref_rps[@]}" | awk '{s += $1} END {if (NR) printf "%.0f", s / NR}')"
echo
echo "== Results (${seconds}s per route, 64 connections; ratio to the reference's mean, ${ref_mean} requests/s)"
printf '%-20s %10s %8s %8s %7s %9s %7s %7s  %s\n' route requests/s p50_ms p99_ms ratio peak_RSS errors bytes target
for row in "${rows[@]}"; do
  IFS='|' read -r name path rps p50 p99 peak errors size <<<"$row"
  if [[ "$rps" == missing* ]]; then
    printf '%-20s %s (%s)\n' "$name" "$rps" "$path"
    continue
  fi
  ratio="$(awk -v a="$rps" -v b="$ref_mean" 'BEGIN {printf "%.2f", a / b}')"
  verdict=""
  case "$name" in
    reference*) verdict="-" ;;
    "public badge page")
      verdict="ratio >= 0.8, p99 < 10 ms: "
      if awk -v r="$ratio" -v p="$p99" 'BEGIN {exit !(r >= 0.8 && p < 10)}'; then
        verdict+="pass"
      else
        verdict+="MISSED"; failed=1
      fi ;;
    *) verdict="comparable rate" ;;
  esac
  printf '%-20s %10.0f %8s %8s %7s %6s MB %7s %7s  %s\n' \
    "$name" "$rps" "$p50" "$p99" "$ratio" "$peak" "$errors" "$size" "$verdict"
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
peak="$(rss "$server" VmHWM)"
echo "Accolade resident memory: peak $peak MB (VmHWM, since start), $(rss "$server" VmRSS) MB 2 s after the runs; target < 64 MB: $([ "$peak" -lt 64 ] && echo pass || echo MISSED)"
echo "reference resident memory: peak $(rss "$reference" VmHWM) MB, $(rss "$reference" VmRSS) MB after"
[ "$peak" -lt 64 ] || failed=1

if [ "$failed" -ne 0 ]; then echo "failed: a request failed or a target was missed (see above)" >&2; exit 1; fi
if [ "$missing" -ne 0 ]; then echo "incomplete: some routes are not served yet (see above)" >&2; exit 2; fi
echo "every route measured, every target met"
