import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'

const t = useTestApp()

describe('problem documents', () => {
  it('carry the request id as instance, a title per error type and a type page the app serves', async () => {
    const res = await t.call('GET', '/v1/me', { headers: { 'X-Request-Id': 'req-abc-123' } })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ type: '/problems/missing_token', title: 'Missing token', code: 'missing_token', instance: 'urn:request:req-abc-123' })
    const other = await t.call('GET', '/v1/me', { token: 'garbage' })
    expect(other.body.title).toBe('Invalid token')
    expect(other.body.instance).toMatch(/^urn:request:.+/)
    expect(other.body.instance).not.toBe(res.body.instance)

    const page = await t.call('GET', res.body.type)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toContain('Missing token')
    expect(page.text).toContain('What to do')
    const json = await t.call('GET', '/problems/rate_limited', { headers: { Accept: 'application/json' } })
    expect(json.body).toMatchObject({ code: 'rate_limited', status: 429, title: 'Rate limited' })
    expect((await t.call('GET', '/problems/..%2Fetc')).status).toBe(404)
  })

  it('give a malformed id one answer on every route: 422 naming the id', async () => {
    const user = await makeUser(t.deps, { role: 'merchant' })
    const paths: Array<[string, string]> = [
      ['GET', '/v1/merchants/nope'],
      ['GET', '/v1/merchants/nope/offerings'],
      ['GET', '/v1/merchants/nope/reviews'],
      ['GET', '/v1/merchants/nope/availability?offering_id=00000000-0000-4000-8000-000000000000&date=2026-11-24'],
      ['GET', '/v1/merchants/nope/payouts'],
      ['GET', '/v1/orders/nope'],
      ['PATCH', '/v1/reviews/nope'],
      ['PATCH', '/v1/offerings/nope'],
    ]
    for (const [method, path] of paths) {
      const res = await t.call(method, path, { token: user.token, body: method === 'PATCH' ? {} : undefined })
      expect(res.status, `${method} ${path}`).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path), `${method} ${path}`).toContain('id')
    }
  })

  it('give a tampered cursor one answer on every list: 422 naming cursor', async () => {
    const user = await makeUser(t.deps)
    const paths = ['/v1/orders?cursor=forged.cursor', '/v1/me/reviews?cursor=forged.cursor', '/v1/search/nearby?lat=1&lng=1&cursor=forged.cursor']
    for (const path of paths) {
      const res = await t.call('GET', path, { token: user.token })
      expect(res.status, path).toBe(422)
      expect(res.body, path).toMatchObject({ code: 'invalid_cursor', errors: [{ path: 'cursor' }] })
    }
  })
})
