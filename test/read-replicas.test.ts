import { spawnSync } from 'node:child_process'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openReadReplicas } from '../src/db/read-replicas'
import { openTestDatabase, type TestDatabaseHandle } from './support/db'
import { makeMerchant } from './support/factories'
import { type ServerProcess, startServerProcess } from './support/server-process'

// A real streaming replica of the TEST_DATABASE_URL server (.ci/replica.sh builds a pair: primary
// on 5434, replica on 5435): TEST_REPLICA_URL points at it, TEST_REPLICA_CLUSTER (e.g. "15 ci_replica")
// lets the test stop and start it with pg_ctlcluster.
const replicaBase = process.env.TEST_REPLICA_URL
const cluster = process.env.TEST_REPLICA_CLUSTER ?? '15 ci_replica'
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

  /** Waits until the replica has replayed all the primary had written when called (instant on a quiet primary). */
  const caughtUp = async (ms = 240_000) => {
    const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db.db)
    const c = new pg.Client({ connectionString: replicaBase })
    await c.connect()
    try {
      for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        if ((await c.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0]?.lsn])).rows[0].done) return
      }
      throw new Error(`the replica did not catch up within ${ms} ms`)
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase()
    replicaUrl = withDatabase(replicaBase as string, new URL(db.url as string).pathname.slice(1))
    for (let i = 0; i < 10; i++) await makeMerchant(db.db, { lat: 30.2741 + i * 0.001, lng: 120.1551 })
    // The new database and its rows arrive over streaming replication (slowly when other work
    // floods the primary with WAL, as on a shared development machine).
    await caughtUp()
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
      {
        DATABASE_URL: db.url as string,
        DATABASE_READ_URL: replicaUrl,
        JWT_SECRET: 'replica-secret-replica-secret-replica-0123',
        PASSWORD_PEPPER: 'replica-pepper-replica-pepper-replica-0123',
        // The routing test pauses replay on the replica; it must not be dropped for lag meanwhile.
        MAX_REPLICA_LAG_MS: '600000',
      },
      { echo: 'none' },
    )
  }, 300_000)
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

  it('reads storefronts, offerings, reviews and categories on the replica, except a caller reading their own writes', async () => {
    const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(api.url + path, {
        method,
        headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json().catch(() => null)) as any }
    }
    const register = async (role: string) => {
      const res = await call('POST', '/v1/auth/register', undefined, { email: `${role}-${Math.random().toString(36).slice(2)}@example.test`, password: 'replica routing passphrase 9', name: role, role })
      expect(res.status).toBe(201)
      return res.body.token as string
    }
    const owner = await register('merchant')
    const consumer = await register('consumer')
    const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }))
    const store = await call('POST', '/v1/merchants', owner, { name: 'Before the edit', category: 'coffee', location: { lat: 30.28, lng: 120.16 }, timezone: 'Asia/Shanghai', hours })
    expect(store.status).toBe(201)
    const id = store.body.id as string
    const first = await call('POST', `/v1/merchants/${id}/offerings`, owner, { name: 'Espresso', kind: 'voucher', price_cents: 1500, currency: 'CNY' })
    expect(first.status).toBe(201)
    expect((await call('POST', `/v1/merchants/${id}/publish`, owner)).status).toBe(200)
    const order = await call('POST', '/v1/orders', consumer, { merchant_id: id, items: [{ offering_id: first.body.id, quantity: 1 }], payment_method: 'cash' }, { 'Idempotency-Key': `replica-${id}` })
    expect(order.status).toBe(201)
    expect((await call('POST', `/v1/merchants/${id}/redemptions`, owner, { code: order.body.redemption_code })).status).toBe(200)
    await caughtUp()

    // Hold the replica where it is: from now on it shows the past, the primary the present.
    await onReplica('SELECT pg_wal_replay_pause()')
    try {
      expect((await call('PATCH', `/v1/merchants/${id}`, owner, { name: 'After the edit' })).status).toBe(200)
      expect((await call('POST', `/v1/merchants/${id}/offerings`, owner, { name: 'Latte', kind: 'voucher', price_cents: 2500, currency: 'CNY' })).status).toBe(201)
      expect((await call('POST', `/v1/orders/${order.body.id}/review`, consumer, { rating: 5, text: 'Fresh on the primary' })).status).toBe(201)
      await db.db.insertInto('categories').values({ slug: 'replica-test', name: 'Replica test', name_zh: null, position: 999 }).execute()
      const unseen = await makeMerchant(db.db, { name: 'Not replicated yet' })

      // Anyone but the owner reads the storefront on the replica: the edit is not there yet.
      expect((await call('GET', `/v1/merchants/${id}`)).body.name).toBe('Before the edit')
      expect((await call('GET', `/v1/merchants/${id}`, consumer)).body.name).toBe('Before the edit')
      // Its owner reads the primary and sees the edit at once; so do the owner's offerings.
      expect((await call('GET', `/v1/merchants/${id}`, owner)).body.name).toBe('After the edit')
      expect((await call('GET', `/v1/merchants/${id}/offerings`)).body.data.map((o: { name: string }) => o.name)).toEqual(['Espresso'])
      expect((await call('GET', `/v1/merchants/${id}/offerings`, owner)).body.data.map((o: { name: string }) => o.name).sort()).toEqual(['Espresso', 'Latte'])
      // Reviews: anonymous readers get the replica, a signed-in caller (who may just have reviewed) the primary.
      expect((await call('GET', `/v1/merchants/${id}/reviews`)).body.data).toEqual([])
      expect((await call('GET', `/v1/merchants/${id}/reviews`, consumer)).body.data.map((r: { text: string }) => r.text)).toEqual(['Fresh on the primary'])
      const categories = await call('GET', '/v1/categories')
      expect(categories.status).toBe(200)
      expect(categories.body.data.some((c: { slug: string }) => c.slug === 'replica-test')).toBe(false)
      // A storefront the replica has not got yet is found on the primary: lag never becomes a 404.
      const fresh = await call('GET', `/v1/merchants/${unseen.id}`)
      expect([fresh.status, fresh.body.name]).toEqual([200, 'Not replicated yet'])
      expect((await call('GET', `/v1/merchants/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).status).toBe(404)
    } finally {
      await onReplica('SELECT pg_wal_replay_resume()')
    }
    await caughtUp()
    expect((await call('GET', `/v1/merchants/${id}`)).body.name).toBe('After the edit')
  }, 600_000)

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

  it('stops reading from a replica further behind than MAX_REPLICA_LAG_MS, paused or cut off from its primary, and takes it back once current', async () => {
    const replicas = openReadReplicas([replicaUrl], {
      primaryUrl: db.url as string,
      maxLagMs: 1000,
      max: 2,
      timeouts: { acquireMs: 2000, statementMs: 5000, lockMs: 3000, idleInTransactionMs: 10_000 },
      checkEveryMs: 3_600_000, // checked by hand below
    })
    const serving = async () => {
      await replicas.check()
      return replicas.status()[0]?.healthy
    }
    const named = (name: string) => replicas.db.selectFrom('merchants').select('name').where('name', '=', name).execute()
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    try {
      await caughtUp()
      expect(await serving()).toBe(true)

      // Replay paused: the replica receives WAL but shows the past.
      await onReplica('SELECT pg_wal_replay_pause()')
      try {
        await makeMerchant(db.db, { name: 'Written while replay is paused' })
        await sleep(1500)
        expect(await serving()).toBe(false)
        expect(await named('Written while replay is paused')).toHaveLength(1) // read on the primary
      } finally {
        await onReplica('SELECT pg_wal_replay_resume()')
      }
      await caughtUp()
      expect(await serving()).toBe(true)

      // Cut off from the primary (no WAL receiver): it has replayed all it received, so only the
      // primary's position shows how far behind it is.
      const conninfo = (await onReplica('SHOW primary_conninfo'))[0].primary_conninfo as string
      const receiving = async () => Number((await onReplica('SELECT count(*) AS n FROM pg_stat_wal_receiver'))[0].n) > 0
      await onReplica("ALTER SYSTEM SET primary_conninfo = ''")
      await onReplica('SELECT pg_reload_conf()')
      try {
        for (let i = 0; i < 100 && (await receiving()); i++) await sleep(100)
        expect(await receiving()).toBe(false)
        await makeMerchant(db.db, { name: 'Written while the replica is cut off' })
        await sleep(1500)
        expect(await serving()).toBe(false)
        expect(await named('Written while the replica is cut off')).toHaveLength(1)
      } finally {
        await onReplica(`ALTER SYSTEM SET primary_conninfo = '${conninfo.replace(/'/g, "''")}'`)
        await onReplica('SELECT pg_reload_conf()')
      }
      await caughtUp()
      expect(await serving()).toBe(true)
    } finally {
      await replicas.close()
    }
  }, 300_000)
})
