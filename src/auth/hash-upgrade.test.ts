import { afterEach, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { configureNativePbkdf2Limit, configurePasswordPepper, PEPPERED_ITERATIONS, verifyPassword } from './password'
import { upgradePasswordHash } from './users.repository'

const t = useTestApp()
const PEPPER = 'hash-upgrade-pepper-hash-upgrade-pepper-0123'
const password = 'an older account passphrase'

async function storedHash(email: string): Promise<string> {
  const row = await t.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()
  return row.password_hash
}

/** An account whose hash was made before the pepper existed: 600,000 unpeppered rounds. */
async function legacyAccount(): Promise<string> {
  const email = `legacy-${Math.random().toString(36).slice(2, 8)}@example.test`
  configurePasswordPepper(undefined)
  expect((await t.call('POST', '/v1/auth/register', { body: { email, password, name: 'Lee', role: 'consumer' } })).status).toBe(201)
  expect(await storedHash(email)).toMatch(/^pbkdf2-sha256\$600000\$/)
  configurePasswordPepper(PEPPER)
  return email
}

describe('older password hashes after the pepper is set', () => {
  afterEach(() => {
    configurePasswordPepper(undefined)
    configureNativePbkdf2Limit(Number.POSITIVE_INFINITY)
  })

  it('still sign in, and the next sign-in replaces the hash with the peppered scheme (only with the right password)', async () => {
    const email = await legacyAccount()
    const legacy = await storedHash(email)
    expect((await t.call('POST', '/v1/auth/login', { body: { email, password: 'not the passphrase at all' } })).status).toBe(401)
    expect(await storedHash(email)).toBe(legacy)

    const login = await t.call('POST', '/v1/auth/login', { body: { email, password } })
    expect(login.status).toBe(200)
    const upgraded = await storedHash(email)
    expect(upgraded).toMatch(new RegExp(`^pbkdf2-sha256-hmac\\$${PEPPERED_ITERATIONS}\\$`))
    expect(await verifyPassword(password, upgraded)).toBe(true)
    expect((await t.call('GET', '/v1/me', { token: login.body.token })).status).toBe(200)

    // Current hashes are left alone.
    expect((await t.call('POST', '/v1/auth/login', { body: { email, password } })).status).toBe(200)
    expect(await storedHash(email)).toBe(upgraded)
  })

  it('sign in and are upgraded where Web Crypto stops at 100,000 rounds (as on Workers)', async () => {
    const email = await legacyAccount()
    configureNativePbkdf2Limit(PEPPERED_ITERATIONS)
    expect((await t.call('POST', '/v1/auth/login', { body: { email, password } })).status).toBe(200)
    expect(await storedHash(email)).toMatch(/^pbkdf2-sha256-hmac\$100000\$/)
    expect((await t.call('POST', '/v1/auth/login', { body: { email, password } })).status).toBe(200)
  })

  it('an upgrade racing a password change never overwrites the new password', async () => {
    const email = await legacyAccount()
    const legacy = await storedHash(email)
    const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    await t.db.updateTable('users').set({ password_hash: 'changed-meanwhile' }).where('id', '=', user.id).execute()
    await upgradePasswordHash(t.db, user.id, legacy, 'stale-upgrade')
    expect(await storedHash(email)).toBe('changed-meanwhile')
  })
})
