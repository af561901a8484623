import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from './support/server-process'

// The embedded default is one process's files: on SIGTERM the requests in flight finish, then the
// database is flushed and closed, so nothing answered before the signal is lost at the next start.
describe('graceful shutdown on the embedded database (npm start without DATABASE_URL)', () => {
  const started: ServerProcess[] = []
  let dataDir = ''
  const embedded = async () => {
    dataDir ||= await mkdtemp(join(tmpdir(), 'o2o-shutdown-'))
    const api = await startServerProcess({ DATABASE_URL: '', JWT_SECRET: '', DATA_DIR: dataDir, SEED_DEMO: 'never', PASSWORD_HASH_CONCURRENCY: '1' }, { echo: 'none' })
    started.push(api)
    return api
  }
  const post = (api: ServerProcess, path: string, body: unknown) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (res) => ({ status: res.status, body: (await res.json()) as any }),
      (err: Error) => ({ status: 0, body: err.message }),
    )
  afterAll(async () => {
    for (const api of started) await api.stop(1000)
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('finishes the sign-ins in flight, exits 0, and the accounts made before the signal sign in after a restart', async () => {
    const first = await embedded()
    expect(first.output()).toContain('embedded PGlite')
    const accounts = Array.from({ length: 4 }, (_, i) => ({ email: `shutdown-${i}@example.test`, password: 'a shutdown passphrase 2024', name: `S${i}`, role: 'consumer' }))
    for (const account of accounts) expect((await post(first, '/v1/auth/register', account)).status).toBe(201)

    // Sign-ins queue for the password hasher, so most are still running when the signal comes.
    const signIns = accounts.map((a) => post(first, '/v1/auth/login', { email: a.email, password: a.password }))
    await Promise.race(signIns)
    first.child.kill('SIGTERM')
    const answers = await Promise.all(signIns)
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    expect(await first.exited).toBe(0)
    expect(first.output()).toMatch(/waiting up to \d+ ms for [1-9]\d* request\(s\) in flight/)
    expect(first.output()).toContain('[o2o] stopped')

    const second = await embedded()
    for (const a of accounts) expect((await post(second, '/v1/auth/login', { email: a.email, password: a.password })).status).toBe(200)
    expect(await second.stop()).toBe(0)
  }, 180_000)
})
