import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, TEST_PASSWORD } from '../../test/support/factories'
import { passwordHashGate } from './hash-gate'

const t = useTestApp()
afterEach(() => {
  t.setNow(undefined)
  vi.restoreAllMocks()
})

const login = (email: string, password: string) => t.call('POST', '/v1/auth/login', { body: { email, password } })

describe('account lockout after failed sign-ins', () => {
  it('no longer lets 40 wrong passwords be followed by the right one: locks after 5, for 1 minute, doubling', async () => {
    const start = new Date('2026-11-24T08:00:00Z')
    t.setNow(start)
    const user = await makeUser(t.deps)
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong password ${i}`)).status).toBe(401)
    const locked = await login(user.email, TEST_PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('60')
    expect(locked.body).toMatchObject({ status: 429, code: 'account_locked', detail: 'Too many failed sign-ins for this account; try again in 1 minute' })

    // After the minute one more try is allowed; wrong again → locked for 2 minutes.
    t.setNow(new Date(start.getTime() + 61_000))
    expect((await login(user.email, 'wrong password 6')).status).toBe(401)
    const again = await login(user.email, TEST_PASSWORD)
    expect(again.status).toBe(429)
    expect(again.headers.get('retry-after')).toBe('120')
    expect(again.body.detail).toBe('Too many failed sign-ins for this account; try again in 2 minutes')

    // The right password once the lock ends signs in and clears the count.
    t.setNow(new Date(start.getTime() + 61_000 + 121_000))
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200)
    for (let i = 0; i < 4; i++) expect((await login(user.email, `wrong again ${i}`)).status).toBe(401)
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200)
    const row = await t.db.selectFrom('users').select(['failed_logins', 'login_locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ failed_logins: 0, login_locked_until: null })
  })

  it('caps the lock at LOGIN_LOCKOUT_MAX_SECONDS (1 hour)', async () => {
    let now = new Date('2026-11-24T09:00:00Z').getTime()
    t.setNow(new Date(now))
    const user = await makeUser(t.deps)
    await t.db.updateTable('users').set({ failed_logins: 20 }).where('id', '=', user.id).execute()
    expect((await login(user.email, 'wrong password')).status).toBe(401)
    now += 1000
    t.setNow(new Date(now))
    const locked = await login(user.email, TEST_PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('3599')
    expect(locked.body.detail).toBe('Too many failed sign-ins for this account; try again in 60 minutes')
  })

  it('refuses a locked account before hashing anything', async () => {
    const user = await makeUser(t.deps)
    await t.db.updateTable('users').set({ failed_logins: 5, login_locked_until: new Date(Date.now() + 60_000) }).where('id', '=', user.id).execute()
    const hashes = vi.spyOn(passwordHashGate, 'run')
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'guess')).status).toBe(429)
    expect(hashes).not.toHaveBeenCalled()
  })

  it('checks at most 5 passwords when 30 wrong ones arrive at once', async () => {
    const user = await makeUser(t.deps)
    const hashes = vi.spyOn(passwordHashGate, 'run')
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(user.email, `concurrent guess ${i}`)))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25)
    expect(hashes).toHaveBeenCalledTimes(5)
  })

  it('never locks unknown emails (nothing to lock) and answers them 401 as before', async () => {
    for (let i = 0; i < 6; i++) expect((await login('nobody-here@example.test', 'guess')).status).toBe(401)
  })
})
