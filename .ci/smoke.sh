#!/usr/bin/env bash
# Smoke test of the out-of-the-box setup: `npm start` with no DATABASE_URL (embedded PGlite in a
# temporary DATA_DIR, migrated and seeded on first start), then a merchant's first steps over HTTP:
# register, create a storefront, add an offering, publish, read it back.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
out=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
base="http://127.0.0.1:$port"
server_pid=''

pass() { echo "[smoke] PASS: $*"; }
fail() {
  echo "[smoke] FAIL: $*"
  if [ -f "$out/server.log" ]; then echo '[smoke] last server output:'; tail -n 40 "$out/server.log" | sed 's/^/    /'; fi
  exit 1
}

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir" "$out"
}
trap cleanup EXIT

# Reads a field (dotted path) from a JSON file, with jq when present.
field() {
  if command -v jq >/dev/null; then jq -r ".$2 // empty" "$1"
  else node -e "const v='$2'.split('.').reduce((o,k)=>o==null?o:o[k],JSON.parse(require('fs').readFileSync('$1','utf8')));if(v!=null)console.log(v)"
  fi
}

# call METHOD PATH [BODY] [TOKEN]: response body in $out/body.json, status code on stdout.
call() {
  local args=(-sS -o "$out/body.json" -w '%{http_code}' -X "$1" "$base$2")
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  curl "${args[@]}" || echo 000
}

expect() { # expect STATUS WANT WHAT
  [ "$1" = "$2" ] || fail "$3: HTTP $1, expected $2; body: $(head -c 500 "$out/body.json" 2>/dev/null)"
  pass "$3 (HTTP $1)"
}

echo "[smoke] starting the server: no DATABASE_URL, DATA_DIR=$data_dir, PORT=$port"
setsid env -u DATABASE_URL -u JWT_SECRET DATA_DIR="$data_dir" PORT="$port" npm start >"$out/server.log" 2>&1 </dev/null &
server_pid=$!

# The first start unpacks PostGIS into PGlite, migrates and seeds the demo data.
for i in $(seq 1 180); do
  kill -0 "$server_pid" 2>/dev/null || fail 'server exited before becoming healthy'
  if [ "$(curl -s -o "$out/body.json" -w '%{http_code}' "$base/health" || true)" = 200 ]; then break; fi
  [ "$i" -eq 180 ] && fail 'server not healthy after 180 s'
  sleep 1
done
[ "$(field "$out/body.json" db)" = pglite ] || fail "/health does not report the embedded database: $(cat "$out/body.json")"
pass "/health answers on the embedded database after ${i} s"
grep -q 'seeded demo data' "$out/server.log" && pass "$(grep -o 'seeded demo data.*' "$out/server.log")"

expect "$(call POST /v1/auth/login '{"email":"alice@demo.o2o","password":"demo-password-1"}')" 200 'demo consumer signs in'

email="smoke-$(date +%s)-$RANDOM@example.test"
expect "$(call POST /v1/auth/register "{\"email\":\"$email\",\"password\":\"smoke-test-password\",\"name\":\"Smoke Test\",\"role\":\"merchant\"}")" 201 'merchant registers'
token=$(field "$out/body.json" token)
[ -n "$token" ] || fail 'registration returned no token'

storefront='{"name":"Smoke Test Coffee","category":"coffee","location":{"lat":30.2741,"lng":120.1551},"timezone":"Asia/Shanghai","hours":[{"day":1,"open":"09:00","close":"18:00"},{"day":5,"open":"18:00","close":"02:00"}]}'
expect "$(call POST /v1/merchants "$storefront" "$token")" 201 'storefront created'
id=$(field "$out/body.json" id)
[ "$(field "$out/body.json" status)" = draft ] || fail "new storefront is not a draft: $(cat "$out/body.json")"

offering='{"name":"Pour-over tasting","kind":"service","price_cents":4800,"currency":"CNY","duration_min":30}'
expect "$(call POST "/v1/merchants/$id/offerings" "$offering" "$token")" 201 'offering added'

expect "$(call POST "/v1/merchants/$id/publish" '' "$token")" 200 'storefront published'
[ "$(field "$out/body.json" status)" = active ] || fail "publish did not activate: $(cat "$out/body.json")"

expect "$(call GET "/v1/merchants/$id")" 200 'storefront read back'
[ "$(field "$out/body.json" status)" = active ] || fail "read-back status is not active: $(cat "$out/body.json")"
[ "$(field "$out/body.json" name)" = 'Smoke Test Coffee' ] || fail 'read-back name differs'

expect "$(call POST "/v1/merchants/$id/publish" '' '')" 401 'publishing without signing in is refused'

echo '[smoke] PASS: embedded default works end to end'
