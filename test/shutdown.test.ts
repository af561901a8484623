import { connect } from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabaseHandle } from './support/db'
import { lockWaiter } from './support/locks'
import { type ServerProcess, startServerProcess } from './support/server-process'

const SECRET = 'shutdown-secret-shutdown-secret-0123'

/** Resolves with the socket error code of a fresh TCP connection, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
  })
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Parks GET /v1/categories behind a table lock held by `admin`; resolves once the request waits. */
async function parkRequest(api: ServerProcess, admin: pg.Client) {
  await admin.query('BEGIN')
  await admin.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE')
  const request = fetch(`${api.url}/v1/categories`).then(
    async (res) => ({ status: res.status, body: await res.text() }),
    (err: Error) => ({ status: 0, body: err.message }),
  )
  await lockWaiter(admin, 'categories')
  return { request } // wrapped: an async function returning the promise itself would wait for it
}

// A request made slow on purpose needs a lock wait between sessions, which PGlite does not have.
describe.skipIf(!process.env.TEST_DATABASE_URL)('graceful shutdown of the server process (PostgreSQL server only)', () => {
  let db: TestDatabaseHandle
  let admin: pg.Client
  const started: ServerProcess[] = []

  beforeAll(async () => {
    db = await openTestDatabase()
    admin = new pg.Client({ connectionString: db.url })
    await admin.connect()
  })
  afterAll(async () => {
    for (const api of started) await api.stop(1000)
    await admin?.end()
    await db?.close()
  })

  it('on SIGTERM stops accepting, finishes the request in flight with 200, then exits 0', async () => {
    const api = await startServerProcess({ DATABASE_URL: db.url!, JWT_SECRET: SECRET, DB_LOCK_TIMEOUT_MS: '60000', DB_STATEMENT_TIMEOUT_MS: '60000' }, { echo: 'none' })
    started.push(api)
    const { request: inFlight } = await parkRequest(api, admin)

    api.child.kill('SIGTERM')
    await until(() => api.output().includes('SIGTERM: shutting down'), 'the shutdown to start')
    expect(await tryConnect(api.port)).toBe('ECONNREFUSED')
    expect(api.child.exitCode).toBeNull() // still waiting for the request

    await admin.query('COMMIT')
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body).data.length).toBeGreaterThan(0)
    expect(await api.exited).toBe(0)
    expect(api.output()).toContain('stopped')
  })

  it('cuts requests still running at SHUTDOWN_TIMEOUT_MS and exits 0', async () => {
    const api = await startServerProcess(
      { DATABASE_URL: db.url!, JWT_SECRET: SECRET, DB_LOCK_TIMEOUT_MS: '60000', DB_STATEMENT_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '1000' },
      { echo: 'none' },
    )
    started.push(api)
    const { request: inFlight } = await parkRequest(api, admin)
    try {
      const signalled = performance.now()
      api.child.kill('SIGTERM')
      expect(await api.exited).toBe(0)
      const ms = performance.now() - signalled
      expect(ms).toBeGreaterThanOrEqual(900)
      expect(ms).toBeLessThan(9000)
      expect((await inFlight).status).toBe(0) // its connection was closed without an answer
      expect(api.output()).toContain('shutdown deadline reached')
    } finally {
      await admin.query('COMMIT')
    }
  })

  it('a write still waiting at the deadline is rolled back whole, never half-applied, and the pool closes without errors', async () => {
    const api = await startServerProcess(
      { DATABASE_URL: db.url!, JWT_SECRET: SECRET, DB_LOCK_TIMEOUT_MS: '60000', DB_STATEMENT_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '1000' },
      { echo: 'none' },
    )
    started.push(api)
    const post = async (method: string, path: string, body: unknown, token?: string) => {
      const res = await fetch(api.url + path, { method, headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) })
      return { status: res.status, body: (await res.json()) as any }
    }
    const reg = await post('POST', '/v1/auth/register', { email: 'shutdown-owner@example.test', password: 'shutdown owner passphrase 4', name: 'Owner', role: 'merchant' })
    const store = await post('POST', '/v1/merchants', { name: 'Kept whole', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, timezone: 'Asia/Shanghai', hours: [] }, reg.body.token)
    expect(store.status).toBe(201)
    await admin.query('BEGIN')
    await admin.query('SELECT 1 FROM merchants WHERE id = $1 FOR UPDATE', [store.body.id])
    // The PATCH (name, tags and photos in one transaction) waits inside its transaction for the row.
    const patch = post('PATCH', `/v1/merchants/${store.body.id}`, { name: 'Half done?', tags: ['cut'] }, reg.body.token).catch(() => ({ status: 0, body: null }))
    try {
      await lockWaiter(admin, 'merchants')
      api.child.kill('SIGTERM')
      expect(await api.exited).toBe(0)
      expect((await patch).status).toBe(0)
    } finally {
      await admin.query('COMMIT')
    }
    // Its connection ended with the process, so PostgreSQL rolled the transaction back.
    const row = await db.db.selectFrom('merchants').select(['name', 'tags']).where('id', '=', store.body.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Kept whole', tags: [] })
    expect(api.output()).toContain('shutdown deadline reached')
    expect(api.output()).not.toMatch(/destroyed|closing the database/)
  })
})
