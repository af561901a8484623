import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { makeShop, newKey, placeOrder as placeOrder_ } from '../../test/support/orders'
import { transition, TRANSITIONS } from './order-state'

const t = useTestApp()
const shop = (overrides: { status?: 'draft' | 'active' } = {}) => makeShop(t, overrides)
const placeOrder = (token: string, body: unknown, key?: string | null) => placeOrder_(t, token, body, key)

describe('who may see and cancel orders', () => {
  async function placed() {
    const s = await shop()
    const consumer = await makeUser(t.deps, { name: 'Chen Jie', email: `chen.${newKey()}@example.test` })
    const res = await placeOrder(consumer.token, { merchant_id: s.merchant.id, items: [{ offering_id: s.product.id, quantity: 1 }], payment_method: 'cash' })
    return { ...s, consumer, order: res.body }
  }

  it('requires a consumer account to place an order', async () => {
    const { owner, merchant, product } = await shop()
    const body = { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' }
    expect((await t.call('POST', '/v1/orders', { body, headers: { 'Idempotency-Key': newKey() } })).status).toBe(401)
    expect((await placeOrder(owner.token, body)).status).toBe(403)
  })

  it('shows an order to its consumer and its storefront owner only', async () => {
    const { owner, consumer, order } = await placed()
    const stranger = await makeUser(t.deps)
    const otherOwner = await makeUser(t.deps, { role: 'merchant' })
    await makeMerchant(t.db, { owner_id: otherOwner.id })
    expect((await t.call('GET', `/v1/orders/${order.id}`, { token: consumer.token })).status).toBe(200)
    const seen = await t.call('GET', `/v1/orders/${order.id}`, { token: owner.token })
    expect(seen.status).toBe(200)
    // The owner sees who is coming by display name, never by email.
    expect(seen.body.customer).toEqual({ display_name: 'Chen Jie' })
    expect(JSON.stringify(seen.body)).not.toContain('@example.test')
    expect((await t.call('GET', `/v1/orders/${order.id}`, { token: stranger.token })).status).toBe(404)
    expect((await t.call('GET', `/v1/orders/${order.id}`, { token: otherOwner.token })).status).toBe(404)
    expect((await t.call('GET', `/v1/orders/${order.id}`)).status).toBe(401)
    expect((await t.call('GET', '/v1/orders/00000000-0000-4000-8000-000000000000', { token: consumer.token })).status).toBe(404)
    expect((await t.call('GET', '/v1/orders/not-a-uuid', { token: consumer.token })).status).toBe(422)
    expect((await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: stranger.token })).status).toBe(404)
    expect((await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: otherOwner.token })).status).toBe(404)
    expect((await t.call('POST', `/v1/orders/${order.id}/cancel`)).status).toBe(401)
  })

  it('lets the consumer or the storefront owner cancel before completion, once', async () => {
    const a = await placed()
    const byConsumer = await t.call('POST', `/v1/orders/${a.order.id}/cancel`, { token: a.consumer.token })
    expect(byConsumer.status).toBe(200)
    expect(byConsumer.body.status).toBe('cancelled')
    expect((await t.call('POST', `/v1/orders/${a.order.id}/cancel`, { token: a.consumer.token })).status).toBe(409)
    const b = await placed()
    const byOwner = await t.call('POST', `/v1/orders/${b.order.id}/cancel`, { token: b.owner.token })
    expect(byOwner.body.status).toBe('cancelled')
    const events = await t.db.selectFrom('order_events').select(['to_status', 'cause']).where('order_id', '=', b.order.id).orderBy('id').execute()
    expect(events.at(-1)).toEqual({ to_status: 'cancelled', cause: 'cancelled_by_merchant' })
  })

  it('lists own orders for consumers and storefront orders for merchants, with a status filter and cursor pages', async () => {
    const { owner, merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const other = await makeUser(t.deps)
    const ids: string[] = []
    // Three orders share one timestamp: the keyset breaks ties by id.
    const times = ['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', '2026-11-20T11:00:00Z', '2026-11-20T11:00:00Z', '2026-11-20T12:00:00Z']
    for (const at of times) {
      t.setNow(new Date(at))
      const res = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' })
      ids.push(res.body.id)
    }
    t.setNow(undefined)
    await placeOrder(other.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' })
    await t.call('POST', `/v1/orders/${ids[0]}/cancel`, { token: consumer.token })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof t.call>> = await t.call('GET', `/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: consumer.token })
      expect(page.status).toBe(200)
      expect(page.body.data.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.data.map((o: { id: string }) => o.id))
      cursor = page.body.next_cursor
    } while (cursor)
    expect(seen).toEqual([ids[4], ...ids.slice(1, 4).sort().reverse(), ids[0]])

    const cancelled = await t.call('GET', '/v1/orders?status=cancelled', { token: consumer.token })
    expect(cancelled.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]])
    const forOwner = await t.call('GET', '/v1/orders?limit=100', { token: owner.token })
    expect(forOwner.body.data).toHaveLength(6)
    expect(forOwner.body.data.every((o: { redemption_code: unknown }) => o.redemption_code === null)).toBe(true)
    const stranger = await makeUser(t.deps, { role: 'merchant' })
    expect((await t.call('GET', '/v1/orders', { token: stranger.token })).body.data).toEqual([])
    expect((await t.call('GET', '/v1/orders?cursor=forged.cursor', { token: consumer.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/orders?status=lost', { token: consumer.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/orders')).status).toBe(401)
  })
})

describe('card features without Stripe keys', () => {
  it('answers 501 for payouts onboarding and the webhook endpoint', async () => {
    const { owner, merchant } = await shop()
    const onboarding = await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`, { token: owner.token })
    expect(onboarding.status).toBe(501)
    expect((await t.call('POST', '/v1/webhooks/stripe', { rawBody: '{}' })).status).toBe(501)
    const state = await t.call('GET', `/v1/merchants/${merchant.id}/payouts`, { token: owner.token })
    expect(state.body).toEqual({ charges_enabled: false, payouts_enabled: false, details_submitted: false })
  })
})

describe('API description', () => {
  it('documents the order, redemption, booking, payout and webhook routes', async () => {
    const res = await t.call('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/orders', '/v1/orders/{id}/cancel', '/v1/merchants/{id}/redemptions', '/v1/merchants/{id}/availability', '/v1/webhooks/stripe']),
    )
  })
})

describe('order lifecycle', () => {
  it('moves only along the transitions table, recording each move; the database rejects unknown statuses', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const order = (await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' })).body
    expect(TRANSITIONS.confirmed).not.toContain('paid')
    const refused = await t.db.transaction().execute((trx) => transition(trx, order.id, 'paid', 'test'))
    expect(refused).toBeNull()
    const moved = await t.db.transaction().execute((trx) => transition(trx, order.id, 'completed', 'test'))
    expect(moved?.status).toBe('completed')
    const events = await t.db.selectFrom('order_events').select(['from_status', 'to_status']).where('order_id', '=', order.id).orderBy('id').execute()
    expect(events.map((e) => e.to_status)).toEqual(['confirmed', 'completed'])
    await expect(t.db.updateTable('orders').set({ status: 'lost' as never }).where('id', '=', order.id).execute()).rejects.toThrow(/check/i)
  })
})
