import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { placeOrder } from '../../test/support/orders'
import { openJobRunner } from '../job-handlers'
import { expireUnpaidOrders } from './expire-unpaid'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_API_BASE: fake.url, UNPAID_ORDER_EXPIRY_MINUTES: '30' })
afterAll(() => fake.close())

const MINUTE = 60_000
const silent = () => {}

/** A one-place 60-minute service tomorrow at a whole hour, and an order for it paid by `method`. */
async function bookedOrder(method: 'stripe' | 'cash') {
  const merchant = await makeMerchant(t.db, {})
  const service = await makeOffering(t.db, merchant.id, { kind: 'service', duration_min: 60, capacity: 1, price_cents: 8800 })
  const consumer = await makeUser(t.deps)
  const slot = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000).toISOString()
  const res = await placeOrder(t, consumer.token, { merchant_id: merchant.id, items: [{ offering_id: service.id, quantity: 1, slot_start: slot }], payment_method: method })
  expect(res.status).toBe(201)
  const read = async () => (await t.call('GET', `/v1/orders/${res.body.id}`, { token: consumer.token })).body
  const activeBookings = async () => (await t.db.selectFrom('bookings').select('id').where('order_id', '=', res.body.id).where('active', '=', true).execute()).length
  return { order: res.body, consumer, merchant, service, slot, read, activeBookings }
}

const cancelCalls = (intentId: string) => fake.calls(`/v1/payment_intents/${intentId}/cancel`)

describe('unpaid card order expiry', () => {
  it('cancels card orders unpaid for longer than UNPAID_ORDER_EXPIRY_MINUTES: intent cancelled, slots released', async () => {
    const card = await bookedOrder('stripe')
    const cash = await bookedOrder('cash')
    t.setNow(new Date(Date.now() + 29 * MINUTE))
    try {
      expect(await expireUnpaidOrders(t.deps)).toBe(0)
      t.setNow(new Date(Date.now() + 31 * MINUTE))
      expect(await expireUnpaidOrders(t.deps)).toBeGreaterThanOrEqual(1)
    } finally {
      t.setNow(undefined)
    }
    expect((await card.read()).status).toBe('cancelled')
    expect(await card.activeBookings()).toBe(0)
    expect(cancelCalls(card.order.payment.payment_intent_id)).toHaveLength(1)
    const events = await t.db.selectFrom('order_events').select(['from_status', 'to_status', 'cause']).where('order_id', '=', card.order.id).orderBy('id').execute()
    expect(events.at(-1)).toEqual({ from_status: 'pending_payment', to_status: 'cancelled', cause: 'expired_unpaid' })
    // Cash orders are confirmed at once and paid at the counter: never expired.
    expect((await cash.read()).status).toBe('confirmed')
    expect(await cash.activeBookings()).toBe(1)
    // The slot is free again for someone else.
    const other = await makeUser(t.deps)
    const again = await placeOrder(t, other.token, { merchant_id: card.merchant.id, items: [{ offering_id: card.service.id, quantity: 1, slot_start: card.slot }], payment_method: 'cash' })
    expect(again.status).toBe(201)
  })

  it('leaves an order whose intent Stripe will not cancel (just paid) for its webhook', async () => {
    const card = await bookedOrder('stripe')
    t.setNow(new Date(Date.now() + 31 * MINUTE))
    try {
      fake.failNext(3)
      await expireUnpaidOrders(t.deps)
    } finally {
      t.setNow(undefined)
    }
    expect((await card.read()).status).toBe('pending_payment')
    expect(await card.activeBookings()).toBe(1)
  })

  it('runs as a recurring job that survives a restart and expires each order once across two processes', async () => {
    const card = await bookedOrder('stripe')
    const first = await openJobRunner(t.deps, silent)
    first.start(60_000)
    await first.stop()
    // "Restart": two new processes on the same database, the clock past the expiry.
    t.setNow(new Date(Date.now() + 31 * MINUTE))
    try {
      const [a, b] = [await openJobRunner(t.deps, silent), await openJobRunner(t.deps, silent)]
      await Promise.all([a.tick(), b.tick()])
    } finally {
      t.setNow(undefined)
    }
    expect((await card.read()).status).toBe('cancelled')
    const events = await t.db.selectFrom('order_events').select('to_status').where('order_id', '=', card.order.id).where('to_status', '=', 'cancelled').execute()
    expect(events).toHaveLength(1)
    const scheduled = await t.db.selectFrom('jobs').select(['kind', 'every_ms']).where('dedupe_key', 'like', 'every:%').orderBy('kind').execute()
    expect(scheduled).toEqual([
      { kind: 'delete-abandoned-uploads', every_ms: expect.anything() },
      { kind: 'expire-unpaid-orders', every_ms: expect.anything() },
      { kind: 'notify-expiring-coupons', every_ms: expect.anything() },
      { kind: 'prune-feed-inboxes', every_ms: expect.anything() },
      { kind: 'prune-user-events', every_ms: expect.anything() },
      { kind: 'refresh-recommendations', every_ms: expect.anything() },
    ])
  })
})
