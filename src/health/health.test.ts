import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index'
import { useTestApp } from '../../test/support/app'
import { freePort } from '../../test/support/server-process'
import { createApp } from '../app'
import type { AppDeps } from '../context'
import { openPostgres } from '../db/client'

const t = useTestApp()
const expected = Object.keys(migrations).length

/** Calls /ready on an app over other dependencies than the shared test app's. */
async function readyWith(overrides: Partial<AppDeps>) {
  const res = await createApp({ ...t.deps, ...overrides }).request('/ready')
  return { status: res.status, headers: res.headers, body: await res.json() }
}

function expectNotReady(res: { status: number; headers: Headers; body: { code: string } }, code: string) {
  expect(res.status).toBe(503)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(res.body.code).toBe(code)
}

/** A handle to a server where nothing listens: every query fails without costing another database. */
async function unreachable() {
  return openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/none`, { max: 1 })
}

describe('/health (liveness)', () => {
  it('answers 200 without touching the database, even when it cannot be reached', async () => {
    const gone = await unreachable()
    try {
      const res = await createApp({ ...t.deps, db: gone.db }).request('/health')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok', db: t.deps.dbKind })
    } finally {
      await gone.close()
    }
  })
})

describe('/ready (readiness)', () => {
  it('answers 200 with the database kind and the migrations applied of those expected', async () => {
    const res = await t.call('GET', '/ready')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ready', db: t.deps.dbKind, migrations: { applied: expected, expected } })
  })

  it('answers 503 naming the missing migration when the schema is behind', async () => {
    const last = Object.keys(migrations).at(-1)!
    const row = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration WHERE name = ${last}`.execute(t.db)
    await sql`DELETE FROM kysely_migration WHERE name = ${last}`.execute(t.db)
    try {
      const res = await t.call('GET', '/ready')
      expectNotReady(res, 'migrations_pending')
      expect(res.body.detail).toContain(`${expected - 1} of ${expected} migrations applied`)
      expect(res.body.detail).toContain(last)
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last}, ${row.rows[0]!.timestamp})`.execute(t.db)
    }
    expect((await t.call('GET', '/ready')).status).toBe(200)
  })

  it('answers 503 on a database that was never migrated (no migrations table)', async () => {
    await sql`ALTER TABLE kysely_migration RENAME TO kysely_migration_hidden`.execute(t.db)
    try {
      const res = await t.call('GET', '/ready')
      expectNotReady(res, 'migrations_pending')
      expect(res.body.detail).toContain(`0 of ${expected}`)
    } finally {
      await sql`ALTER TABLE kysely_migration_hidden RENAME TO kysely_migration`.execute(t.db)
    }
  })

  it('answers 503 when the database cannot be reached', async () => {
    const gone = await unreachable()
    try {
      expectNotReady(await readyWith({ db: gone.db }), 'database_unavailable')
    } finally {
      await gone.close()
    }
  })

  it('answers 503 while the server is shutting down', async () => {
    expectNotReady(await readyWith({ isDraining: () => true }), 'shutting_down')
  })

  it.skipIf(!process.env.TEST_DATABASE_URL)('answers 503 within about 1 s when the database does not answer (server only: PGlite has no lock waits)', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let locked!: () => void
    const isLocked = new Promise<void>((r) => (locked = r))
    const holder = t.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE kysely_migration IN ACCESS EXCLUSIVE MODE`.execute(trx)
      locked()
      await held
    })
    await isLocked
    try {
      const started = performance.now()
      expectNotReady(await readyWith({}), 'database_unavailable')
      expect(performance.now() - started).toBeLessThan(2000)
    } finally {
      release()
      await holder
    }
    expect((await t.call('GET', '/ready')).status).toBe(200)
  })
})

describe('the OpenAPI document', () => {
  it('lists /health and /ready with their answers', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body
    expect(Object.keys(doc.paths['/health'].get.responses).sort()).toEqual(['200', '406', '500'])
    expect(Object.keys(doc.paths['/ready'].get.responses).sort()).toEqual(['200', '406', '500', '503'])
    expect(doc.components.schemas.Readiness.properties.migrations).toBeDefined()
  })
})

describe('after the database handle is closed', () => {
  // Last in the file: it closes the shared test database (afterAll's second close is harmless).
  it('/ready answers 503 and /health still 200', async () => {
    await t.handle.close()
    expectNotReady(await t.call('GET', '/ready'), 'database_unavailable')
    expect((await t.call('GET', '/health')).status).toBe(200)
  })
})
