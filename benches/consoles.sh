#!/usr/bin/env bash
# Console benchmark: `benches/consoles.sh [requests]` (default 100 per page).
#
# PRODUCT target (issue 10): with 100,000 candidates and 1,000,000 awards loaded, every console
# page answers in under 50 ms of server time. Starts the release binary as a newcomer would
# (benches/server.sh: fresh data folder, private PostgreSQL, demo data), loads the generated
# data (benches/consoles-data.sql: 100,000 accounts and 25,000 addresses without one, 1,000,000
# results, awards and emails), makes the demo candidate support staff (`accolade user grant`),
# signs in over HTTP, and requests each page of benches/consoles.urls `requests` times in a
# row after 5 warm-up requests, reading the server time of each answer (the `Server-Timing`
# header, `app;dur=`). Prints p50, p95 and the maximum per page; exit status 1 when a page
# does not answer 200 or its p95 is over 50 ms.
#
# To measure another console's pages, add lines to benches/consoles.urls (placeholders are
# listed there) and grant the role they need below (ROLES, default "support admin").
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-100}"
target_ms="${TARGET_MS:-50}"
. benches/server.sh
start_server ACCOLADE_OUTBOX_INTERVAL_MS=0 ACCOLADE_REMINDER_INTERVAL_SECS=0 ACCOLADE_LOG=warn
socket="$dir/var/postgres/run"
db_url="postgres://accolade@localhost/accolade?host=$socket"
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$db_url" -c "$1"; }

started=$(date +%s)
psql -X -q "$db_url" -f benches/consoles-data.sql >/dev/null
echo "generated: $(sql "SELECT count(*) FROM candidates") candidates, $(sql "SELECT count(*) FROM awards") awards," \
  "$(sql "SELECT count(*) FROM results") results, $(sql "SELECT count(*) FROM outbox") emails in $(( $(date +%s) - started )) s"

staff=lukas.becker@example.de
for role in ${ROLES:-support admin}; do
  DATABASE_URL="$db_url" "$bin" user grant "$role" "$staff" >/dev/null
done
jar="$dir/cookies"
csrf="$(curl -s -c "$jar" -b "$jar" "$url/sign-in" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=$staff" \
  --data-urlencode "password=accolade-demo-2026" "$url/sign-in")"
[ "$status" = 303 ] || { echo "sign-in as $staff answered $status" >&2; exit 1; }
# The second factor: an authenticator app with a known key (set in this throwaway cluster),
# and its current code (RFC 6238, computed here as the app would).
key=3132333435363738393031323334353637383930
sql "INSERT INTO staff_totp (candidate_id, state, secret)
     SELECT candidate_id, 'active', '\\x$key'::bytea FROM candidate_emails WHERE email = '$staff'
     ON CONFLICT DO NOTHING"
code="$(python3 -c '
import hmac, hashlib, struct, sys, time
mac = hmac.new(bytes.fromhex(sys.argv[1]), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$key")"
# A signed-in session's forms carry the session's own CSRF token.
csrf="$(curl -s -c "$jar" -b "$jar" "$url/sign-in/second-factor?next=/support" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf=$csrf" --data-urlencode "code=$code" --data-urlencode "next=/support" \
  "$url/sign-in/second-factor")"
[ "$status" = 303 ] || { echo "the second factor of $staff answered $status" >&2; exit 1; }

# The placeholders of benches/consoles.urls.
candidate=1050000
other=1050001
email="c50000%40example.com"
unowned="u110000%40example.org"
name="$(sql "SELECT replace(display_name, ' ', '+') FROM candidates WHERE id = $candidate")"
given="$(sql "SELECT split_part(display_name, ' ', 1) FROM candidates WHERE id = $candidate")"
award="$(sql "SELECT id FROM awards WHERE state = 'pending' AND candidate_id = $candidate LIMIT 1")"
result="B-$(( 1000000 + 8 * 49999 + 3 ))"
mail="$(sql "SELECT id FROM outbox WHERE state = 'failed' LIMIT 1")"
after="$(curl -s -b "$jar" "$url/support?q=$given" | grep -o 'href="/support?q=[^"]*after_key=[^"]*"' | head -1 \
  | sed 's/^href="\/support?//; s/"$//; s/&#38;/\&/g; s/&amp;/\&/g')"
[ -n "$after" ] || echo "warning: the name search has no second page" >&2

fill() {
  sed -e "s/{candidate}/$candidate/g; s/{other}/$other/g; s/{email}/$email/g" \
      -e "s/{unowned}/$unowned/g; s/{name}/$name/g; s/{given}/$given/g; s/{award}/$award/g; s/{result}/$result/g" \
      -e "s/{mail}/$mail/g; s/{after}/$(printf '%s' "$after" | sed 's/[&/\]/\\&/g')/g" <<<"$1"
}

# The server time (ms) and status of one request.
timed() {
  curl -s -o /dev/null -D - -b "$jar" "$url$1" | tr -d '\r' | awk '
    /^HTTP\// { status = $2 }
    tolower($1) == "server-timing:" { sub(/.*dur=/, ""); dur = $0 }
    END { print status, dur }'
}

failed=0
printf '%-36s %8s %8s %8s  %s\n' page p50 p95 max target
while IFS=$'\t' read -r label path; do
  case "$label" in ''|'#'*) continue ;; esac
  path="$(fill "$path")"
  for _ in 1 2 3 4 5; do timed "$path" >/dev/null; done
  : >"$dir/times"
  bad=""
  for _ in $(seq 1 "$requests"); do
    read -r status dur < <(timed "$path")
    [ "$status" = 200 ] || bad="$status"
    echo "$dur" >>"$dir/times"
  done
  if [ -n "$bad" ]; then
    printf '%-36s answered %s: %s\n' "$label" "$bad" "$path"
    failed=1
    continue
  fi
  read -r p50 p95 max < <(sort -n "$dir/times" | awk -v n="$requests" '
    { v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", v[int((n + 1) * 0.5)], v[int(n * 0.95 + 0.5)], v[n] }')
  verdict=pass
  awk -v p="$p95" -v t="$target_ms" 'BEGIN { exit !(p > t) }' && { verdict=MISSED; failed=1; }
  printf '%-36s %8s %8s %8s  < %s ms: %s\n' "$label" "$p50" "$p95" "$max" "$target_ms" "$verdict"
done <benches/consoles.urls
exit "$failed"
