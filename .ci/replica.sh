#!/usr/bin/env bash
# A real streaming pair for the read-replica test and the benchmark's replica row: a small primary
# cluster "ci_primary" on port 5434 and "ci_replica" on 5435 made from it with pg_basebackup -R.
# Its own primary, not the one on 5432: a base backup copies every database of its primary, and the
# main server may hold large benchmark copies (a disk filled by them stops every database on it).
# Idempotent; run as root.
set -euo pipefail
ver=15
primary=ci_primary
replica=ci_replica
dir=/var/lib/postgresql/$ver/$replica

has_cluster() { pg_lsclusters -h | awk '{print $2}' | grep -qx "$1"; }
streaming() { [ "$(psql -h 127.0.0.1 -p 5435 -U postgres -Atc "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" = 1 ]; }
base_backup() {
  pg_ctlcluster --skip-systemctl-redirect $ver $replica stop -m fast >/dev/null 2>&1 || true
  rm -rf "$dir"
  install -d -o postgres -g postgres -m 700 "$dir"
  su postgres -c "pg_basebackup -h 127.0.0.1 -p 5434 -U postgres -D $dir -R -X stream -c fast"
  pg_ctlcluster --skip-systemctl-redirect $ver $replica start
}

# initdb --auth=trust: local and replication connections on 127.0.0.1 need no password, as on 5432 in CI.
has_cluster $primary || pg_createcluster $ver $primary --port 5434 -- --auth=trust >/dev/null
pg_ctlcluster --skip-systemctl-redirect $ver $primary start >/dev/null 2>&1 || true
for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5434 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5434 -q || { echo '[replica] FAIL: the primary on 5434 did not start'; exit 1; }

if ! has_cluster $replica; then
  pg_createcluster $ver $replica --port 5435 -- --auth=trust >/dev/null
  base_backup
fi
pg_ctlcluster --skip-systemctl-redirect $ver $replica start >/dev/null 2>&1 || true
for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5435 -q && break; sleep 1; done
for _ in $(seq 1 15); do streaming && break; sleep 1; done
# A replica left stopped too long has lost the WAL it needs (no slot keeps it): rebuild it.
if ! streaming; then
  echo '[replica] not streaming (WAL it needs is gone): rebuilding from a fresh base backup'
  base_backup
  for _ in $(seq 1 60); do streaming && break; sleep 1; done
  streaming || { echo '[replica] FAIL: the rebuilt replica does not stream'; exit 1; }
fi
[ "$(psql -h 127.0.0.1 -p 5435 -U postgres -Atc 'SELECT pg_is_in_recovery()')" = t ] || { echo '[replica] FAIL: 5435 is not a replica'; exit 1; }
echo '[replica] primary on 127.0.0.1:5434, streaming replica on 127.0.0.1:5435'
