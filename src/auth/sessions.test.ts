import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, TEST_PASSWORD } from '../../test/support/factories'
import { issueToken } from './token'

const t = useTestApp()

const register = (password: string, overrides: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/auth/register', {
    body: { email: `pat-${Math.random().toString(36).slice(2, 8)}@example.test`, password, name: 'Pat Doe', role: 'consumer', ...overrides },
  })

describe('password policy', () => {
  it.each(['aaaaaaaaaa', 'password12', 'qwertyuiop', 'iloveyou2024'])('refuses the common password %s with 422 naming password', async (password) => {
    const res = await register(password)
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('weak_password')
    expect(res.body.errors).toHaveLength(1)
    expect(res.body.errors[0].path).toBe('password')
    expect(res.body.errors[0].message).toMatch(/^is too easy to guess: \S/)
  })

  it('refuses a password made of the account’s own email', async () => {
    const res = await register('zebrafinch-77', { email: 'zebrafinch-77@example.test' })
    expect(res.status).toBe(422)
    expect(res.body.errors[0].path).toBe('password')
  })

  it('accepts friendly passphrases, the demo password among them', async () => {
    for (const password of ['a long passphrase', 'demo-password-1', 'correct horse battery']) expect((await register(password)).status).toBe(201)
  })
})

describe('access tokens', () => {
  it('answers 401 (not 500) for a validly signed token of a missing account or a non-uuid subject', async () => {
    const missing = await issueToken({ id: '00000000-0000-4000-8000-000000000000', role: 'consumer' }, t.deps.jwtSecret, 3600)
    const notUuid = await issueToken({ id: 'not-a-uuid', role: 'consumer' }, t.deps.jwtSecret, 3600)
    for (const token of [missing, notUuid]) {
      for (const [method, path] of [['GET', '/v1/me'], ['POST', '/v1/orders'], ['POST', '/v1/auth/logout-all']] as const) {
        const res = await t.call(method, path, { token, body: method === 'POST' ? {} : undefined })
        expect(res.status).toBe(401)
        expect(res.body.code).toBe('invalid_token')
      }
    }
  })

  it('still accepts tokens issued before versions existed (no ver claim) until the account revokes them', async () => {
    const user = await makeUser(t.deps)
    const iat = Math.floor(Date.now() / 1000)
    const legacy = await sign({ sub: user.id, role: 'consumer', iat, exp: iat + 3600 }, t.deps.jwtSecret, 'HS256')
    expect((await t.call('GET', '/v1/me', { token: legacy })).status).toBe(200)
    expect((await t.call('POST', '/v1/auth/logout-all', { token: legacy })).status).toBe(204)
    expect((await t.call('GET', '/v1/me', { token: legacy })).status).toBe(401)
  })

  it('takes the role from the account, not from the token', async () => {
    const user = await makeUser(t.deps)
    const claimsMerchant = await issueToken({ id: user.id, role: 'merchant' }, t.deps.jwtSecret, 3600)
    const res = await t.call('POST', '/v1/merchants', { token: claimsMerchant, body: {} })
    expect(res.status).toBe(403)
  })
})

describe('signing out everywhere', () => {
  it('revokes every token issued so far; signing in again works', async () => {
    const user = await makeUser(t.deps)
    const second = (await t.call('POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).body.token
    const res = await t.call('POST', '/v1/auth/logout-all', { token: user.token })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    for (const token of [user.token, second]) {
      const me = await t.call('GET', '/v1/me', { token })
      expect(me.status).toBe(401)
      expect(me.body.detail).toBe('this session has ended; sign in again')
    }
    expect((await t.call('POST', '/v1/auth/logout-all', { token: user.token })).status).toBe(401)
    const fresh = await t.call('POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })
    expect(fresh.status).toBe(200)
    expect((await t.call('GET', '/v1/me', { token: fresh.body.token })).status).toBe(200)
  })
})

describe('changing the password', () => {
  const change = (token: string, body: unknown) => t.call('POST', '/v1/auth/password', { token, body })

  it('needs the current password, refuses a weak new one, then revokes older tokens and returns a fresh session', async () => {
    const user = await makeUser(t.deps)
    const other = (await t.call('POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).body.token

    const wrong = await change(user.token, { current_password: 'not my password', new_password: 'a brand new passphrase' })
    expect(wrong.status).toBe(422)
    expect(wrong.body).toMatchObject({ code: 'wrong_password', errors: [{ path: 'current_password', message: 'is not your current password' }] })
    const weak = await change(user.token, { current_password: TEST_PASSWORD, new_password: 'password12' })
    expect(weak.status).toBe(422)
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toEqual(['new_password'])
    const unknownField = await change(user.token, { current_password: TEST_PASSWORD, new_password: 'a brand new passphrase', also: 1 })
    expect(unknownField.status).toBe(422)
    expect((await t.call('POST', '/v1/auth/password', { body: { current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' } })).status).toBe(401)

    const ok = await change(user.token, { current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' })
    expect(ok.status).toBe(200)
    expect(ok.body.user).toMatchObject({ id: user.id, email: user.email })
    expect((await t.call('GET', '/v1/me', { token: ok.body.token })).status).toBe(200)
    for (const token of [user.token, other]) expect((await t.call('GET', '/v1/me', { token })).status).toBe(401)
    expect((await t.call('POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).status).toBe(401)
    expect((await t.call('POST', '/v1/auth/login', { body: { email: user.email, password: 'a brand new passphrase' } })).status).toBe(200)
    // The wrong current password counted towards the lockout and the success cleared it.
    const row = await t.db.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.failed_logins).toBe(0)
  })

  it('locks after repeated wrong current passwords like a sign-in', async () => {
    const user = await makeUser(t.deps)
    for (let i = 0; i < 5; i++) expect((await change(user.token, { current_password: `guess number ${i}`, new_password: 'a brand new passphrase' })).status).toBe(422)
    const locked = await change(user.token, { current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' })
    expect(locked.status).toBe(429)
    expect(locked.body.code).toBe('account_locked')
  })
})

describe('simultaneous password changes', () => {
  it('let one of several changes sent at once win; the others answer 401 and leave no password or token that was not kept', async () => {
    const user = await makeUser(t.deps)
    const candidates = ['first new passphrase', 'second new passphrase', 'third new passphrase']
    const results = await Promise.all(
      candidates.map((new_password) => t.call('POST', '/v1/auth/password', { token: user.token, body: { current_password: TEST_PASSWORD, new_password } })),
    )
    const won = results.filter((r) => r.status === 200)
    expect(won).toHaveLength(1)
    for (const r of results.filter((r) => r.status !== 200)) expect([r.status, r.body.code]).toEqual([401, 'invalid_token'])
    const kept = candidates[results.indexOf(won[0]!)]
    expect((await t.call('GET', '/v1/me', { token: won[0]!.body.token })).status).toBe(200)
    for (const password of candidates) {
      const login = await t.call('POST', '/v1/auth/login', { body: { email: user.email, password } })
      expect([password, login.status]).toEqual([password, password === kept ? 200 : 401])
    }
  })
})
