import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser, type TestUser } from '../../test/support/factories'

const t = useTestApp()

let owner: TestUser
let rival: TestUser
let consumer: TestUser
let shop: { id: string }
let draft: { id: string }
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
  rival = await makeUser(t.deps, { role: 'merchant' })
  consumer = await makeUser(t.deps, { role: 'consumer' })
  shop = await makeMerchant(t.db, { owner_id: owner.id })
  draft = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
})

const haircut = { name: 'Haircut', kind: 'service', price_cents: 8800, currency: 'CNY', duration_min: 45 }

function add(merchantId: string, body: Record<string, unknown>, token = owner.token) {
  return t.call('POST', `/v1/merchants/${merchantId}/offerings`, { token, body })
}

function paths(res: { body: { errors?: Array<{ path: string }> } }) {
  return (res.body.errors ?? []).map((e) => e.path).sort()
}

describe('POST /v1/merchants/:id/offerings', () => {
  it('adds a service with a default capacity of 1, and products and vouchers without a duration', async () => {
    const res = await add(shop.id, { ...haircut, description: 'Wash, cut and style' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      merchant_id: shop.id,
      name: 'Haircut',
      description: 'Wash, cut and style',
      kind: 'service',
      price_cents: 8800,
      currency: 'CNY',
      duration_min: 45,
      capacity: 1,
      active: true,
      deal: null,
    })
    const row = await t.db.selectFrom('offerings').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(Number(row.price_cents)).toBe(8800)

    // Currency left out: the storefront's (CNY) is inherited.
    const product = await add(shop.id, { name: 'Shampoo', kind: 'product', price_cents: 0 })
    expect(product.status).toBe(201)
    expect(product.body).toMatchObject({ kind: 'product', price_cents: 0, currency: 'CNY', duration_min: null, capacity: 1, description: null })
    const group = await add(shop.id, { ...haircut, name: 'Yoga class', capacity: 12 })
    expect(group.body.capacity).toBe(12)
    expect((await add(shop.id, { name: '100 for 80', kind: 'voucher', price_cents: 8000, currency: 'CNY' })).status).toBe(201)
  })

  it.each([
    ['a service without duration_min', { duration_min: undefined }, ['duration_min']],
    ['a negative price', { price_cents: -1 }, ['price_cents']],
    ['a fractional price', { price_cents: 12.5 }, ['price_cents']],
    ['a lower-case currency', { currency: 'cny' }, ['currency']],
    ['a made-up currency', { currency: 'ABC' }, ['currency']],
    ['an unknown kind', { kind: 'rental' }, ['kind']],
    ['a product with a duration', { kind: 'product', duration_min: 30 }, ['duration_min']],
  ])('rejects %s with 422 naming the field', async (_label, overrides, expected) => {
    const res = await add(shop.id, { ...haircut, ...overrides })
    expect(res.status).toBe(422)
    expect(paths(res)).toEqual(expected)
  })

  it('lets only the owner add offerings: 403 on an active storefront, 404 on a draft', async () => {
    expect((await add(shop.id, haircut, rival.token)).status).toBe(403)
    expect((await add(shop.id, haircut, consumer.token)).status).toBe(403)
    expect((await add(draft.id, haircut, rival.token)).status).toBe(404)
    expect((await t.call('POST', `/v1/merchants/${shop.id}/offerings`, { body: haircut })).status).toBe(401)
    expect((await add('not-a-uuid', haircut)).status).toBe(422)
    const rows = await t.db.selectFrom('offerings').select('id').where('name', '=', 'Stolen').execute()
    expect(rows).toHaveLength(0)
  })
})

describe('GET /v1/merchants/:id/offerings', () => {
  it('shows active offerings to everyone and inactive ones to the owner only', async () => {
    const store = await makeMerchant(t.db, { owner_id: owner.id })
    const on = await makeOffering(t.db, store.id, { name: 'On sale' })
    const off = await makeOffering(t.db, store.id, { name: 'Withdrawn', active: false })
    const publicList = await t.call('GET', `/v1/merchants/${store.id}/offerings`)
    expect(publicList.status).toBe(200)
    expect(publicList.body.data.map((o: { id: string }) => o.id)).toEqual([on.id])
    const rivalList = await t.call('GET', `/v1/merchants/${store.id}/offerings`, { token: rival.token })
    expect(rivalList.body.data.map((o: { id: string }) => o.id)).toEqual([on.id])
    const ownerList = await t.call('GET', `/v1/merchants/${store.id}/offerings`, { token: owner.token })
    expect(ownerList.body.data.map((o: { id: string }) => o.id).sort()).toEqual([on.id, off.id].sort())
  })

  it("hides a draft storefront's offerings from everyone but its owner", async () => {
    const hidden = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
    await makeOffering(t.db, hidden.id)
    expect((await t.call('GET', `/v1/merchants/${hidden.id}/offerings`)).status).toBe(404)
    expect((await t.call('GET', `/v1/merchants/${hidden.id}/offerings`, { token: rival.token })).status).toBe(404)
    expect((await t.call('GET', `/v1/merchants/${hidden.id}/offerings`, { token: owner.token })).body.data).toHaveLength(1)
    expect((await t.call('GET', '/v1/merchants/xyz/offerings')).status).toBe(422)
  })
})

describe('PATCH and DELETE /v1/offerings/:id', () => {
  it('lets the owner change price and details', async () => {
    const offering = await makeOffering(t.db, shop.id)
    const res = await t.call('PATCH', `/v1/offerings/${offering.id}`, { token: owner.token, body: { price_cents: 9900, currency: 'CNY', capacity: 3 } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: offering.id, price_cents: 9900, currency: 'CNY', capacity: 3, name: offering.name })
    const row = await t.db.selectFrom('offerings').selectAll().where('id', '=', offering.id).executeTakeFirstOrThrow()
    expect([Number(row.price_cents), row.currency]).toEqual([9900, 'CNY'])
    const hkd = await t.call('PATCH', `/v1/offerings/${offering.id}`, { token: owner.token, body: { currency: 'HKD', price_cents: 100 } })
    expect([hkd.status, hkd.body.code, paths(hkd)]).toEqual([422, 'currency_mismatch', ['currency']])
    expect(row.updated_at.getTime()).toBeGreaterThan(row.created_at.getTime())
  })

  it('validates changes against the offering kind', async () => {
    const service = await makeOffering(t.db, shop.id)
    const noDuration = await t.call('PATCH', `/v1/offerings/${service.id}`, { token: owner.token, body: { duration_min: null } })
    expect(noDuration.status).toBe(422)
    expect(paths(noDuration)).toEqual(['duration_min'])
    const price = await t.call('PATCH', `/v1/offerings/${service.id}`, { token: owner.token, body: { price_cents: -5, currency: 'EURO' } })
    expect(paths(price)).toEqual(['currency', 'price_cents'])
    const product = await makeOffering(t.db, shop.id, { kind: 'product' })
    const duration = await t.call('PATCH', `/v1/offerings/${product.id}`, { token: owner.token, body: { duration_min: 30 } })
    expect(paths(duration)).toEqual(['duration_min'])
  })

  it('deactivates on DELETE, keeping the row, and hides it from the public list', async () => {
    const offering = await makeOffering(t.db, shop.id)
    const res = await t.call('DELETE', `/v1/offerings/${offering.id}`, { token: owner.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: offering.id, active: false })
    const row = await t.db.selectFrom('offerings').select('active').where('id', '=', offering.id).executeTakeFirstOrThrow()
    expect(row.active).toBe(false)
    const list = await t.call('GET', `/v1/merchants/${shop.id}/offerings`)
    expect(list.body.data.map((o: { id: string }) => o.id)).not.toContain(offering.id)
    expect((await t.call('DELETE', `/v1/offerings/${offering.id}`, { token: owner.token })).status).toBe(200)
    const back = await t.call('PATCH', `/v1/offerings/${offering.id}`, { token: owner.token, body: { active: true } })
    expect(back.body.active).toBe(true)
  })

  it("forbids other accounts to change or withdraw someone else's offerings", async () => {
    const offering = await makeOffering(t.db, shop.id, { price_cents: 1000 })
    const hidden = await makeOffering(t.db, draft.id)
    const inactive = await makeOffering(t.db, shop.id, { active: false })
    expect((await t.call('PATCH', `/v1/offerings/${offering.id}`, { token: rival.token, body: { price_cents: 1 } })).status).toBe(403)
    expect((await t.call('DELETE', `/v1/offerings/${offering.id}`, { token: rival.token })).status).toBe(403)
    expect((await t.call('DELETE', `/v1/offerings/${offering.id}`, { token: consumer.token })).status).toBe(403)
    expect((await t.call('PATCH', `/v1/offerings/${hidden.id}`, { token: rival.token, body: { price_cents: 1 } })).status).toBe(404)
    expect((await t.call('DELETE', `/v1/offerings/${hidden.id}`, { token: rival.token })).status).toBe(404)
    expect((await t.call('PATCH', `/v1/offerings/${inactive.id}`, { token: rival.token, body: { active: true } })).status).toBe(404)
    expect((await t.call('DELETE', `/v1/offerings/${offering.id}`)).status).toBe(401)
    expect((await t.call('PATCH', '/v1/offerings/nope', { token: owner.token, body: { price_cents: 1 } })).status).toBe(422)
    const rows = await t.db.selectFrom('offerings').select(['id', 'price_cents', 'active']).where('id', 'in', [offering.id, hidden.id, inactive.id]).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(Number(byId.get(offering.id)?.price_cents)).toBe(1000)
    expect(byId.get(offering.id)?.active).toBe(true)
    expect(byId.get(hidden.id)?.active).toBe(true)
    expect(byId.get(inactive.id)?.active).toBe(false)
  })
})
