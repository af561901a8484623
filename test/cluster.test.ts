import { spawnSync } from 'node:child_process'
import { request } from 'node:http'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabaseHandle } from './support/db'
import { makeMerchant, makeOffering } from './support/factories'
import { lockWaiter } from './support/locks'
import { type ServerProcess, startServerProcess } from './support/server-process'

// A fresh TCP connection per request, so node:cluster's round-robin hands requests to both workers.
function send(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(`${base}${path}`, { method, agent: false, headers: { ...headers, ...(payload && { 'Content-Type': 'application/json' }) } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/** The worker processes the cluster primary `pid` has forked now (not tsx's esbuild helper). */
function workerPids(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout
  return out.split('\n').filter((l) => l.includes('src/server.ts')).map((l) => Number.parseInt(l.trim(), 10))
}

async function until(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

// The embedded PGlite is one process's files, so several processes exist only over a server.
describe.skipIf(!process.env.TEST_DATABASE_URL)('WEB_CONCURRENCY=2: two processes share one port and one state', () => {
  let db: TestDatabaseHandle
  let api: ServerProcess

  beforeAll(async () => {
    db = await openTestDatabase()
    api = await startServerProcess(
      {
        DATABASE_URL: db.url!,
        JWT_SECRET: 'cluster-secret-cluster-secret-cluster-0123',
        PASSWORD_PEPPER: 'cluster-pepper-cluster-pepper-cluster-0123',
        WEB_CONCURRENCY: '2',
        RATE_LIMIT_SIGNIN_EMAIL_MAX: '4',
      },
      { echo: 'none' },
    )
    // /health answered from the first worker; wait for the second to listen too.
    for (let i = 0; i < 100 && (api.output().match(/listening on/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 100))
  }, 120_000)
  afterAll(async () => {
    await api?.stop()
    await db?.close()
  })

  it('forks two workers behind one port', () => {
    expect(api.output()).toContain('starting 2 worker processes')
    expect(api.output().match(/listening on/g)).toHaveLength(2)
  })

  it('counts sign-in attempts for one email across both processes', async () => {
    const attempt = () => send(api.url, 'POST', '/v1/auth/login', { email: 'nobody-cluster@example.test', password: 'wrong password here' })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status)
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
  })

  it('answers one Idempotency-Key with one order, whichever process each retry reaches', async () => {
    const merchant = await makeMerchant(db.db)
    const product = await makeOffering(db.db, merchant.id, { kind: 'voucher', price_cents: 900 })
    const reg = await send(api.url, 'POST', '/v1/auth/register', { email: 'cluster-buyer@example.test', password: 'cluster buyer passphrase 55', name: 'Buyer', role: 'consumer' })
    expect(reg.status).toBe(201)
    const order = { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' }
    const headers = { Authorization: `Bearer ${reg.body.token}`, 'Idempotency-Key': 'cluster-key-1' }
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(api.url, 'POST', '/v1/orders', order, headers)))
    // One creates it; the others replay it with the original 201 (Idempotent-Replayed) or find it still being made (409).
    for (const a of answers) expect([201, 409]).toContain(a.status)
    const replayed = answers.filter((a) => a.status < 300)
    expect(new Set(replayed.map((a) => a.body.id)).size).toBe(1)
    const rows = await db.db.selectFrom('orders').select('id').where('merchant_id', '=', merchant.id).execute()
    expect(rows).toHaveLength(1)
  })

  it('restarts a worker killed with SIGKILL while the other keeps the port serving', async () => {
    const before = workerPids(api.child.pid as number)
    expect(before).toHaveLength(2)
    const victim = before[0] as number
    process.kill(victim, 'SIGKILL')
    await until(() => api.output().includes(`worker ${victim} exited (SIGKILL); starting another`), 'the primary to notice the crash')
    // Until the replacement listens, the survivor answers every new connection.
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await send(api.url, 'GET', '/v1/categories')).status)
    expect(statuses).toEqual(Array(20).fill(200))
    await until(() => (api.output().match(/listening on/g) ?? []).length === 3, 'the replacement worker to listen')
    const after = workerPids(api.child.pid as number)
    expect(after).toHaveLength(2)
    expect(after).not.toContain(victim)
    expect(after).toContain(before[1])
  }, 60_000)

  it('on SIGTERM lets a write finish inside its transaction, then every worker exits 0 with the pool closed cleanly', async () => {
    const reg = await send(api.url, 'POST', '/v1/auth/register', { email: 'cluster-owner@example.test', password: 'cluster owner passphrase 77', name: 'Owner', role: 'merchant' })
    const auth = { Authorization: `Bearer ${reg.body.token}` }
    const store = await send(api.url, 'POST', '/v1/merchants', { name: 'Before SIGTERM', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, timezone: 'Asia/Shanghai', hours: [] }, auth)
    expect(store.status).toBe(201)
    // Hold the storefront's row: the PATCH opens its transaction and waits inside it for the lock.
    const admin = new pg.Client({ connectionString: db.url })
    await admin.connect()
    try {
      await admin.query('BEGIN')
      await admin.query('SELECT 1 FROM merchants WHERE id = $1 FOR UPDATE', [store.body.id])
      const patch = send(api.url, 'PATCH', `/v1/merchants/${store.body.id}`, { name: 'Renamed while stopping' }, auth)
      await lockWaiter(admin, 'merchants')
      api.child.kill('SIGTERM')
      await until(() => (api.output().match(/SIGTERM: shutting down/g) ?? []).length === 2, 'both workers to start draining')
      expect(api.child.exitCode).toBeNull() // one request still running
      await admin.query('COMMIT')
      const answer = await patch
      expect([answer.status, answer.body.name]).toEqual([200, 'Renamed while stopping'])
    } finally {
      await admin.end()
    }
    expect(await api.exited).toBe(0)
    const row = await db.db.selectFrom('merchants').select('name').where('id', '=', store.body.id).executeTakeFirstOrThrow()
    expect(row.name).toBe('Renamed while stopping')
    expect(api.output()).toContain('all workers stopped')
    expect(api.output().match(/\[o2o\] stopped/g)).toHaveLength(2)
    expect(api.output()).not.toMatch(/destroyed|error|exited \(1\)/i)
  }, 60_000)
})
