#!/usr/bin/env bash
# Builds a streaming replica of the local PostgreSQL 15 primary (port 5432) as a second cluster
# "replica" on port 5433: a replication line in pg_hba.conf (reload only; wal_level=replica and
# max_wal_senders=10 are PG15 defaults), then pg_basebackup -R. Idempotent; run as root.
set -euo pipefail
hba=$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW hba_file')
if ! grep -Eq '^host\s+replication\s+all\s+127\.0\.0\.1/32' "$hba"; then
  echo 'host replication all 127.0.0.1/32 trust' >>"$hba"
  psql -h 127.0.0.1 -U postgres -qc 'SELECT pg_reload_conf()' >/dev/null
fi
dir=/var/lib/postgresql/15/replica
# A base backup copies the whole primary cluster (every database on it). Refuse when it would leave
# the disk nearly full: a full disk stops the primary too.
need_kb=$(( $(psql -h 127.0.0.1 -U postgres -Atc 'SELECT (sum(pg_database_size(oid)) / 1024)::bigint FROM pg_database') * 12 / 10 + 2 * 1024 * 1024 ))
free_kb=$(df -Pk "$(dirname "$dir")" | awk 'NR==2 {print $4}')
if [ ! -f "$dir/standby.signal" ] && [ "$free_kb" -lt "$need_kb" ]; then
  echo "[replica] FAIL: a base backup needs about $((need_kb / 1024 / 1024)) GiB, only $((free_kb / 1024 / 1024)) GiB free (large databases on the primary?)"
  exit 1
fi
pg_lsclusters -h | awk '{print $2}' | grep -qx replica || pg_createcluster 15 replica --port 5433 >/dev/null
if [ ! -f "$dir/standby.signal" ]; then
  rm -rf "$dir"
  install -d -o postgres -g postgres -m 700 "$dir"
  su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $dir -R -X stream -c fast"
fi
# The replica answers clients as the primary does (trust on 127.0.0.1, as in CI).
cp "$hba" /etc/postgresql/15/replica/pg_hba.conf
pg_ctlcluster --skip-systemctl-redirect 15 replica reload 2>/dev/null || true
pg_ctlcluster --skip-systemctl-redirect 15 replica start 2>/dev/null || true
for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5433 -q && break; sleep 1; done
# A replica left stopped too long has lost the WAL it needs (no slot keeps it): rebuild it.
streaming() { [ "$(psql -h 127.0.0.1 -p 5433 -U postgres -Atc "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" = 1 ]; }
for _ in $(seq 1 15); do streaming && break; sleep 1; done
if ! streaming; then
  echo '[replica] not streaming (WAL it needs is gone): rebuilding from a fresh base backup'
  pg_ctlcluster --skip-systemctl-redirect 15 replica stop -m fast 2>/dev/null || true
  rm -rf "$dir"
  install -d -o postgres -g postgres -m 700 "$dir"
  su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $dir -R -X stream -c fast"
  pg_ctlcluster --skip-systemctl-redirect 15 replica start
  for _ in $(seq 1 60); do streaming && break; sleep 1; done
  streaming || { echo '[replica] FAIL: the rebuilt replica does not stream'; exit 1; }
fi
[ "$(psql -h 127.0.0.1 -p 5433 -U postgres -Atc 'SELECT pg_is_in_recovery()')" = t ] || { echo '[replica] FAIL: 5433 is not a replica'; exit 1; }
echo '[replica] streaming replica on 127.0.0.1:5433'
