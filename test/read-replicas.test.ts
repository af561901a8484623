import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabaseHandle } from './support/db'
import { makeMerchant } from './support/factories'
import { type ServerProcess, startServerProcess } from './support/server-process'

// A real streaming replica (.ci/replica.sh builds one on port 5433): TEST_REPLICA_URL points at it,
// TEST_REPLICA_CLUSTER (e.g. "15 replica") lets the test stop and start it with pg_ctlcluster.
const replicaBase = process.env.TEST_REPLICA_URL
const cluster = process.env.TEST_REPLICA_CLUSTER ?? '15 replica'
const NEARBY = '/v1/search/nearby?lat=30.2741&lng=120.1551&radius_m=3000'

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

function pgCtl(action: 'start' | 'stop') {
  const r = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', ...cluster.split(' '), action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pg_ctlcluster ${action}: ${r.stderr}`)
}

describe.skipIf(!replicaBase || !process.env.TEST_DATABASE_URL)('reads on a streaming replica (DATABASE_READ_URL)', () => {
  let db: TestDatabaseHandle
  let api: ServerProcess
  let replicaUrl: string
  const onReplica = async (text: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: replicaUrl })
    await c.connect()
    try {
      return (await c.query(text, values)).rows
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase()
    replicaUrl = withDatabase(replicaBase as string, new URL(db.url as string).pathname.slice(1))
    for (let i = 0; i < 10; i++) await makeMerchant(db.db, { lat: 30.2741 + i * 0.001, lng: 120.1551 })
    // The new database and its rows arrive over streaming replication.
    // Creating a database copies its template, which a busy replica can take a while to replay.
    let replayed = false
    for (let i = 0; i < 600 && !replayed; i++) {
      try {
        replayed = Number((await onReplica('SELECT count(*) AS n FROM merchants'))[0].n) >= 10
      } catch {
        // database not replayed yet
      }
      if (!replayed) await new Promise((r) => setTimeout(r, 100))
    }
    if (!replayed) throw new Error('the replica did not replay the test database within 60 s')
    api = await startServerProcess(
      { DATABASE_URL: db.url as string, DATABASE_READ_URL: replicaUrl, JWT_SECRET: 'replica-secret-replica-secret-replica-0123', PASSWORD_PEPPER: 'replica-pepper-replica-pepper-replica-0123' },
      { echo: 'none' },
    )
  }, 120_000)
  afterAll(async () => {
    try {
      pgCtl('start')
    } catch {
      // already running
    }
    await api?.stop()
    await db?.close()
  })

  it('answers searches from the replica (its connections carry application_name o2o-read-1)', async () => {
    const res = await fetch(api.url + NEARBY)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(10)
    const sessions = await onReplica('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', ['o2o-read-1'])
    expect(Number(sessions[0].n)).toBeGreaterThan(0)
    expect(api.output()).toContain('replica 1 up')
  })

  it('sends writes to the primary: registering works while the replica is read-only', async () => {
    const res = await fetch(`${api.url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'replica-writer@example.test', password: 'replica writer passphrase 3', name: 'Writer', role: 'consumer' }),
    })
    expect(res.status).toBe(201)
    expect((await onReplica('SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true)
  })

  it('falls back to the primary, without errors, while the replica is stopped', async () => {
    pgCtl('stop')
    try {
      const statuses: number[] = []
      for (let i = 0; i < 10; i++) statuses.push((await fetch(api.url + NEARBY)).status)
      expect(statuses).toEqual(Array(10).fill(200))
      // The health check (every 2 s) notices the stop and says so once.
      for (let i = 0; i < 50 && !/replica 1 (unreachable|down or lagging)/.test(api.output()); i++) await new Promise((r) => setTimeout(r, 200))
      expect(api.output()).toMatch(/replica 1 (unreachable|down or lagging)/)
    } finally {
      pgCtl('start')
    }
  }, 60_000)
})
