import { describe, expect, it } from 'vitest'
import { useTestApp } from './support/app'
import { makeUser } from './support/factories'

// The issue-10 conventions, pinned across the whole document rather than one route at a time:
// every body-taking operation answers 415 to a wrong Content-Type; every path answers 405 with
// `Allow` to a method it does not list; both are documented.
const t = useTestApp()
const ANY_ID = '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11'
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const

// biome-ignore lint: the document is plain JSON here
type Json = any

async function document(): Promise<Json> {
  return (await t.call('GET', '/openapi.json')).body
}

function concrete(path: string): string {
  return path.replace(/\{[xyz]\}/g, '1').replace(/\{[^}]+\}/g, ANY_ID)
}

describe('415 for a wrong Content-Type, on every operation that takes a body', () => {
  it('is answered and documented on each of them, with a problem document saying what to send', async () => {
    const doc = await document()
    const merchant = await makeUser(t.deps, { role: 'merchant' })
    const consumer = await makeUser(t.deps, { role: 'consumer' })
    const checked: string[] = []
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method]
        // Stripe's webhook reads the raw signed bytes; the signature, not the media type, decides.
        if (!op?.requestBody || path === '/v1/webhooks/stripe') continue
        expect(Object.keys(op.responses), `${method} ${path} documents 415`).toContain('415')
        // Authentication and roles are checked before the body: ask as whoever may call it.
        const wrongType = Object.keys(op.requestBody.content).includes('application/json') ? 'text/plain' : 'application/json'
        let res = await t.call(method.toUpperCase(), concrete(path), { token: merchant.token, rawBody: 'x=1', headers: { 'Content-Type': wrongType, 'Idempotency-Key': `k-${checked.length}` } })
        if (res.status === 403) res = await t.call(method.toUpperCase(), concrete(path), { token: consumer.token, rawBody: 'x=1', headers: { 'Content-Type': wrongType, 'Idempotency-Key': `k-${checked.length}` } })
        expect(res.status, `${method} ${path} with Content-Type ${wrongType}`).toBe(415)
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        expect(res.body.code).toMatch(/^unsupported_(media_type|image_type)$/)
        checked.push(`${method} ${path}`)
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(17)
  })
})

describe('405 with Allow for a method a path does not take', () => {
  it('is answered on every documented path and described once in the document', async () => {
    const doc = await document()
    expect(doc['x-method-not-allowed']).toEqual({ $ref: '#/components/responses/MethodNotAllowed' })
    expect(doc.components.responses.MethodNotAllowed.headers.Allow).toEqual({ $ref: '#/components/headers/Allow' })
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      const listed = METHODS.filter((m) => item[m])
      const missing = METHODS.find((m) => !item[m])
      if (!missing) continue
      const res = await t.call(missing.toUpperCase(), concrete(path))
      expect(res.status, `${missing} ${path}`).toBe(405)
      expect(res.body.code).toBe('method_not_allowed')
      const allow = (res.headers.get('allow') ?? '').split(', ')
      for (const m of listed) expect(allow, `${path} Allow`).toContain(m.toUpperCase())
    }
  })
})

describe('Idempotency-Key on every creating POST', () => {
  it('is documented with the replay header on each (orders require it; the rest take it optionally)', async () => {
    const doc = await document()
    const { IDEMPOTENT_CREATES } = await import('../src/http/idempotency')
    for (const path of [...IDEMPOTENT_CREATES, '/v1/orders']) {
      const op = doc.paths[path].post
      expect(op.parameters.map((p: Json) => p.name.toLowerCase()), path).toContain('idempotency-key')
      const success = op.responses['201'] ?? op.responses['200']
      expect(Object.keys(success.headers), path).toContain('Idempotent-Replayed')
      expect(Object.keys(op.responses), path).toContain('409')
    }
  })
})

describe('one storefront read, one owner check, one rule for malformed ids', () => {
  it('answers 404 for a draft you cannot see, 403 for a visible storefront of another, 422 for a malformed id — on every owner route', async () => {
    const { makeMerchant } = await import('./support/factories')
    const stranger = await makeUser(t.deps, { role: 'merchant' })
    const active = await makeMerchant(t.db, {})
    const draft = await makeMerchant(t.db, { status: 'draft' })
    const routes: Array<[string, (id: string) => string, unknown?]> = [
      ['GET', (id) => `/v1/merchants/${id}/payouts`],
      ['POST', (id) => `/v1/merchants/${id}/payouts/onboarding`],
      ['POST', (id) => `/v1/merchants/${id}/redemptions`, { code: 'ABCDE-FGHJK' }],
      ['PATCH', (id) => `/v1/merchants/${id}`, { name: 'Mine now' }],
    ]
    for (const [method, path, body] of routes) {
      const other = await t.call(method, path(active.id), { token: stranger.token, body })
      expect(other.status, `${method} ${path(':active')}`).toBe(403)
      expect(other.body.code).toBe('not_owner')
      const hidden = await t.call(method, path(draft.id), { token: stranger.token, body })
      expect(hidden.status, `${method} ${path(':draft')}`).toBe(404)
      expect(hidden.body.code).toBe('merchant_not_found')
      const malformed = await t.call(method, path('not-a-uuid'), { token: stranger.token, body })
      expect(malformed.status, `${method} ${path('not-a-uuid')}`).toBe(422)
      expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['id'])
    }
  })
})

describe('the README API section matches the app', () => {
  it("shows /ready's migration count as the code expects it, and GeoJSON on its own path", async () => {
    const { readFileSync } = await import('node:fs')
    const { migrations } = await import('../migrations')
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const count = Object.keys(migrations).length
    expect(readme).toContain(`"migrations":{"applied":${count},"expected":${count}}`)
    expect(readme).toContain('/v1/search/nearby.geojson?')
    const ready = await t.call('GET', '/ready')
    expect(ready.body.migrations).toEqual({ applied: count, expected: count })
  })
})
