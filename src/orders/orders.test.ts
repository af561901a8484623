import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeOffering, makeUser } from '../../test/support/factories'
import { makeShop, newKey, placeOrder as placeOrder_ } from '../../test/support/orders'

const t = useTestApp()
const shop = (overrides: { status?: 'draft' | 'active' } = {}) => makeShop(t, overrides)
const placeOrder = (token: string, body: unknown, key?: string | null) => placeOrder_(t, token, body, key)

describe('orders, cash on the embedded default', () => {
  it('runs the whole cash flow: order → code → redeem → completed', async () => {
    const { owner, merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const res = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 3 }], payment_method: 'cash' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'confirmed',
      merchant_id: merchant.id,
      consumer_id: consumer.id,
      items: [{ offering_id: product.id, name: product.name, kind: 'product', unit_price_cents: 1250, quantity: 3, slot_start: null }],
      subtotal_cents: 3750,
      platform_fee_cents: 188, // 5% of 3750 = 187.5, rounded half up
      total_cents: 3750,
      currency: 'CNY',
      payment: { provider: 'cash', payment_intent_id: null, client_secret: null },
    })
    expect(res.body.redemption_code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)

    const asMerchant = await t.call('GET', `/v1/orders/${res.body.id}`, { token: owner.token })
    expect(asMerchant.status).toBe(200)
    expect(asMerchant.body.redemption_code).toBeNull() // the code is the consumer's to show

    const typed = res.body.redemption_code.toLowerCase().replace('-', '')
    const redeemed = await t.call('POST', `/v1/merchants/${merchant.id}/redemptions`, { token: owner.token, body: { code: typed } })
    expect(redeemed.status).toBe(200)
    expect(redeemed.body).toMatchObject({ id: res.body.id, status: 'completed' })

    const again = await t.call('POST', `/v1/merchants/${merchant.id}/redemptions`, { token: owner.token, body: { code: res.body.redemption_code } })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('already_redeemed')

    const events = await t.db.selectFrom('order_events').select(['from_status', 'to_status', 'cause']).where('order_id', '=', res.body.id).orderBy('id').execute()
    expect(events).toEqual([
      { from_status: null, to_status: 'confirmed', cause: 'order_placed' },
      { from_status: 'confirmed', to_status: 'completed', cause: 'redeemed' },
    ])
    const cancel = await t.call('POST', `/v1/orders/${res.body.id}/cancel`, { token: consumer.token })
    expect(cancel.status).toBe(409)
  })

  it('refuses client-sent prices and totals as unknown fields: prices come from the database', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const res = await placeOrder(consumer.token, {
      merchant_id: merchant.id,
      items: [{ offering_id: product.id, quantity: 1, unit_price_cents: 1 }],
      payment_method: 'cash',
      total_cents: 1,
    })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([
      { path: 'items[0].unit_price_cents', message: 'is not a known field' },
      { path: 'total_cents', message: 'is not a known field' },
    ])
    const ok = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' })
    expect(ok.status).toBe(201)
    expect(ok.body.total_cents).toBe(1250)
  })

  it('refuses card payments with 422 when Stripe is not configured', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const key = newKey()
    const res = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'stripe' }, key)
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'payment_method', message: 'card payments are not configured' }])
    expect(await t.db.selectFrom('order_requests').select('order_id').where('idempotency_key', '=', key).execute()).toHaveLength(0)
  })
})

describe('order validation', () => {
  it('requires an Idempotency-Key, naming it', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const res = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' }, null)
    expect(res.status).toBe(422)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['idempotency-key'])
  })

  it('names each bad field and stores nothing under the key', async () => {
    const { merchant, product } = await shop()
    const other = await shop()
    const inactive = await makeOffering(t.db, merchant.id, { kind: 'product', active: false })
    const service = await makeOffering(t.db, merchant.id, { kind: 'service' })
    const consumer = await makeUser(t.deps)
    const key = newKey()
    const res = await placeOrder(
      consumer.token,
      {
        merchant_id: merchant.id,
        items: [
          { offering_id: other.product.id, quantity: 1 },
          { offering_id: inactive.id, quantity: 1 },
          { offering_id: product.id, quantity: 1, slot_start: '2030-01-01T10:00:00Z' },
          { offering_id: service.id, quantity: 1 },
        ],
        payment_method: 'cash',
      },
      key,
    )
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([
      { path: 'items[0].offering_id', message: 'is not an offering of this storefront' },
      { path: 'items[1].offering_id', message: 'is not available right now' },
      { path: 'items[2].slot_start', message: 'only services take a slot' },
      { path: 'items[3].slot_start', message: 'is required to book a service' },
    ])
    expect(await t.db.selectFrom('order_requests').select('order_id').where('idempotency_key', '=', key).execute()).toHaveLength(0)
    // The same key works afterwards for a valid request.
    const ok = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' }, key)
    expect(ok.status).toBe(201)
  })

  it('rejects an empty order, bad quantities and a storefront that is not active', async () => {
    const { merchant, product } = await shop()
    const draft = await shop({ status: 'draft' })
    const consumer = await makeUser(t.deps)
    const empty = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [], payment_method: 'cash' })
    expect(empty.status).toBe(422)
    expect(empty.body.errors[0].path).toBe('items')
    const tooMany = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 100 }], payment_method: 'cash' })
    expect(tooMany.body.errors[0].path).toBe('items[0].quantity')
    const zero = await placeOrder(consumer.token, { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 0 }], payment_method: 'cash' })
    expect(zero.body.errors[0].path).toBe('items[0].quantity')
    const closed = await placeOrder(consumer.token, { merchant_id: draft.merchant.id, items: [{ offering_id: draft.product.id, quantity: 1 }], payment_method: 'cash' })
    expect(closed.status).toBe(422)
    expect(closed.body.errors).toEqual([{ path: 'merchant_id', message: 'is not an active storefront' }])
    const badJson = await t.call('POST', '/v1/orders', { token: consumer.token, rawBody: '{', headers: { 'Idempotency-Key': newKey() } })
    expect([400, 422]).toContain(badJson.status)
  })
})

describe('idempotency', () => {
  it('returns the same order for a retry, 409 for a different body under the same key', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const key = newKey()
    const body = { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 2 }], payment_method: 'cash' }
    const first = await placeOrder(consumer.token, body, key)
    const retry = await placeOrder(consumer.token, body, key)
    expect(first.status).toBe(201)
    // A replay answers like the original: 201, the same body, marked as a replay.
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const changed = await placeOrder(consumer.token, { ...body, items: [{ offering_id: product.id, quantity: 3 }] }, key)
    expect(changed.status).toBe(409)
    expect(changed.body.code).toBe('idempotency_key_reused')
    // Keys belong to one consumer: another consumer's same key is a new order.
    const someoneElse = await makeUser(t.deps)
    const theirs = await placeOrder(someoneElse.token, body, key)
    expect(theirs.status).toBe(201)
    expect(theirs.body.id).not.toBe(first.body.id)
  })

  it('creates one order for concurrent retries with one key', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const key = newKey()
    const body = { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' }
    const results = await Promise.all(Array.from({ length: 8 }, () => placeOrder(consumer.token, body, key)))
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201))
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7)
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    const rows = await t.db.selectFrom('orders').select('id').where('consumer_id', '=', consumer.id).execute()
    expect(rows).toHaveLength(1)
  })
})
