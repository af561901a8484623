import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'

const t = useTestApp({ CORS_ORIGINS: 'https://partner.example, https://other.example' })

describe('HTTP conventions', () => {
  it('answers 406 when Accept allows no media type the API sends', async () => {
    const res = await t.call('GET', '/v1/categories', { headers: { Accept: 'application/xml' } })
    expect(res.status).toBe(406)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.code).toBe('not_acceptable')
    expect((await t.call('GET', '/v1/categories', { headers: { Accept: 'application/json;q=0' } })).status).toBe(406)
    for (const accept of ['application/json', '*/*', 'application/*', 'text/html, */*;q=0.1', 'application/geo+json']) {
      expect((await t.call('GET', '/v1/categories', { headers: { Accept: accept } })).status).toBe(200)
    }
  })

  it('redirects a trailing slash with 308 to the path without it, never a self-contradicting 405', async () => {
    const res = await t.call('GET', '/v1/categories/?x=1')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/v1/categories?x=1')
    expect((await t.call('POST', '/v1/merchants/')).status).toBe(308)
  })

  it('still answers 405 with Allow for a method the path does not take', async () => {
    const res = await t.call('DELETE', '/v1/categories')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
  })

  it('answers CORS preflight for listed origins only', async () => {
    const headers = { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' }
    const ok = await t.call('OPTIONS', '/v1/merchants', { headers })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://partner.example')
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST')
    const stranger = await t.call('OPTIONS', '/v1/merchants', { headers: { ...headers, Origin: 'https://evil.example' } })
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull()
    const simple = await t.call('GET', '/v1/categories', { headers: { Origin: 'https://other.example' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://other.example')
    expect(simple.headers.get('access-control-expose-headers')).toContain('ETag')
  })

  it('sends weak ETags and answers If-None-Match with 304 on public reads', async () => {
    const merchant = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: merchant.id })
    for (const path of ['/v1/categories', `/v1/merchants/${shop.id}`, `/v1/merchants/${shop.id}/offerings`, `/v1/merchants/${shop.id}/reviews`, '/v1/search/nearby?lat=30.27&lng=120.15']) {
      const first = await t.call('GET', path)
      expect(first.status, path).toBe(200)
      const tag = first.headers.get('etag')
      expect(tag, path).toMatch(/^W\/"/)
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=30')
      expect(first.headers.get('vary'), path).toContain('Accept, Authorization')
      const again = await t.call('GET', path, { headers: { 'If-None-Match': tag! } })
      expect(again.status, path).toBe(304)
      expect(again.text).toBe('')
    }
  })

  it('marks personal answers private, no-store', async () => {
    const user = await makeUser(t.deps)
    const me = await t.call('GET', '/v1/me', { token: user.token })
    expect(me.status).toBe(200)
    expect(me.headers.get('cache-control')).toBe('private, no-store')
    expect((await t.call('GET', '/v1/categories', { token: user.token })).headers.get('cache-control')).toBe('private, no-store')
  })
})
