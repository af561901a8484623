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
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=$(free_port)
node_port=$(free_port)
pid=''
node_pid=''

cleanup() {
  [ -n "$node_pid" ] && kill -TERM -- "-$node_pid" 2>/dev/null || true
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

# Secrets the Worker reads, generated per run and kept out of the repository (.dev.vars format);
# sign-in limits raised, as every flow signs in from 127.0.0.1 (the limits have tests of their own).
webhook_secret="whsec_$(openssl rand -hex 16)"
jwt_secret=$(openssl rand -hex 32)
pepper=$(openssl rand -hex 32)
cat >"$tmp/secrets.vars" <<VARS
JWT_SECRET=$jwt_secret
PASSWORD_PEPPER=$pepper
STRIPE_SECRET_KEY=sk_test_workers_ci
STRIPE_WEBHOOK_SECRET=$webhook_secret
RATE_LIMIT_SIGNIN_EMAIL_MAX=100
RATE_LIMIT_SIGNIN_IP_MAX=1000
VARS
{ echo "DATABASE_URL=$db_url"; cat "$tmp/secrets.vars"; } >"$tmp/direct.vars"

# The Node server (`npm start`) on the same database and secrets: password hashes and tokens made
# by either must work on the other.
DATABASE_URL="$db_url" JWT_SECRET="$jwt_secret" PASSWORD_PEPPER="$pepper" PORT="$node_port" \
  RATE_LIMIT_SIGNIN_EMAIL_MAX=100 RATE_LIMIT_SIGNIN_IP_MAX=1000 \
  setsid npx tsx src/server.ts >"$tmp/node.log" 2>&1 </dev/null &
node_pid=$!
for i in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$node_port/health" || true)" = 200 ] && break
  [ "$i" -eq 60 ] && { tail -n 40 "$tmp/node.log"; echo '[workers] FAIL: the Node server is not healthy after 60 s'; exit 1; }
  sleep 1
done

# flows <label> <wrangler args…>: starts `wrangler dev --local`, runs the flows through it, stops it.
flows() {
  local label=$1
  shift
  echo "[workers] $label: wrangler dev --local on port $port, database $db"
  WRANGLER_SEND_METRICS=false setsid npx wrangler dev --local --ip 127.0.0.1 --port "$port" "$@" \
    --persist-to "$tmp/state" --show-interactive-dev-session=false >"$tmp/wrangler.log" 2>&1 </dev/null &
  pid=$!
  for i in $(seq 1 90); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$tmp/wrangler.log"; echo '[workers] FAIL: wrangler exited'; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" = 200 ] && break
    [ "$i" -eq 90 ] && { tail -n 40 "$tmp/wrangler.log"; echo '[workers] FAIL: not healthy after 90 s'; exit 1; }
    sleep 1
  done
  echo "[workers] healthy after ${i} s"
  BASE_URL="http://127.0.0.1:$port" NODE_BASE_URL="http://127.0.0.1:$node_port" DATABASE_URL="$db_url" \
    STRIPE_WEBHOOK_SECRET="$webhook_secret" npx tsx test/workers/flows.ts || {
    echo '[workers] last wrangler output:'; tail -n 40 "$tmp/wrangler.log" | sed 's/^/    /'; exit 1
  }
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  pid=''
}

# 1. DATABASE_URL as a secret: a direct connection per request, plain statements.
flows 'direct DATABASE_URL' --env-file "$tmp/direct.vars"
# 2. The Hyperdrive binding (no DATABASE_URL at all): the Worker takes env.HYPERDRIVE.connectionString
#    and names its hot statements; locally the binding connects straight to the database.
#    Miniflare insists on a password in the URL; CI's server trusts local connections and ignores it.
hyperdrive_url=$(node -e "const u=new URL(process.argv[1]); if(!u.password) u.password='unused'; console.log(u.href)" "$db_url")
CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE="$hyperdrive_url" \
  flows 'Hyperdrive binding' --config test/workers/wrangler.hyperdrive.toml --env-file "$tmp/secrets.vars"
