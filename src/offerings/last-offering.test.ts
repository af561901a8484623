import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser, type TestUser } from '../../test/support/factories'

const t = useTestApp()

let owner: TestUser
let rival: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
  rival = await makeUser(t.deps, { role: 'merchant' })
})

const withdraw = (id: string, token = owner.token) => t.call('DELETE', `/v1/offerings/${id}`, { token })

async function activeOfferings(merchantId: string): Promise<number> {
  const rows = await t.db.selectFrom('offerings').select('id').where('merchant_id', '=', merchantId).where('active', '=', true).execute()
  return rows.length
}

async function statusOf(merchantId: string): Promise<string> {
  return (await t.db.selectFrom('merchants').select('status').where('id', '=', merchantId).executeTakeFirstOrThrow()).status
}

describe('an active storefront keeps at least one active offering', () => {
  it('refuses to withdraw the last one (DELETE or PATCH active=false) with a 409 that says what to do', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const first = await makeOffering(t.db, shop.id)
    const last = await makeOffering(t.db, shop.id)
    expect((await withdraw(first.id)).status).toBe(200)
    const refused = await withdraw(last.id)
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(refused.body.code).toBe('last_active_offering')
    expect(refused.body.detail).toContain('add another offering first, or unpublish the storefront')
    const patched = await t.call('PATCH', `/v1/offerings/${last.id}`, { token: owner.token, body: { active: false } })
    expect(patched.status).toBe(409)
    expect(await activeOfferings(shop.id)).toBe(1)
    // Other edits of the last offering, and withdrawing it again once inactive, are not affected.
    expect((await t.call('PATCH', `/v1/offerings/${last.id}`, { token: owner.token, body: { price_cents: 999 } })).status).toBe(200)
    expect((await withdraw(first.id)).status).toBe(200)
    // Someone else still gets 403, not the 409.
    expect((await withdraw(last.id, rival.token)).status).toBe(403)
  })

  it('lets a draft withdraw everything, and an unpublished storefront too', async () => {
    const draft = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
    const only = await makeOffering(t.db, draft.id)
    expect((await withdraw(only.id)).status).toBe(200)

    const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Closing down' })
    const last = await makeOffering(t.db, shop.id)
    expect((await t.call('POST', `/v1/merchants/${shop.id}/unpublish`, { token: rival.token })).status).toBe(403)
    const off = await t.call('POST', `/v1/merchants/${shop.id}/unpublish`, { token: owner.token })
    expect(off.status).toBe(200)
    expect(off.body.status).toBe('draft')
    expect((await t.call('POST', `/v1/merchants/${shop.id}/unpublish`, { token: owner.token })).body.status).toBe('draft')
    expect((await t.call('GET', `/v1/merchants/${shop.id}`)).status).toBe(404) // no longer public
    expect((await withdraw(last.id)).status).toBe(200)
    const publish = await t.call('POST', `/v1/merchants/${shop.id}/publish`, { token: owner.token })
    expect(publish.status).toBe(422)
    expect(publish.body.code).toBe('not_publishable')
  })

  it('lets only one of two simultaneous withdrawals of the last two offerings succeed', async () => {
    for (let round = 0; round < 6; round++) {
      const shop = await makeMerchant(t.db, { owner_id: owner.id })
      const a = await makeOffering(t.db, shop.id)
      const b = await makeOffering(t.db, shop.id)
      const statuses = (await Promise.all([withdraw(a.id), withdraw(b.id)])).map((r) => r.status).sort()
      expect(statuses, `round ${round}`).toEqual([200, 409])
      expect(await activeOfferings(shop.id)).toBe(1)
    }
  })

  it('never leaves a storefront published with nothing to sell when publish and withdrawal race', async () => {
    for (let round = 0; round < 6; round++) {
      const shop = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
      const only = await makeOffering(t.db, shop.id)
      const [published, withdrawn] = await Promise.all([
        t.call('POST', `/v1/merchants/${shop.id}/publish`, { token: owner.token }),
        withdraw(only.id),
      ])
      const status = await statusOf(shop.id)
      const left = await activeOfferings(shop.id)
      expect(status === 'active' ? left : 1, `round ${round}: publish ${published.status}, withdraw ${withdrawn.status}`).toBeGreaterThan(0)
      expect([published.status, withdrawn.status].sort()).toEqual(status === 'active' ? [200, 409] : [200, 422])
    }
  })
})
