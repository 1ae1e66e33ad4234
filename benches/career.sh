#!/usr/bin/env bash
# Career benchmark: `benches/career.sh [requests]` (default 200 per page).
#
# PRODUCT target (issue 11): with 100,000 job postings loaded, the Career page answers in
# under 20 ms of server time. Starts the release binary as a newcomer would (benches/server.sh:
# fresh data folder, private PostgreSQL, demo data), loads benches/career-data.sql (wage areas,
# occupations and wages, every badge class mapped, 100,000 postings of which 10% expired; the
# demo candidate's badges accepted), signs in as the demo candidate over HTTP, and requests
# each page of benches/career.urls `requests` times in a row after 5 warm-up requests, reading
# the server time of each answer (the `Server-Timing` header, `app;dur=`). Prints p50, p95 and
# the maximum per page; exit status 1 when a page does not answer 200 or a Career page's p95
# is over 20 ms. BENCH_PROFILE=debug measures the debug build (an upper bound).
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-200}"
target_ms="${TARGET_MS:-20}"
. benches/server.sh
start_server ACCOLADE_OUTBOX_INTERVAL_MS=0 ACCOLADE_REMINDER_INTERVAL_SECS=0 ACCOLADE_LOG=warn
socket="$dir/var/postgres/run"
db_url="postgres://accolade@localhost/accolade?host=$socket"
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$db_url" -c "$1"; }

started=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 "$db_url" -f benches/career-data.sql >/dev/null
echo "generated: $(sql "SELECT count(*) FROM job_postings") postings ($(sql "SELECT count(*) FROM job_postings WHERE valid_through > now()") open)," \
  "$(sql "SELECT count(*) FROM job_posting_badge_classes") by name, $(sql "SELECT count(*) FROM job_posting_occupations") occupations," \
  "$(sql "SELECT count(*) FROM job_posting_skills") skills asked for, in $(( $(date +%s) - started )) s"

who=lukas.becker@example.de
sql "UPDATE candidates SET profile_visibility = 'public'
      WHERE id = (SELECT candidate_id FROM candidate_emails WHERE email = '$who')"
jar="$dir/cookies"
csrf="$(curl -s -c "$jar" -b "$jar" "$url/sign-in" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=$who" \
  --data-urlencode "password=accolade-demo-2026" "$url/sign-in")"
[ "$status" = 303 ] || { echo "sign-in as $who answered $status" >&2; exit 1; }

read -r award badge < <(sql "SELECT a.id || ' ' || b.code FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
   JOIN candidate_emails e ON e.candidate_id = a.candidate_id
  WHERE e.email = '$who' AND a.state = 'accepted' ORDER BY b.kind DESC, a.issued_on DESC LIMIT 1")
echo "candidate: $(sql "SELECT count(*) FROM awards a JOIN candidate_emails e ON e.candidate_id = a.candidate_id
  WHERE e.email = '$who' AND a.state = 'accepted'") accepted badges; matching open postings:" \
  "$(sql "SELECT count(DISTINCT p.id) FROM job_postings p
     WHERE p.valid_through > now() AND (
       p.id IN (SELECT posting_id FROM job_posting_badge_classes j JOIN awards a ON a.badge_class_id = j.badge_class_id
                 JOIN candidate_emails e ON e.candidate_id = a.candidate_id WHERE e.email = '$who')
       OR p.id IN (SELECT posting_id FROM job_posting_occupations o JOIN badge_class_occupations m ON m.soc_code = o.soc_code
                 JOIN awards a ON a.badge_class_id = m.badge_class_id JOIN candidate_emails e ON e.candidate_id = a.candidate_id WHERE e.email = '$who')
       OR p.id IN (SELECT posting_id FROM job_posting_skills s JOIN badge_class_skills k ON k.skill_id = s.skill_id
                 JOIN awards a ON a.badge_class_id = k.badge_class_id JOIN candidate_emails e ON e.candidate_id = a.candidate_id WHERE e.email = '$who'))")"

# The server time (ms) and status of one request; `?anonymous` at the end: without cookies.
timed() {
  local path="$1" cookies=(-b "$jar")
  case "$path" in *'?anonymous') path="${path%\?anonymous}"; cookies=() ;; esac
  curl -s -o /dev/null -D - "${cookies[@]}" "$url$path" | tr -d '\r' | awk '
    /^HTTP\// { status = $2 }
    tolower($1) == "server-timing:" { sub(/.*dur=/, ""); dur = $0 }
    END { print status, dur }'
}

failed=0
printf '%-40s %8s %8s %8s  %s\n' page p50 p95 max target
while IFS=$'\t' read -r label path; do
  case "$label" in ''|'#'*) continue ;; esac
  path="$(sed -e "s/{award}/$award/g; s/{badge}/$badge/g" <<<"$path")"
  for _ in 1 2 3 4 5; do timed "$path" >/dev/null; done
  : >"$dir/times"
  bad=""
  for _ in $(seq 1 "$requests"); do
    read -r status dur < <(timed "$path")
    [ "$status" = 200 ] || bad="$status"
    echo "$dur" >>"$dir/times"
  done
  if [ -n "$bad" ]; then
    printf '%-40s answered %s: %s\n' "$label" "$bad" "$path"
    failed=1
    continue
  fi
  read -r p50 p95 max < <(sort -n "$dir/times" | awk -v n="$requests" '
    { v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", v[int((n + 1) * 0.5)], v[int(n * 0.95 + 0.5)], v[n] }')
  verdict="pass"
  case "$path" in
    /career*) awk -v p="$p95" -v t="$target_ms" 'BEGIN { exit !(p > t) }' && { verdict=MISSED; failed=1; } ;;
    *) verdict="(no target)" ;;
  esac
  printf '%-40s %8s %8s %8s  < %s ms: %s\n' "$label" "$p50" "$p95" "$max" "$target_ms" "$verdict"
done <benches/career.urls
if [ -n "${EXPLAIN:-}" ]; then
  cid="$(sql "SELECT candidate_id FROM candidate_emails WHERE email = '$who'")"
  echo "candidate id $cid (EXPLAIN ANALYZE the queries of src/insights/matching.rs with it)"
  psql -X "$db_url"
fi
exit "$failed"
