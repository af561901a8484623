import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../seed/accounts'
import { demoAccountsWarning, demoSeedPlan, findPublicDemoAccounts } from '../seed/production-safety'
import { hashPassword } from '../src/auth/password'
import { parseConfig } from '../src/config'
import { prepareDataDir } from '../src/db/data-dir'
import { useTestApp } from './support/app'

const t = useTestApp()
const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('demo seed decision', () => {
  it.each([
    // SEED_DEMO, NODE_ENV, backend → plan
    ['auto', undefined, 'pglite', 'if-empty'],
    ['auto', 'development', 'postgres', 'none'],
    ['auto', 'production', 'pglite', 'none'],
    ['auto', 'production', 'postgres', 'none'],
    ['always', 'production', 'pglite', 'always'],
    ['always', 'production', 'postgres', 'always'],
    ['never', undefined, 'pglite', 'none'],
  ] as const)('SEED_DEMO=%s NODE_ENV=%s on %s → %s', (seed, env, kind, plan) => {
    expect(demoSeedPlan(parseConfig({ SEED_DEMO: seed, NODE_ENV: env }), kind)).toBe(plan)
  })

  it('npm run seed refuses under NODE_ENV=production unless SEED_DEMO=always, before touching any database', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'seed/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', SEED_DEMO: 'auto', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('not seeded unless SEED_DEMO=always')
  })
})

describe('demo accounts in the served database', () => {
  it('are found while they keep the public password, and the warning names them', async () => {
    const cheapHash = await hashPassword(DEMO_PASSWORD, 1000)
    await t.db
      .insertInto('users')
      .values([
        { email: 'alice@demo.o2o', name: 'Alice', role: 'consumer', password_hash: cheapHash },
        { email: 'Bob@Demo.O2O', name: 'Bob', role: 'merchant', password_hash: cheapHash },
        { email: 'carol@example.test', name: 'Carol', role: 'consumer', password_hash: cheapHash },
      ])
      .execute()
    expect((await findPublicDemoAccounts(t.db)).sort()).toEqual(['Bob@Demo.O2O', 'alice@demo.o2o'])
    const warning = demoAccountsWarning(['alice@demo.o2o'], true)
    expect(warning).toContain('WARNING: 1 demo account(s)')
    expect(warning).toContain(DEMO_PASSWORD)
    expect(warning).toContain('NODE_ENV=production')

    await t.db.updateTable('users').set({ password_hash: await hashPassword('a private one', 1000) }).where('email', '=', 'Bob@Demo.O2O').execute()
    expect(await findPublicDemoAccounts(t.db)).toEqual(['alice@demo.o2o'])
    await t.db.deleteFrom('users').where('email', '=', 'alice@demo.o2o').execute()
    expect(await findPublicDemoAccounts(t.db)).toEqual([])
    expect(demoAccountsWarning([], true)).toBeUndefined()
  })
})

describe('the embedded data folder', () => {
  it('is created 0700, and an existing world-readable one is made private with everything in it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'o2o-datadir-'))
    const umask = process.umask()
    try {
      const fresh = join(parent, 'fresh')
      await prepareDataDir(fresh)
      expect((await stat(fresh)).mode & 0o777).toBe(0o700)

      process.umask(0o022)
      const old = join(parent, 'old')
      await mkdir(join(old, 'base'), { recursive: true, mode: 0o755 })
      await writeFile(join(old, 'base', '1259'), 'rows', { mode: 0o644 })
      await prepareDataDir(old)
      expect((await stat(old)).mode & 0o777).toBe(0o700)
      expect((await stat(join(old, 'base'))).mode & 0o777).toBe(0o700)
      expect((await stat(join(old, 'base', '1259'))).mode & 0o777).toBe(0o600)

      // Files created afterwards (PGlite's new segments) are private too.
      await writeFile(join(old, 'later'), 'x')
      expect((await stat(join(old, 'later'))).mode & 0o777).toBe(0o600)
    } finally {
      process.umask(umask)
      await rm(parent, { recursive: true, force: true })
    }
  })
})
