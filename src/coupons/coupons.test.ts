import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { claim, couponBody, makeCoupon } from '../../test/support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { makeShop, placeOrder } from '../../test/support/orders'

const t = useTestApp()
const order = (token: string, merchantId: string, offeringId: string, extra: Record<string, unknown> = {}, quantity = 3) =>
  placeOrder(t, token, { merchant_id: merchantId, items: [{ offering_id: offeringId, quantity }], payment_method: 'cash', ...extra })

describe('coupon campaigns', () => {
  it('lets the owner create, edit, pause, resume and end a campaign; others see live ones only', async () => {
    const { owner, merchant } = await makeShop(t)
    const created = await t.call('POST', `/v1/merchants/${merchant.id}/coupons`, { token: owner.token, body: couponBody() })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ kind: 'amount_off', amount_off_cents: 500, claimed_count: 0, remaining: 100, per_user_limit: 1, status: 'active' })
    const id = created.body.id
    const other = await makeUser(t.deps, { role: 'merchant' })
    expect((await t.call('POST', `/v1/merchants/${merchant.id}/coupons`, { token: other.token, body: couponBody() })).status).toBe(403)
    expect((await t.call('POST', `/v1/coupons/${id}/pause`, { token: other.token })).status).toBe(403)

    const bad = await t.call('POST', `/v1/merchants/${merchant.id}/coupons`, { token: owner.token, body: couponBody({ kind: 'percent_off', percent_off: 95 }) })
    expect(bad.status).toBe(422)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amount_off_cents', 'percent_off'])

    const patched = await t.call('PATCH', `/v1/coupons/${id}`, { token: owner.token, body: { title: 'Five off', total_quantity: 120 } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ title: 'Five off', total_quantity: 120 })
    expect((await t.call('PATCH', `/v1/coupons/${id}`, { token: owner.token, body: { amount_off_cents: 900 } })).status).toBe(422)
    expect((await t.call('PATCH', `/v1/coupons/${id}`, { token: owner.token, body: { per_user_limit: 1, ends_at: '2020-01-01T00:00:00Z' } })).status).toBe(422)

    expect((await t.call('POST', `/v1/coupons/${id}/pause`, { token: owner.token })).body.status).toBe('paused')
    const consumer = await makeUser(t.deps)
    const paused = await claim(t, consumer.token, id)
    expect(paused.status).toBe(409)
    expect(paused.body.code).toBe('coupon_not_claimable')
    expect((await t.call('GET', `/v1/merchants/${merchant.id}/coupons`)).body.data).toEqual([])
    expect((await t.call('POST', `/v1/coupons/${id}/pause`, { token: owner.token })).status).toBe(409)
    expect((await t.call('POST', `/v1/coupons/${id}/resume`, { token: owner.token })).body.status).toBe('active')
    const pub = await t.call('GET', `/v1/merchants/${merchant.id}/coupons`)
    expect(pub.body.data.map((c: { id: string }) => c.id)).toEqual([id])
    expect(pub.body.data[0].stats).toBeUndefined()
    expect((await t.call('POST', `/v1/coupons/${id}/end`, { token: owner.token })).body.status).toBe('ended')
    expect((await t.call('POST', `/v1/coupons/${id}/resume`, { token: owner.token })).status).toBe(409)
    const mine = await t.call('GET', `/v1/merchants/${merchant.id}/coupons`, { token: owner.token })
    expect(mine.body.data[0]).toMatchObject({ status: 'ended', stats: { claimed: 0, used: 0, discount_given_cents: 0, revenue_cents: 0 } })
  })

  it('gives exactly one of many simultaneous claims for the last coupon; the rest get 409 sold_out', async () => {
    const { owner, merchant } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id, { total_quantity: 1 })
    const consumers = await Promise.all(Array.from({ length: 8 }, () => makeUser(t.deps)))
    const results = await Promise.all(consumers.map((c) => claim(t, c.token, coupon.id)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    const losers = results.filter((r) => r.status !== 201)
    expect(losers.map((r) => [r.status, r.body.code])).toEqual(Array(7).fill([409, 'sold_out']))
    const row = await t.db.selectFrom('coupons').select('claimed_count').where('id', '=', coupon.id).executeTakeFirstOrThrow()
    expect(row.claimed_count).toBe(1)
    expect(await t.db.selectFrom('coupon_claims').select('id').where('coupon_id', '=', coupon.id).execute()).toHaveLength(1)
  })

  it('enforces the per-user limit, also under simultaneous claims by one person', async () => {
    const { owner, merchant } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id, { per_user_limit: 2 })
    const consumer = await makeUser(t.deps)
    const results = await Promise.all(Array.from({ length: 5 }, () => claim(t, consumer.token, coupon.id)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(2)
    for (const r of results.filter((r) => r.status !== 201)) expect([r.status, r.body.code]).toEqual([409, 'limit_reached'])
    const row = await t.db.selectFrom('coupons').select('claimed_count').where('id', '=', coupon.id).executeTakeFirstOrThrow()
    expect(row.claimed_count).toBe(2) // refused claims took nothing
    const owner2 = await makeUser(t.deps, { role: 'merchant' })
    expect((await claim(t, owner2.token, coupon.id)).status).toBe(403)
  })

  it('lists the wallet by status with cursor paging', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const consumer = await makeUser(t.deps)
    const coupons = []
    for (let i = 0; i < 3; i++) coupons.push(await makeCoupon(t, owner.token, merchant.id, { title: `C${i}` }))
    for (const c of coupons) expect((await claim(t, consumer.token, c.id)).status).toBe(201)
    expect((await order(consumer.token, merchant.id, product.id, { coupon_id: coupons[0].id })).status).toBe(201)
    await t.call('POST', `/v1/coupons/${coupons[1].id}/end`, { token: owner.token })

    const first = await t.call('GET', '/v1/me/coupons?limit=2', { token: consumer.token })
    expect(first.status).toBe(200)
    expect(first.body.data).toHaveLength(2)
    const second = await t.call('GET', `/v1/me/coupons?limit=2&cursor=${first.body.next_cursor}`, { token: consumer.token })
    expect(second.body.data).toHaveLength(1)
    expect(second.body.next_cursor).toBeNull()
    const byStatus = async (s: string) => (await t.call('GET', `/v1/me/coupons?status=${s}`, { token: consumer.token })).body.data.map((w: { coupon: { title: string } }) => w.coupon.title)
    expect(await byStatus('used')).toEqual(['C0'])
    expect(await byStatus('expired')).toEqual(['C1'])
    expect(await byStatus('available')).toEqual(['C2'])
    expect((await t.call('GET', '/v1/me/coupons?status=gone', { token: consumer.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/me/coupons?cursor=abc', { token: consumer.token })).status).toBe(422)
  })
})

describe('ordering with a coupon', () => {
  it('discounts the order, charges the total, takes the fee on what is paid, and shows the owner its numbers', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id, { kind: 'percent_off', amount_off_cents: undefined, percent_off: 15, max_discount_cents: 1000 })
    const consumer = await makeUser(t.deps)
    await claim(t, consumer.token, coupon.id)
    const res = await order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect(res.status).toBe(201)
    // 15% of 3750 = 562.5 → 563; fee 5% of 3187 = 159.35 → 159
    expect(res.body).toMatchObject({ subtotal_cents: 3750, discount_cents: 563, total_cents: 3187, platform_fee_cents: 159 })
    expect(res.body.coupon_claim_id).toMatch(/^[0-9a-f-]{36}$/)
    const again = await order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect([again.status, again.body.code]).toEqual([409, 'coupon_already_used'])
    const stats = (await t.call('GET', `/v1/merchants/${merchant.id}/coupons`, { token: owner.token })).body.data[0].stats
    expect(stats).toEqual({ claimed: 1, used: 1, discount_given_cents: 563, revenue_cents: 3187 })
  })

  it('lets exactly one of two simultaneous orders use one coupon', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id)
    const consumer = await makeUser(t.deps)
    await claim(t, consumer.token, coupon.id)
    const results = await Promise.all([1, 2, 3].map(() => order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('coupon_already_used')
    const used = await t.db.selectFrom('orders').select('id').where('consumer_id', '=', consumer.id).execute()
    expect(used).toHaveLength(1)
  })

  it('returns the coupon to the wallet when the order is cancelled before redemption', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id)
    const consumer = await makeUser(t.deps)
    await claim(t, consumer.token, coupon.id)
    const first = await order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect((await t.call('GET', '/v1/me/coupons?status=available', { token: consumer.token })).body.data).toEqual([])
    expect((await t.call('POST', `/v1/orders/${first.body.id}/cancel`, { token: consumer.token })).status).toBe(200)
    const wallet = await t.call('GET', '/v1/me/coupons?status=available', { token: consumer.token })
    expect(wallet.body.data.map((w: { coupon: { id: string } }) => w.coupon.id)).toEqual([coupon.id])
    const second = await order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect([second.status, second.body.discount_cents]).toEqual([201, 500])
  })

  it('names every rule a coupon breaks with a 422', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const otherShop = await makeShop(t)
    const consumer = await makeUser(t.deps)
    const expectRule = async (overrides: Record<string, unknown>, rule: string, place = { merchant: merchant.id, offering: product.id }) => {
      const c = await makeCoupon(t, owner.token, merchant.id, overrides)
      expect((await claim(t, consumer.token, c.id)).status).toBe(201)
      const res = await order(consumer.token, place.merchant, place.offering, { coupon_id: c.id })
      expect([res.status, res.body.code, res.body.errors?.[0]?.path]).toEqual([422, rule, 'coupon_id'])
    }
    await expectRule({ min_spend_cents: 5000 }, 'min_spend')
    await expectRule({ starts_at: new Date(Date.now() + 3_600_000).toISOString() }, 'not_yet_valid')
    await expectRule({}, 'other_storefront', { merchant: otherShop.merchant.id, offering: otherShop.product.id })
    const service = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 900 })
    await expectRule({ offering_ids: [service.id] }, 'offering_not_covered')
    // A first order makes the consumer a returning customer.
    expect((await order(consumer.token, merchant.id, product.id)).status).toBe(201)
    await expectRule({ new_customers_only: true }, 'new_customers_only')

    const expiring = await makeCoupon(t, owner.token, merchant.id)
    await claim(t, consumer.token, expiring.id)
    t.setNow(new Date(Date.now() + 2 * 86_400_000))
    try {
      const late = await order(consumer.token, merchant.id, product.id, { coupon_id: expiring.id })
      expect([late.status, late.body.code]).toEqual([422, 'expired'])
    } finally {
      t.setNow(undefined)
    }
    const unclaimed = await makeCoupon(t, owner.token, merchant.id)
    const res = await order(consumer.token, merchant.id, product.id, { coupon_id: unclaimed.id })
    expect([res.status, res.body.code]).toEqual([422, 'not_claimed'])
  })

  it('gives a first-orders-only coupon to one order per customer, even when they place several at once or the first is still unpaid', async () => {
    const { owner, merchant, product } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id, { new_customers_only: true, per_user_limit: 5 })
    const consumer = await makeUser(t.deps)
    for (let i = 0; i < 5; i++) expect((await claim(t, consumer.token, coupon.id)).status).toBe(201)
    const results = await Promise.all(Array.from({ length: 5 }, () => order(consumer.token, merchant.id, product.id, { coupon_id: coupon.id })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422, 422])
    for (const r of results.filter((r) => r.status !== 201)) expect(r.body.code).toBe('new_customers_only')

    // A first order still waiting for its card payment counts too: it would become the first order once paid.
    const other = await makeUser(t.deps)
    for (let i = 0; i < 2; i++) expect((await claim(t, other.token, coupon.id)).status).toBe(201)
    const first = await order(other.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect(first.status).toBe(201)
    await t.db.updateTable('orders').set({ status: 'pending_payment', payment_provider: 'stripe', redemption_code: null }).where('id', '=', first.body.id).execute()
    const second = await order(other.token, merchant.id, product.id, { coupon_id: coupon.id })
    expect([second.status, second.body.code]).toEqual([422, 'new_customers_only'])
  })

  it('discounts a yen order in whole yen', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const merchant = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo' })
    const ramen = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1250 })
    const coupon = await makeCoupon(t, owner.token, merchant.id, { kind: 'percent_off', amount_off_cents: undefined, percent_off: 15, currency: 'JPY' })
    const consumer = await makeUser(t.deps)
    await claim(t, consumer.token, coupon.id)
    const res = await order(consumer.token, merchant.id, ramen.id, { coupon_id: coupon.id }, 1)
    expect(res.body).toMatchObject({ currency: 'JPY', subtotal_cents: 1250, discount_cents: 188, total_cents: 1062 })
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('coupon edits racing claims (PostgreSQL server: PGlite has one session, no lock waits)', () => {
  it('answers 422 naming total_quantity, not 500, when claims land between the check and the update', async () => {
    const { owner, merchant } = await makeShop(t)
    const coupon = await makeCoupon(t, owner.token, merchant.id, { total_quantity: 10 })
    let patched: Promise<Awaited<ReturnType<typeof t.call>>> | undefined
    // Claims in flight: the campaign row is incremented but not yet committed while the owner lowers the quantity.
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('coupons').set({ claimed_count: 6 }).where('id', '=', coupon.id).execute()
      patched = t.call('PATCH', `/v1/coupons/${coupon.id}`, { token: owner.token, body: { total_quantity: 4 } })
      await new Promise((r) => setTimeout(r, 300))
    })
    const res = await patched!
    expect([res.status, res.body.errors?.[0]?.path]).toEqual([422, 'total_quantity'])
    const row = await t.db.selectFrom('coupons').select(['claimed_count', 'total_quantity']).where('id', '=', coupon.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ claimed_count: 6, total_quantity: 10 })
  })
})
