#!/usr/bin/env bash
# The Workers build for real: `wrangler dev --local` (workerd from npm, no Cloudflare account, no
# network) over a fresh migrated PostGIS database, then the black-box flows of test/workers/flows.ts.
# Needs TEST_DATABASE_URL (a server where this script may create and drop a database).
set -euo pipefail
cd "$(dirname "$0")/../.."
admin_url=${TEST_DATABASE_URL:?TEST_DATABASE_URL must point at a PostGIS server}
db="o2o_workers_$$"
db_url="${admin_url%/*}/$db"
tmp=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
pid=''

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

psql "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
DATABASE_URL="$db_url" npx tsx src/db/migrate-cli.ts >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log"; exit 1; }
node src/web/build.mjs >/dev/null

# Secrets the Worker reads, generated per run and kept out of the repository (.dev.vars format).
webhook_secret="whsec_$(openssl rand -hex 16)"
cat >"$tmp/dev.vars" <<VARS
DATABASE_URL=$db_url
JWT_SECRET=$(openssl rand -hex 32)
PASSWORD_PEPPER=$(openssl rand -hex 32)
STRIPE_SECRET_KEY=sk_test_workers_ci
STRIPE_WEBHOOK_SECRET=$webhook_secret
VARS

echo "[workers] wrangler dev --local on port $port, database $db"
WRANGLER_SEND_METRICS=false setsid npx wrangler dev --local --ip 127.0.0.1 --port "$port" --env-file "$tmp/dev.vars" \
  --persist-to "$tmp/state" --show-interactive-dev-session=false >"$tmp/wrangler.log" 2>&1 </dev/null &
pid=$!
for i in $(seq 1 90); do
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$tmp/wrangler.log"; echo '[workers] FAIL: wrangler exited'; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" = 200 ] && break
  [ "$i" -eq 90 ] && { tail -n 40 "$tmp/wrangler.log"; echo '[workers] FAIL: not healthy after 90 s'; exit 1; }
  sleep 1
done
echo "[workers] healthy after ${i} s"
BASE_URL="http://127.0.0.1:$port" STRIPE_WEBHOOK_SECRET="$webhook_secret" npx tsx test/workers/flows.ts || {
  echo '[workers] last wrangler output:'; tail -n 40 "$tmp/wrangler.log" | sed 's/^/    /'; exit 1
}
