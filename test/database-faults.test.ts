import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabaseHandle } from './support/db'
import { makeMerchant } from './support/factories'
import { lockWaiter } from './support/locks'
import { type ServerProcess, startServerProcess } from './support/server-process'

const NEARBY = '/v1/search/nearby?lat=30.2741&lng=120.1551&radius_m=3000'
const LOCK_TIMEOUT_MS = 1500

interface Answer {
  status: number
  contentType: string | null
  retryAfter: string | null
  code?: string
  ms: number
}

async function get(base: string, path: string): Promise<Answer> {
  const started = performance.now()
  try {
    const res = await fetch(base + path)
    const text = await res.text()
    const code = res.status >= 400 ? (JSON.parse(text) as { code?: string }).code : undefined
    return { status: res.status, contentType: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), code, ms: performance.now() - started }
  } catch {
    return { status: 0, contentType: null, retryAfter: null, ms: performance.now() - started } // no answer at all
  }
}

function expectRetryable503(a: Answer) {
  expect(a.status).toBe(503)
  expect(a.contentType).toBe('application/problem+json')
  expect(Number(a.retryAfter)).toBeGreaterThan(0)
}

// PGlite runs in the server's own process with one session: there are no connections to cut and no
// lock waits between sessions, so these faults exist only on a PostgreSQL server.
describe.skipIf(!process.env.TEST_DATABASE_URL)('the real server under database faults (PostgreSQL server only)', () => {
  let db: TestDatabaseHandle
  let api: ServerProcess
  let admin: pg.Client

  beforeAll(async () => {
    db = await openTestDatabase()
    for (let i = 0; i < 30; i++) await makeMerchant(db.db, { lat: 30.2741 + (i % 6) * 0.002, lng: 120.1551 + Math.floor(i / 6) * 0.002 })
    api = await startServerProcess(
      { DATABASE_URL: db.url!, JWT_SECRET: 'faults-secret-faults-secret-faults-0123', DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) },
      { echo: 'none' },
    )
    admin = new pg.Client({ connectionString: db.url })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.end()
    await api?.stop()
    await db?.close()
  })

  it('survives every backend being terminated mid-traffic: failed requests get 503, later ones 200', async () => {
    const traffic: Answer[] = []
    let running = true
    const loops = Array.from({ length: 4 }, async () => {
      while (running) traffic.push(await get(api.url, NEARBY))
    })

    // Each round parks one request on a lock so a kill certainly hits a query in flight, then
    // terminates every other backend of the database, busy or idle, as a failover or restart would.
    const parked: Answer[] = []
    for (let round = 0; round < 4; round++) {
      await admin.query('BEGIN')
      await admin.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE')
      const waiting = get(api.url, '/v1/categories')
      await lockWaiter(admin, 'categories')
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
      expect(killed.rowCount).toBeGreaterThan(0)
      await admin.query('COMMIT')
      parked.push(await waiting)
      await new Promise((r) => setTimeout(r, 250))
    }
    running = false
    await Promise.all(loops)

    expect(api.child.exitCode).toBeNull()
    expect(api.output()).not.toMatch(/Unhandled 'error' event|uncaught/i)
    for (const a of parked) {
      expectRetryable503(a)
      expect(a.code).toBe('database_unavailable')
    }
    expect(traffic.length).toBeGreaterThan(20)
    const statuses = new Set(traffic.map((a) => a.status))
    expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([])
    for (const a of traffic.filter((x) => x.status === 503)) expectRetryable503(a)

    // Afterwards the pool has fresh connections: everything answers without a restart.
    for (let i = 0; i < 10; i++) expect((await get(api.url, NEARBY)).status).toBe(200)
    expect((await get(api.url, '/v1/categories')).status).toBe(200)
    expect((await get(api.url, '/ready')).status).toBe(200)
  })

  it('a locked table fails its own requests with 503 after lock_timeout while other features answer 200', async () => {
    await admin.query('BEGIN')
    await admin.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE')
    try {
      const locked = get(api.url, '/v1/categories')
      await lockWaiter(admin, 'categories')
      const unrelated = await get(api.url, NEARBY)
      expect(unrelated.status).toBe(200)
      expect(unrelated.ms).toBeLessThan(LOCK_TIMEOUT_MS)
      const answer = await locked
      expectRetryable503(answer)
      expect(answer.code).toBe('database_busy')
      expect(answer.ms).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 100)
      expect(answer.ms).toBeLessThan(LOCK_TIMEOUT_MS + 2000)
    } finally {
      await admin.query('COMMIT')
    }
    expect((await get(api.url, '/v1/categories')).status).toBe(200)
    expect(api.child.exitCode).toBeNull()
  })
})
