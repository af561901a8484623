import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { claim, makeCoupon } from '../../test/support/coupons'
import { makeUser } from '../../test/support/factories'
import { makeShop, placeOrder } from '../../test/support/orders'
import { readSse } from '../../test/support/sse'
import { jobHandlers } from '../job-handlers'
import { notifyExpiringCoupons } from './expiring-coupons'

const HOUR = 3_600_000

describe('coupon.expiring: a coupon you hold is about to expire', () => {
  const t = useTestApp({ COUPON_EXPIRY_NOTICE_HOURS: '24' })

  const expiringEvents = (userId: string) =>
    t.db.selectFrom('user_events').select(['id', 'payload']).where('user_id', '=', userId).where('type', '=', 'coupon.expiring').orderBy('id').execute()

  it('tells each holder of an unused coupon once, over the event stream, however often and in parallel the job runs', async () => {
    const shop = await makeShop(t)
    const holder = await makeUser(t.deps)
    const spender = await makeUser(t.deps)
    const now = Date.now()
    const soon = await makeCoupon(t, shop.owner.token, shop.merchant.id, { title: 'Last call', ends_at: new Date(now + 2 * HOUR).toISOString() })
    const later = await makeCoupon(t, shop.owner.token, shop.merchant.id, { title: 'Next week', ends_at: new Date(now + 72 * HOUR).toISOString() })
    for (const user of [holder, spender]) expect((await claim(t, user.token, soon.id)).status).toBe(201)
    expect((await claim(t, holder.token, later.id)).status).toBe(201)
    // The spender uses theirs: a used coupon is not about to expire for them.
    const order = await placeOrder(t, spender.token, { merchant_id: shop.merchant.id, items: [{ offering_id: shop.product.id, quantity: 1 }], payment_method: 'cash', coupon_id: soon.id })
    expect(order.status).toBe(201)
    expect(order.body.discount_cents).toBe(500)

    const res = await t.app.request('/v1/me/events', { headers: { Authorization: `Bearer ${holder.token}` } })
    expect(res.status).toBe(200)
    const stream = readSse(res)
    // Subscribed from here on (the server writes `: connected` after subscribing): no notice can slip past.
    await stream.connected()
    // Two runners at once, then the recurring job again on a later tick.
    const counts = await Promise.all([notifyExpiringCoupons(t.deps), notifyExpiringCoupons(t.deps)])
    expect(counts[0] + counts[1]).toBe(1)
    await jobHandlers(() => {})['notify-expiring-coupons']?.(t.deps, {}, undefined as never)

    const live = await stream.next((e) => e.event === 'coupon.expiring')
    expect(live.data).toMatchObject({ type: 'coupon.expiring', coupon_id: soon.id, title: 'Last call', merchant_id: shop.merchant.id, merchant_name: shop.merchant.name, ends_at: soon.ends_at })
    await expect(stream.next((e) => e.event === 'coupon.expiring', 800)).rejects.toThrow('no matching event in time')
    await stream.close()
    expect(await expiringEvents(holder.id)).toHaveLength(1)
    expect(await expiringEvents(spender.id)).toHaveLength(0)
    const claims = await t.db.selectFrom('coupon_claims').select(['user_id', 'coupon_id', 'expiry_notified_at']).where('coupon_id', 'in', [soon.id, later.id]).execute()
    expect(claims.filter((c) => c.expiry_notified_at !== null).map((c) => [c.user_id, c.coupon_id])).toEqual([[holder.id, soon.id]])

    // Two days on, the other campaign enters its last 24 hours: one notice for it; the first stays told.
    t.setNow(new Date(now + 49 * HOUR))
    try {
      expect(await notifyExpiringCoupons(t.deps)).toBe(1)
      expect(await notifyExpiringCoupons(t.deps)).toBe(0)
    } finally {
      t.setNow(undefined)
    }
    expect((await expiringEvents(holder.id)).map((e) => e.payload.coupon_id)).toEqual([soon.id, later.id])
  })

  it('says nothing about ended campaigns or expired ones, and again once a campaign is extended', async () => {
    const shop = await makeShop(t)
    const holder = await makeUser(t.deps)
    const now = Date.now()
    const ended = await makeCoupon(t, shop.owner.token, shop.merchant.id, { ends_at: new Date(now + 3 * HOUR).toISOString() })
    const extended = await makeCoupon(t, shop.owner.token, shop.merchant.id, { ends_at: new Date(now + 3 * HOUR).toISOString() })
    for (const c of [ended, extended]) expect((await claim(t, holder.token, c.id)).status).toBe(201)
    expect((await t.call('POST', `/v1/coupons/${ended.id}/end`, { token: shop.owner.token })).status).toBe(200)
    expect(await notifyExpiringCoupons(t.deps)).toBe(1)
    const moved = await t.call('PATCH', `/v1/coupons/${extended.id}`, { token: shop.owner.token, body: { ends_at: new Date(now + 5 * 24 * HOUR).toISOString() } })
    expect(moved.status).toBe(200)
    expect(await notifyExpiringCoupons(t.deps)).toBe(0)
    t.setNow(new Date(now + 4 * 24 * HOUR + HOUR))
    try {
      expect(await notifyExpiringCoupons(t.deps)).toBe(1)
      // Past its end it is expired, not expiring: nothing more.
      t.setNow(new Date(now + 6 * 24 * HOUR))
      expect(await notifyExpiringCoupons(t.deps)).toBe(0)
    } finally {
      t.setNow(undefined)
    }
    expect((await expiringEvents(holder.id)).map((e) => e.payload.coupon_id)).toEqual([extended.id, extended.id])
  })
})
