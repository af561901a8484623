import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeCoupon } from '../../test/support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { placeOrder } from '../../test/support/orders'

const t = useTestApp()

async function dealShop(at = { lat: 31.23, lng: 121.47 }) {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id, ...at })
  await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1000 })
  return { owner, merchant }
}

const voucher = (overrides: Record<string, unknown> = {}) => ({ name: '¥100 voucher', kind: 'voucher', price_cents: 7900, currency: 'CNY', face_value_cents: 10000, ...overrides })

describe('deals', () => {
  it('lists a voucher deal with its face value and saving, and refuses deals that save nothing', async () => {
    const { owner, merchant } = await dealShop()
    const res = await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ stock: 10 }) })
    expect(res.status).toBe(201)
    expect(res.body.deal).toEqual({ face_value_cents: 10000, saving_cents: 2100, stock: 10, remaining: 10, valid_until: null })
    const listed = await t.call('GET', `/v1/merchants/${merchant.id}/offerings`)
    expect(listed.body.data.find((o: { id: string }) => o.id === res.body.id).deal.saving_cents).toBe(2100)
    const plain = listed.body.data.find((o: { id: string }) => o.id !== res.body.id)
    expect(plain.deal).toBeNull()

    const noSaving = await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ price_cents: 10000 }) })
    expect([noSaving.status, noSaving.body.errors[0].path]).toEqual([422, 'price_cents'])
    const product = await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ kind: 'product' }) })
    expect([product.status, product.body.errors[0].path]).toEqual([422, 'face_value_cents'])
    const stockOnly = await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ face_value_cents: undefined, stock: 3 }) })
    expect([stockOnly.status, stockOnly.body.errors[0].path]).toEqual([422, 'stock'])
    const raised = await t.call('PATCH', `/v1/offerings/${res.body.id}`, { token: owner.token, body: { price_cents: 12000 } })
    expect(raised.status).toBe(422)
  })

  it('never oversells stock under simultaneous orders, and a cancelled order returns its stock', async () => {
    const { owner, merchant } = await dealShop()
    const deal = (await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ stock: 2 }) })).body
    const consumers = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.deps)))
    const body = { merchant_id: merchant.id, items: [{ offering_id: deal.id, quantity: 1 }], payment_method: 'cash' }
    const results = await Promise.all(consumers.map((c) => placeOrder(t, c.token, body)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(2)
    for (const r of results.filter((r) => r.status !== 201)) expect([r.status, r.body.code]).toEqual([409, 'deal_sold_out'])
    const row = await t.db.selectFrom('offerings').select(['sold_count', 'stock']).where('id', '=', deal.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ sold_count: 2, stock: 2 })

    const won = results.find((r) => r.status === 201)!
    const winner = consumers[results.indexOf(won)]!
    expect((await t.call('POST', `/v1/orders/${won.body.id}/cancel`, { token: winner.token })).status).toBe(200)
    const after = await t.call('GET', `/v1/merchants/${merchant.id}/offerings`)
    expect(after.body.data.find((o: { id: string }) => o.id === deal.id).deal.remaining).toBe(1)
    expect((await placeOrder(t, consumers[5]!.token, body)).status).toBe(201)
  })

  it('gives back only the stock an order took: an order placed before the voucher became a deal returns none', async () => {
    const { owner, merchant } = await dealShop()
    const plain = (await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ face_value_cents: undefined }) })).body
    const early = await makeUser(t.deps)
    const body = (quantity: number) => ({ merchant_id: merchant.id, items: [{ offering_id: plain.id, quantity }], payment_method: 'cash' })
    const before = await placeOrder(t, early.token, body(5))
    expect(before.status).toBe(201)
    expect((await t.call('PATCH', `/v1/offerings/${plain.id}`, { token: owner.token, body: { face_value_cents: 10000, stock: 3 } })).status).toBe(200)
    const buyer = await makeUser(t.deps)
    const sold = await placeOrder(t, buyer.token, body(3))
    expect(sold.status).toBe(201)

    expect((await t.call('POST', `/v1/orders/${before.body.id}/cancel`, { token: early.token })).status).toBe(200)
    const row = await t.db.selectFrom('offerings').select(['sold_count', 'stock']).where('id', '=', plain.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ sold_count: 3, stock: 3 })
    const late = await placeOrder(t, (await makeUser(t.deps)).token, body(1))
    expect([late.status, late.body.code]).toEqual([409, 'deal_sold_out'])

    // The deal's own order gives its 3 back exactly once, however often it is released.
    expect((await t.call('POST', `/v1/orders/${sold.body.id}/cancel`, { token: buyer.token })).status).toBe(200)
    expect((await t.call('POST', `/v1/orders/${sold.body.id}/cancel`, { token: owner.token })).status).toBe(409)
    const after = await t.db.selectFrom('offerings').select('sold_count').where('id', '=', plain.id).executeTakeFirstOrThrow()
    expect(after.sold_count).toBe(0)
  })

  it('refuses a deal past valid_until', async () => {
    const { owner, merchant } = await dealShop()
    const deal = (await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ valid_until: new Date(Date.now() + 60_000).toISOString() }) })).body
    t.setNow(new Date(Date.now() + 120_000))
    try {
      const consumer = await makeUser(t.deps)
      const res = await placeOrder(t, consumer.token, { merchant_id: merchant.id, items: [{ offering_id: deal.id, quantity: 1 }], payment_method: 'cash' })
      expect([res.status, res.body.code]).toEqual([422, 'deal_expired'])
    } finally {
      t.setNow(undefined)
    }
  })

  it('filters nearby search by has_deal and has_coupon', async () => {
    const here = { lat: 47.37, lng: 8.54 }
    const plain = await dealShop(here)
    const withDeal = await dealShop(here)
    const withCoupon = await dealShop(here)
    await t.call('POST', `/v1/merchants/${withDeal.merchant.id}/offerings`, { token: withDeal.owner.token, body: voucher() })
    await makeCoupon(t, withCoupon.owner.token, withCoupon.merchant.id)
    const ids = async (extra: string) => (await t.call('GET', `/v1/search/nearby?lat=${here.lat}&lng=${here.lng}&radius_m=500${extra}`)).body.data.map((l: { id: string }) => l.id)
    expect((await ids('')).length).toBe(3)
    expect(await ids('&has_deal=true')).toEqual([withDeal.merchant.id])
    expect(await ids('&has_coupon=true')).toEqual([withCoupon.merchant.id])
    expect(plain.merchant.id).toBeTruthy()
    expect((await t.call('GET', `/v1/search/nearby?lat=1&lng=1&has_deal=yes`)).status).toBe(422)
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('deal edits racing orders (PostgreSQL server: PGlite has one session, no lock waits)', () => {
  it('answers 422 naming stock, not 500, when orders take stock between the check and the update', async () => {
    const { owner, merchant } = await dealShop()
    const deal = (await t.call('POST', `/v1/merchants/${merchant.id}/offerings`, { token: owner.token, body: voucher({ stock: 10 }) })).body
    let patched: Promise<Awaited<ReturnType<typeof t.call>>> | undefined
    // Orders in flight: stock taken but not yet committed while the owner lowers the stock.
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('offerings').set({ sold_count: 6 }).where('id', '=', deal.id).execute()
      patched = t.call('PATCH', `/v1/offerings/${deal.id}`, { token: owner.token, body: { stock: 4 } })
      await new Promise((r) => setTimeout(r, 300))
    })
    const res = await patched!
    expect([res.status, res.body.errors?.[0]?.path]).toEqual([422, 'stock'])
    const row = await t.db.selectFrom('offerings').select(['sold_count', 'stock']).where('id', '=', deal.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ sold_count: 6, stock: 10 })
  })
})
