import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { newKey, placeOrder } from '../../test/support/orders'
import { JSON_BODY_LIMIT_BYTES } from './body-limit'

const t = useTestApp()
const NUL = '\u0000'

const storefrontBody = {
  name: 'Corner Coffee',
  category: 'coffee',
  location: { lat: 30.27, lng: 120.15 },
  timezone: 'Asia/Shanghai',
  hours: [{ day: 1, open: '09:00', close: '18:00' }],
}

function expectFieldError(res: { status: number; body: { errors?: Array<{ path: string; message: string }> } }, path: string, message: RegExp) {
  expect(res.status).toBe(422)
  expect(res.body.errors?.find((e) => e.path === path)?.message).toMatch(message)
}

describe('control characters in text input (finding 7)', () => {
  it('refuses NUL and other control characters in every body text field with 422 naming it', async () => {
    const merchant = await makeUser(t.deps, { role: 'merchant' })
    const post = (body: object) => t.call('POST', '/v1/merchants', { token: merchant.token, body: { ...storefrontBody, ...body } })
    for (const field of ['name', 'category', 'address', 'phone', 'description']) {
      expectFieldError(await post({ [field]: `bad${NUL}value` }), field, /control characters/)
    }
    expectFieldError(await post({ tags: ['ok', `x${NUL}`] }), 'tags[1]', /control characters/)
    expectFieldError(await post({ timezone: `Asia/Shanghai${NUL}` }), 'timezone', /control characters/)
    expectFieldError(await post({ name: 'Bell\u0007' }), 'name', /control characters/)
    expectFieldError(await post({ description: 'a\u001bb' }), 'description', /control characters/)
    // C1 controls and bidi overrides/isolates would let a name reverse or hide the text after it.
    expectFieldError(await post({ name: 'Shop\u0085' }), 'name', /control characters/)
    expectFieldError(await post({ name: 'Shop\u202egnp.exe' }), 'name', /control characters/)
    expectFieldError(await post({ description: 'a\u2066b\u2069' }), 'description', /control characters/)
    // Right-to-left text itself and the plain direction marks are fine.
    expect((await post({ name: 'مقهى\u200f كافيه', description: 'שלום' })).status).toBe(201)
    // Line breaks and tabs belong in a description.
    expect((await post({ description: 'Line one\r\nLine two\tend' })).status).toBe(201)

    expectFieldError(await t.call('POST', '/v1/auth/register', { body: { email: 'nul@example.test', password: 'long enough password', name: `a${NUL}`, role: 'consumer' } }), 'name', /control/)
    expectFieldError(await t.call('POST', '/v1/auth/register', { body: { email: 'rlo@example.test', password: 'long enough password', name: 'Eve\u202eecilA', role: 'consumer' } }), 'name', /control/)
    expectFieldError(await t.call('POST', '/v1/auth/login', { body: { email: `a${NUL}@example.test`, password: 'x' } }), 'email', /control/)

    const shop = await makeMerchant(t.db, { owner_id: merchant.id })
    const offering = await makeOffering(t.db, shop.id)
    const offeringBody = { name: `Latte${NUL}`, kind: 'product', price_cents: 100, currency: 'CNY' }
    expectFieldError(await t.call('POST', `/v1/merchants/${shop.id}/offerings`, { token: merchant.token, body: offeringBody }), 'name', /control/)
    expectFieldError(await t.call('PATCH', `/v1/offerings/${offering.id}`, { token: merchant.token, body: { description: `x${NUL}` } }), 'description', /control/)
    expectFieldError(await t.call('POST', `/v1/merchants/${shop.id}/redemptions`, { token: merchant.token, body: { code: `AAAAA${NUL}` } }), 'code', /control/)
  })

  it('refuses NUL in query strings and path parameters without a 500', async () => {
    const nul = '%00'
    for (const [param, path] of [
      ['q', `/v1/search/nearby?lat=30.27&lng=120.15&q=cof${nul}fee`],
      ['category', `/v1/search/nearby?lat=30.27&lng=120.15&category=${nul}`],
      ['tag', `/v1/search/nearby?lat=30.27&lng=120.15&tag=a${nul}`],
      ['cursor', `/v1/search/nearby?lat=30.27&lng=120.15&cursor=a${nul}`],
      ['category', `/v1/search/map?bbox=120.1,30.2,120.2,30.3&zoom=12&category=a${nul}`],
      ['bbox', `/v1/search/map?bbox=120.1,30.2,120.2,30.3${nul}&zoom=12`],
      ['lat', `/v1/search/serving?lat=30${nul}&lng=120.15`],
    ] as const) {
      expectFieldError(await t.call('GET', path), param, /control characters/)
    }
    const consumer = await makeUser(t.deps)
    expectFieldError(await t.call('GET', `/v1/orders?cursor=a${nul}`, { token: consumer.token }), 'cursor', /control/)
    expect((await t.call('GET', `/v1/merchants/a${nul}b`)).status).toBe(422)
    expect((await t.call('GET', `/v1/merchants/a${nul}b/offerings`)).status).toBe(422)
    expect((await t.call('GET', `/v1/orders/${nul}`, { token: consumer.token })).status).toBe(422)
    expect((await t.call('GET', `/v1/tiles/1/0/${nul}.mvt`)).status).toBe(422)
  })

  it('refuses a control character in the Idempotency-Key header', async () => {
    const consumer = await makeUser(t.deps)
    const res = await placeOrder(t, consumer.token, { merchant_id: crypto.randomUUID(), items: [{ offering_id: crypto.randomUUID(), quantity: 1 }], payment_method: 'cash' }, 'key\u0001x')
    expectFieldError(res, 'idempotency-key', /control characters/)
  })
})

describe('unknown fields and query parameters (finding 15, typos)', () => {
  it('names a misspelt query parameter instead of ignoring it', async () => {
    const res = await t.call('GET', '/v1/search/nearby?lat=30.27&lng=120.15&radius=5')
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'radius', message: 'is not a known query parameter' }])
    expectFieldError(await t.call('GET', '/v1/search/map?bbox=120.1,30.2,120.2,30.3&zoom=12&zom=3'), 'zom', /not a known query parameter/)
    expectFieldError(await t.call('GET', '/v1/search/serving?lat=30.27&lng=120.15&radius_m=10'), 'radius_m', /not a known/)
    expectFieldError(await t.call('GET', '/v1/categories?lang=en'), 'lang', /not a known query parameter/)
    const consumer = await makeUser(t.deps)
    expectFieldError(await t.call('GET', '/v1/orders?state=paid', { token: consumer.token }), 'state', /not a known/)
    expectFieldError(await t.call('GET', '/v1/me?verbose=1', { token: consumer.token }), 'verbose', /not a known/)
  })

  it('names unknown body fields, nested ones included', async () => {
    const merchant = await makeUser(t.deps, { role: 'merchant' })
    const res = await t.call('POST', '/v1/merchants', { token: merchant.token, body: { ...storefrontBody, colour: 'red', location: { lat: 1, lng: 2, alt: 3 } } })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'is not a known field' },
        { path: 'location.alt', message: 'is not a known field' },
      ]),
    )
    expectFieldError(await t.call('POST', '/v1/auth/login', { body: { email: 'a@b.c', password: 'x', remember: true } }), 'remember', /not a known field/)
    const shop = await makeMerchant(t.db, { owner_id: merchant.id })
    expectFieldError(await t.call('PATCH', `/v1/merchants/${shop.id}`, { token: merchant.token, body: { nmae: 'typo' } }), 'nmae', /not a known field/)
  })
})

describe('sane ranges (finding 15)', () => {
  it('caps offering prices and order totals at 99,999,999 minor units, naming the limit', async () => {
    const merchant = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: merchant.id })
    const tooDear = await t.call('POST', `/v1/merchants/${shop.id}/offerings`, { token: merchant.token, body: { name: 'Gold', kind: 'product', price_cents: 100_000_000, currency: 'CNY' } })
    expectFieldError(tooDear, 'price_cents', /at most 99999999/)
    const dear = await makeOffering(t.db, shop.id, { kind: 'product', price_cents: 99_999_999 })
    const consumer = await makeUser(t.deps)
    const order = await placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: dear.id, quantity: 2 }], payment_method: 'cash' })
    expectFieldError(order, 'items', /199999998 minor units; one order may total at most 99999999/)
    const one = await placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: dear.id, quantity: 1 }], payment_method: 'cash' })
    expect(one.status).toBe(201)
    expectFieldError(await placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: dear.id, quantity: 100 }], payment_method: 'cash' }), 'items[0].quantity', /at most 99/)
  })

  it('refuses the database writing a total or price over the cap even past the API', async () => {
    const shop = await makeMerchant(t.db)
    await expect(makeOffering(t.db, shop.id, { price_cents: 100_000_000 })).rejects.toThrow(/offerings_price_max/)
  })

  it('books slots at most a year ahead', async () => {
    t.setNow(new Date('2026-11-23T00:00:00Z'))
    try {
      const shop = await makeMerchant(t.db)
      const service = await makeOffering(t.db, shop.id, { kind: 'service', duration_min: 60, capacity: 5 })
      const consumer = await makeUser(t.deps)
      const book = (slot_start: string) =>
        placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: service.id, quantity: 1, slot_start }], payment_method: 'cash' }, newKey())
      expectFieldError(await book('9999-01-01T10:00:00+08:00'), 'items[0].slot_start', /within 365 days from now \(at the latest 2027-11-23T00:00:00.000Z\)/)
      expectFieldError(await book('2027-11-24T10:00:00+08:00'), 'items[0].slot_start', /within 365 days/)
      expect((await book('2027-11-22T10:00:00+08:00')).status).toBe(201)
    } finally {
      t.setNow(undefined)
    }
  })
})

describe('body size limit (finding 4)', () => {
  it('answers 413 problem+json for a JSON body over 1 MiB, and takes one just under', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(JSON_BODY_LIMIT_BYTES) })
    const res = await t.call('POST', '/v1/auth/login', { rawBody: big })
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.code).toBe('body_too_large')
    const under = await t.call('POST', '/v1/auth/login', { rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(JSON_BODY_LIMIT_BYTES - 100) }) })
    expect(under.status).toBe(422) // read and validated: password too long
  })

  describe('over a real socket', () => {
    let server: ReturnType<typeof serve>
    let port = 0
    beforeAll(async () => {
      port = await new Promise<number>((resolve) => {
        server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
      })
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    /** Sends up to `total` bytes in 64 KiB chunks until the response arrives; returns status and bytes sent. */
    function send(total: number, headers: Record<string, string | number>) {
      return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/auth/login', headers: { 'Content-Type': 'application/json', ...headers } })
        let sent = 0
        let answered = false
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        req.on('response', (res) => {
          answered = true
          let body = ''
          res.on('data', (d) => (body += d))
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, sent, body })
            req.destroy()
          })
        })
        req.on('error', (err) => (answered ? undefined : reject(err)))
        const pump = () => {
          while (!answered && sent < total) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
          if (!answered) req.end()
        }
        pump()
      })
    }

    it('refuses a declared 100 MB body from its Content-Length, before reading it', async () => {
      const res = await send(100 * 1024 * 1024, { 'Content-Length': 100 * 1024 * 1024 })
      expect(res.status).toBe(413)
      expect(JSON.parse(res.body).code).toBe('body_too_large')
      expect(res.sent).toBeLessThan(32 * 1024 * 1024)
    })

    it('stops reading a chunked body without Content-Length once it passes the limit', async () => {
      const res = await send(100 * 1024 * 1024, { 'Transfer-Encoding': 'chunked' })
      expect(res.status).toBe(413)
      expect(res.sent).toBeLessThan(32 * 1024 * 1024)
    })
  })
})

describe('security headers (finding 12)', () => {
  it('sends nosniff, a referrer policy, no framing and a strict CSP on every kind of response', async () => {
    for (const path of ['/health', '/v1/categories', '/v1/nope', '/openapi.json', '/docs', '/']) {
      const res = await t.app.request(path)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('x-frame-options'), path).toBe('DENY')
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).toContain("object-src 'none'")
      expect(csp, path).toContain('img-src \'self\' data: blob: https://tile.openstreetmap.org')
      expect(csp, path).not.toContain('stripe')
    }
  })
})
