import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'

const t = useTestApp()

const storefront = { name: 'Key Café', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, address: '1 Lake Rd', timezone: 'Asia/Shanghai', hours: [] }

describe('Idempotency-Key on creating POSTs', () => {
  it('replays the first answer (status and body) with Idempotent-Replayed, creating one storefront', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-1' }
    const first = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const again = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    const mine = await t.call('GET', '/v1/merchants?owner=me', { token: owner.token })
    expect(mine.body.data).toHaveLength(1)
  })

  it('answers 409 for the same key with another body, and keys are per account', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-2' }
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })).status).toBe(201)
    const other = await t.call('POST', '/v1/merchants', { token: owner.token, body: { ...storefront, name: 'Other' }, headers })
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('idempotency_key_reused')
    const someoneElse = await makeUser(t.deps, { role: 'merchant' })
    const theirs = await t.call('POST', '/v1/merchants', { token: someoneElse.token, body: storefront, headers })
    expect(theirs.status).toBe(201)
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
  })

  it('does not keep failed requests: a fixed retry under the same key goes through', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-3' }
    const bad = await t.call('POST', '/v1/merchants', { token: owner.token, body: { ...storefront, name: '' }, headers })
    expect(bad.status).toBe(422)
    const fixed = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(fixed.status).toBe(201)
  })

  it('refuses a malformed key with 422 and creates twice without a key', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const bad = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers: { 'Idempotency-Key': 'x'.repeat(256) } })
    expect(bad.status).toBe(422)
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront })).status).toBe(201)
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront })).status).toBe(201)
  })
})
