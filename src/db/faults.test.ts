import { Hono } from 'hono'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabaseHandle } from '../../test/support/db'
import { freePort } from '../../test/support/server-process'
import { handleError } from '../http/problem'
import { type DatabaseHandle, type DatabaseTimeouts, openPostgres } from './client'

const onServer = Boolean(process.env.TEST_DATABASE_URL)
const NO_LIMITS: DatabaseTimeouts = { acquireMs: 0, statementMs: 0, lockMs: 0, idleInTransactionMs: 0 }

/** The app's real error mapper behind one route that runs `work` against the database. */
function appRunning(work: () => Promise<unknown>) {
  const app = new Hono().get('/work', async (c) => c.json(await work()))
  app.onError(handleError)
  return async () => {
    const started = performance.now()
    const res = await app.request('/work')
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started }
  }
}

function expectUnavailable(res: { status: number; headers: Headers; body: { code: string } }, code: string) {
  expect(res.status).toBe(503)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(res.body.code).toBe(code)
}

describe('a database that cannot be reached', () => {
  it('answers 503 database_unavailable with Retry-After, not 500', async () => {
    const port = await freePort() // nothing listens there
    const handle = openPostgres(`postgres://postgres@127.0.0.1:${port}/none`, { max: 1, timeouts: { ...NO_LIMITS, acquireMs: 2000 } })
    try {
      const res = await appRunning(() => sql`SELECT 1`.execute(handle.db))()
      expectUnavailable(res, 'database_unavailable')
    } finally {
      await handle.close()
    }
  })
})

describe.skipIf(!onServer)('timeouts on a PostgreSQL server (PGlite runs one in-process session: no pool, no lock waits, and it does not enforce statement_timeout)', () => {
  let db: TestDatabaseHandle
  const opened: DatabaseHandle[] = []
  const pool = (max: number, timeouts: Partial<DatabaseTimeouts>) => {
    const handle = openPostgres(db.url!, { max, timeouts: { ...NO_LIMITS, ...timeouts } })
    opened.push(handle)
    return handle
  }

  beforeAll(async () => {
    db = await openTestDatabase()
  })
  afterAll(async () => {
    for (const h of opened) await h.close()
    await db?.close()
  })

  it('cancels a statement past statement_timeout and answers 503 database_timeout', async () => {
    const handle = pool(2, { statementMs: 200 })
    const res = await appRunning(() => sql`SELECT pg_sleep(3)`.execute(handle.db))()
    expectUnavailable(res, 'database_timeout')
    expect(res.ms).toBeLessThan(1500)
    expect((await sql<{ n: number }>`SELECT 1 AS n`.execute(handle.db)).rows).toEqual([{ n: 1 }])
  })

  it('gives up waiting for a lock after lock_timeout: 503 database_busy', async () => {
    const handle = pool(2, { lockMs: 300 })
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let locked!: () => void
    const isLocked = new Promise<void>((r) => (locked = r))
    const holder = db.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE categories IN ACCESS EXCLUSIVE MODE`.execute(trx)
      locked()
      await held
    })
    await isLocked
    try {
      const res = await appRunning(() => handle.db.selectFrom('categories').select('slug').execute())()
      expectUnavailable(res, 'database_busy')
      expect(res.ms).toBeGreaterThanOrEqual(250)
      expect(res.ms).toBeLessThan(2000)
    } finally {
      release()
      await holder
    }
    expect((await handle.db.selectFrom('categories').select('slug').execute()).length).toBeGreaterThan(0)
  })

  it('stops waiting for a pooled connection after the acquire timeout: 503 database_busy', async () => {
    const handle = pool(1, { acquireMs: 200 })
    const busy = sql`SELECT pg_sleep(1)`.execute(handle.db)
    const res = await appRunning(() => sql`SELECT 1`.execute(handle.db))()
    expectUnavailable(res, 'database_busy')
    expect(res.ms).toBeLessThan(900)
    await busy
  })

  it('ends a transaction left idle past idle_in_transaction_session_timeout: 503, then a fresh connection works', async () => {
    const handle = pool(1, { idleInTransactionMs: 200 })
    const res = await appRunning(() =>
      handle.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx)
        await new Promise((r) => setTimeout(r, 600))
        return sql`SELECT 1`.execute(trx)
      }),
    )()
    expectUnavailable(res, 'database_unavailable')
    expect((await sql<{ n: number }>`SELECT 2 AS n`.execute(handle.db)).rows).toEqual([{ n: 2 }])
  })

  it('leaves a pool opened without timeouts unlimited (migrations, seeding, bulk loads)', async () => {
    const handle = pool(1, {})
    const { rows } = await sql<{ s: string; l: string; i: string }>`
      SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l,
             current_setting('idle_in_transaction_session_timeout') AS i`.execute(handle.db)
    expect(rows[0]).toEqual({ s: '0', l: '0', i: '0' })
    const limited = pool(1, { statementMs: 10_000, lockMs: 3000, idleInTransactionMs: 30_000 })
    const set = await sql<{ s: string; l: string; i: string }>`
      SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l,
             current_setting('idle_in_transaction_session_timeout') AS i`.execute(limited.db)
    expect(set.rows[0]).toEqual({ s: '10s', l: '3s', i: '30s' })
  })
})
