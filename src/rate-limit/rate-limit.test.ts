import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { createApp } from '../app'
import { clientIp, normalizeIp } from './client-ip'

// Low limits, and X-Forwarded-For trusted (one proxy) so each test can be its own client address.
const t = useTestApp({
  RATE_LIMIT_WRITE_MAX: '3',
  RATE_LIMIT_WRITE_WINDOW_SECONDS: '60',
  RATE_LIMIT_SIGNIN_IP_MAX: '5',
  RATE_LIMIT_SIGNIN_EMAIL_MAX: '3',
  RATE_LIMIT_SIGNIN_WINDOW_SECONDS: '600',
  TRUST_PROXY: 'true',
})
let ipSeq = 0
const newIp = () => `198.51.100.${++ipSeq}`

// Any write will do: the limiter counts it before the route answers (here 403/422).
function write(options: { token?: string; ip?: string }) {
  return t.call('POST', '/v1/merchants', { token: options.token, body: {}, headers: options.ip ? { 'X-Forwarded-For': `203.0.113.9, ${options.ip}` } : {} })
}

function login(email: string, ip: string, password = 'not the password') {
  return t.call('POST', '/v1/auth/login', { body: { email, password }, headers: { 'X-Forwarded-For': ip } })
}

describe('the write limit', () => {
  it('counts writes per account, reports RateLimit-* headers, then answers 429 problem+json with Retry-After', async () => {
    const user = await makeUser(t.deps)
    const remaining: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await write({ token: user.token })
      expect(res.status).toBe(403)
      expect(res.headers.get('ratelimit-limit')).toBe('3')
      remaining.push(res.headers.get('ratelimit-remaining') ?? '')
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    }
    expect(remaining).toEqual(['2', '1', '0'])
    const limited = await write({ token: user.token })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('content-type')).toBe('application/problem+json')
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(limited.headers.get('ratelimit-remaining')).toBe('0')
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(limited.headers.get('ratelimit-reset')).toBe(String(retryAfter))

    // Another account, reads, and the Stripe webhook are not affected.
    expect((await write({ token: (await makeUser(t.deps)).token })).status).toBe(403)
    const read = await t.call('GET', '/v1/me', { token: user.token })
    expect(read.status).toBe(200)
    expect(read.headers.get('ratelimit-limit')).toBeNull()
    for (let i = 0; i < 4; i++) expect((await t.call('POST', '/v1/webhooks/stripe', { rawBody: '{}' })).status).not.toBe(429)
  })

  it('counts signed-out writes per client address, and a forged token does not buy a fresh count', async () => {
    const ip = newIp()
    for (let i = 0; i < 3; i++) expect((await write({ ip })).status).toBe(401)
    expect((await write({ ip })).status).toBe(429)
    const forged = await t.call('POST', '/v1/merchants', { token: 'a.b.c', body: {}, headers: { 'X-Forwarded-For': ip } })
    expect(forged.status).toBe(429)
    expect((await write({ ip: newIp() })).status).toBe(401)
  })

  it('holds across app instances over the same database (another process, a restart), and starts over after the window', async () => {
    const start = new Date('2026-11-24T10:00:00Z')
    t.setNow(start)
    try {
      const user = await makeUser(t.deps)
      expect((await write({ token: user.token })).status).toBe(403)
      const restarted = createApp(t.deps)
      for (let i = 0; i < 2; i++) {
        const res = await restarted.request('/v1/merchants', { method: 'POST', headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' }, body: '{}' })
        expect(res.status).toBe(403)
      }
      const limited = await write({ token: user.token })
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('60')
      t.setNow(new Date(start.getTime() + 60_000))
      const next = await write({ token: user.token })
      expect(next.status).toBe(403)
      expect(next.headers.get('ratelimit-remaining')).toBe('2')
    } finally {
      t.setNow(undefined)
    }
  })

  it('lets exactly the limit through when 40 writes arrive at once', async () => {
    const user = await makeUser(t.deps)
    const results = await Promise.all(Array.from({ length: 40 }, () => write({ token: user.token })))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 403)).toHaveLength(3)
    expect(statuses.filter((s) => s === 429)).toHaveLength(37)
  })

  it('prunes expired buckets', async () => {
    await t.db.insertInto('rate_limit_buckets').values({ bucket_key: 'old:bucket', hits: 5, window_start: new Date('2020-01-01T00:00:00Z'), expires_at: new Date('2020-01-01T00:01:00Z') }).execute()
    // Pruning runs at most once a minute per process; a clock far ahead makes it due.
    t.setNow(new Date(Date.now() + 3600_000))
    try {
      await write({ token: (await makeUser(t.deps)).token })
    } finally {
      t.setNow(undefined)
    }
    expect(await t.db.selectFrom('rate_limit_buckets').select('bucket_key').where('bucket_key', '=', 'old:bucket').execute()).toHaveLength(0)
  })
})

describe('the sign-in limit', () => {
  it('allows RATE_LIMIT_SIGNIN_EMAIL_MAX attempts per email (any letter case) from anywhere, then 429', async () => {
    t.setNow(new Date('2026-11-24T12:00:00Z'))
    const email = `victim-${Date.now()}@example.test`
    for (let i = 0; i < 3; i++) expect((await login(i % 2 ? email.toUpperCase() : email, newIp())).status).toBe(401)
    const limited = await login(email, newIp())
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(limited.body.detail).toMatch(/for this email; try again in 10 minutes/)
    expect(limited.headers.get('retry-after')).toBe('600')
    expect(limited.headers.get('ratelimit-limit')).toBe('3')
    expect(limited.headers.get('ratelimit-remaining')).toBe('0')
    t.setNow(undefined)
  })

  it('allows RATE_LIMIT_SIGNIN_IP_MAX sign-ins and registrations per address, then 429 before the body is read', async () => {
    const ip = newIp()
    for (let i = 0; i < 4; i++) expect((await login(`spray${i}-${Date.now()}@example.test`, ip)).status).toBe(401)
    const register = await t.call('POST', '/v1/auth/register', {
      body: { email: `new-${Date.now()}@example.test`, password: 'a long passphrase', name: 'New', role: 'consumer' },
      headers: { 'X-Forwarded-For': ip },
    })
    expect(register.status).toBe(201)
    expect(register.headers.get('ratelimit-remaining')).toBe('0')
    const limited = await t.call('POST', '/v1/auth/login', { rawBody: '{"email": ', headers: { 'X-Forwarded-For': ip } })
    expect(limited.status).toBe(429)
    expect(limited.body.detail).toMatch(/from your network/)
    expect((await login(`other-${Date.now()}@example.test`, newIp())).status).toBe(401)
  })
})

describe('the client address', () => {
  const probe = (hops: number) => new Hono().get('/', (c) => c.text(clientIp(c, hops)))

  it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies wrote it', async () => {
    const headers = { 'X-Forwarded-For': '1.1.1.1, 2.2.2.2, 3.3.3.3', 'CF-Connecting-IP': '4.4.4.4' }
    expect(await (await probe(0).request('/', { headers })).text()).toBe('unknown')
    expect(await (await probe(1).request('/', { headers })).text()).toBe('3.3.3.3')
    expect(await (await probe(2).request('/', { headers })).text()).toBe('2.2.2.2')
    expect(await (await probe(9).request('/', { headers })).text()).toBe('1.1.1.1')
  })

  it('is the socket peer on Node', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: probe(0).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    try {
      const { port } = server.address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'X-Forwarded-For': '9.9.9.9' } })
      expect(await res.text()).toBe('127.0.0.1')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('keys IPv6 by /64 and unwraps IPv4-mapped addresses', () => {
    expect(normalizeIp('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(normalizeIp('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64')
    expect(normalizeIp('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64')
    expect(normalizeIp('[2001:DB8::1]')).toBe('2001:db8:0:0::/64')
    expect(normalizeIp('::1')).toBe('0:0:0:0::/64')
  })
})
