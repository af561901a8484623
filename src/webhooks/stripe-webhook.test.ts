import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../../test/support/stripe-events'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url })
afterAll(() => fake.close())

let seq = 0

/** A fresh card order awaiting payment (1500 CNY cents). */
async function pendingOrder() {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id })
  const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1500 })
  const consumer = await makeUser(t.deps)
  const res = await t.call('POST', '/v1/orders', {
    token: consumer.token,
    headers: { 'Idempotency-Key': `wh-${++seq}` },
    body: { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'stripe' },
  })
  expect(res.status).toBe(201)
  const order = res.body
  const intent = (overrides: Record<string, unknown> = {}) => ({
    id: order.payment.payment_intent_id,
    object: 'payment_intent',
    amount: 1500,
    amount_received: 1500,
    currency: 'cny',
    metadata: { order_id: order.id },
    ...overrides,
  })
  const charge = { id: `ch_${seq}`, object: 'charge', payment_intent: order.payment.payment_intent_id, amount: 1500, amount_refunded: 1500, refunded: true, currency: 'cny', metadata: {} }
  const read = async () => (await t.call('GET', `/v1/orders/${order.id}`, { token: consumer.token })).body
  return { order, owner, merchant, consumer, intent, charge, read }
}

async function storedEvents(orderId: string) {
  return t.db.selectFrom('order_events').select(['from_status', 'to_status', 'cause']).where('order_id', '=', orderId).orderBy('id').execute()
}

describe('Stripe webhook signatures', () => {
  it('accepts a correctly signed event and marks the order paid with a redemption code', async () => {
    const o = await pendingOrder()
    const res = await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ received: true, duplicate: false })
    const order = await o.read()
    expect(order.status).toBe('paid')
    expect(order.redemption_code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)
  })

  it('rejects forged, missing and stale signatures with 400 and changes nothing', async () => {
    const o = await pendingOrder()
    const event = stripeEvent('payment_intent.succeeded', o.intent())
    const forged = await sendStripeEvent(t, event, { secret: 'whsec_someone_else' })
    const missing = await sendStripeEvent(t, event, { signature: null })
    const garbage = await sendStripeEvent(t, event, { signature: 't=1,v1=abc' })
    const stale = await sendStripeEvent(t, event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
    for (const res of [forged, missing, garbage, stale]) {
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
    expect((await o.read()).status).toBe('pending_payment')
    expect(await t.db.selectFrom('stripe_events').select('event_id').where('event_id', '=', event.id).execute()).toHaveLength(0)
  })

  it('rejects a body altered after signing', async () => {
    const o = await pendingOrder()
    const signedFor = JSON.stringify(stripeEvent('payment_intent.payment_failed', o.intent()))
    const { default: Stripe } = await import('stripe')
    const header = Stripe.webhooks.generateTestHeaderString({ payload: signedFor, secret: TEST_WEBHOOK_SECRET })
    const tampered = signedFor.replace('payment_intent.payment_failed', 'payment_intent.succeeded')
    const res = await t.call('POST', '/v1/webhooks/stripe', { rawBody: tampered, headers: { 'Stripe-Signature': header } })
    expect(res.status).toBe(400)
    expect((await o.read()).status).toBe('pending_payment')
  })
})

describe('Stripe webhook processing', () => {
  it('processes 10 simultaneous copies of one event exactly once', async () => {
    const o = await pendingOrder()
    const event = stripeEvent('payment_intent.succeeded', o.intent())
    const results = await Promise.all(Array.from({ length: 10 }, () => sendStripeEvent(t, event)))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1)
    expect(await storedEvents(o.order.id)).toEqual([
      { from_status: null, to_status: 'pending_payment', cause: 'order_placed' },
      { from_status: 'pending_payment', to_status: 'paid', cause: 'payment_succeeded' },
    ])
    const code = (await o.read()).redemption_code
    await sendStripeEvent(t, event)
    expect((await o.read()).redemption_code).toBe(code)
  })

  it('never lets a late failure downgrade a paid order', async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    await sendStripeEvent(t, stripeEvent('payment_intent.payment_failed', o.intent({ amount_received: 0 })))
    expect((await o.read()).status).toBe('paid')
  })

  it('lets a later success win over an earlier failure', async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.payment_failed', o.intent({ amount_received: 0 })))
    expect((await o.read()).status).toBe('payment_failed')
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    expect((await o.read()).status).toBe('paid')
  })

  it('ends refunded when the refund arrives before the success', async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('charge.refunded', o.charge))
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    const order = await o.read()
    expect(order.status).toBe('refunded')
    expect(order.redemption_code).toBeNull()
  })

  it('does not mark paid on an amount or currency mismatch and flags the order for review', async () => {
    const o = await pendingOrder()
    const res = await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent({ amount: 100, amount_received: 100 })))
    expect(res.status).toBe(200)
    const order = await o.read()
    expect(order.status).toBe('pending_payment')
    expect(order.needs_review).toBe(true)
    const row = await t.db.selectFrom('orders').select(['review_reason']).where('id', '=', o.order.id).executeTakeFirstOrThrow()
    expect(row.review_reason).toContain('does not match')

    const other = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', other.intent({ currency: 'usd' })))
    expect(await other.read()).toMatchObject({ status: 'pending_payment', needs_review: true })
  })

  it('acknowledges unknown event types and intents it does not know', async () => {
    const unknown = await sendStripeEvent(t, stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }))
    expect(unknown.status).toBe(200)
    const stranger = await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', { id: 'pi_unknown', object: 'payment_intent', amount: 1, amount_received: 1, currency: 'cny', metadata: {} }))
    expect(stranger.status).toBe(200)
  })
})

async function reviewOf(eventId: string) {
  return t.db.selectFrom('stripe_events').select(['type', 'review_reason', 'payload']).where('event_id', '=', eventId).executeTakeFirst()
}

/** Signs and posts any JSON value, as Stripe would sign it. */
async function sendSigned(value: unknown) {
  const payload = JSON.stringify(value)
  const { default: Stripe } = await import('stripe')
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET })
  return t.call('POST', '/v1/webhooks/stripe', { rawBody: payload, headers: { 'Stripe-Signature': header } })
}

describe('signed events in the wrong shape (finding 14)', () => {
  it('acknowledges [], null and envelopes without data.object with 200 and records them for review', async () => {
    for (const body of [[], null, 42, { id: 'evt_no_data', type: 'payment_intent.succeeded' }, { id: 'evt_null_object', type: 'charge.refunded', data: { object: null } }]) {
      const res = await sendSigned(body)
      expect(res.status, JSON.stringify(body)).toBe(200)
      expect(res.body.received).toBe(true)
    }
    const flagged = await t.db.selectFrom('stripe_events').select(['event_id', 'review_reason']).where('review_reason', 'is not', null).execute()
    expect(flagged.map((r) => r.event_id)).toEqual(expect.arrayContaining(['evt_no_data', 'evt_null_object']))
    expect(flagged.filter((r) => r.event_id.startsWith('unidentified:'))).toHaveLength(3)
    expect((await reviewOf('evt_null_object'))?.review_reason).toMatch(/^not a Stripe event: data.object/)
    // The same malformed delivery again is a duplicate, not a second review entry.
    expect((await sendSigned([])).body.duplicate).toBe(true)
  })

  it('keeps NUL characters and lone surrogates out of the stored evidence instead of failing with 500', async () => {
    for (const [id, body] of [
      ['evt_lone_surrogate', { id: 'evt_lone_surrogate', type: 'charge.refunded', data: { object: 'x\ud800y' } }],
      ['evt_nul_\u0000', { id: 'evt_nul_\u0000', type: 'payment_intent.\u0000', data: { object: { note: 'a\u0000b' } } }],
    ] as const) {
      const res = await sendSigned(body)
      expect(res.status, id).toBe(200)
    }
    expect((await reviewOf('evt_lone_surrogate'))?.payload).toMatchObject({ data: { object: 'x\ufffdy' } })
    expect((await reviewOf('evt_nul_\ufffd'))?.type).toBe('payment_intent.\ufffd')
  })

  it('changes nothing for typed events whose object has missing or wrong-typed fields', async () => {
    const o = await pendingOrder()
    const cases = [
      stripeEvent('account.updated', { object: 'account', charges_enabled: true }),
      stripeEvent('payment_intent.succeeded', o.intent({ amount: '1500' })),
      stripeEvent('payment_intent.succeeded', o.intent({ metadata: { order_id: 42 } })),
      stripeEvent('payment_intent.succeeded', o.intent({ id: null })),
      stripeEvent('charge.refunded', { ...o.charge, refunded: 'yes' }),
    ]
    for (const event of cases) {
      const res = await sendStripeEvent(t, event)
      expect(res.status).toBe(200)
      const row = await reviewOf(event.id)
      expect(row?.review_reason, event.type).toMatch(/without the object it promises/)
      expect(row?.payload).toMatchObject({ id: event.id, type: event.type })
    }
    expect(await o.read()).toMatchObject({ status: 'pending_payment', needs_review: false })
  })
})

describe('refunds checked against the order (finding 9)', () => {
  it("does not refund an order named in metadata when the charge's PaymentIntent is another one", async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    for (const payment_intent of ['pi_someone_else', null]) {
      const event = stripeEvent('charge.refunded', { ...o.charge, payment_intent, metadata: { order_id: o.order.id } })
      expect((await sendStripeEvent(t, event)).status).toBe(200)
      expect((await reviewOf(event.id))?.review_reason).toMatch(/names order .* which was paid with pi_/)
    }
    expect(await o.read()).toMatchObject({ status: 'paid', refunded_cents: 0 })
  })

  it('does not refund when the charge amount or currency differs from the order', async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    const cheaper = stripeEvent('charge.refunded', { ...o.charge, amount: 100, amount_refunded: 100 })
    const dollars = stripeEvent('charge.refunded', { ...o.charge, currency: 'usd' })
    for (const event of [cheaper, dollars]) {
      await sendStripeEvent(t, event)
      expect((await reviewOf(event.id))?.review_reason).toMatch(/does not match order/)
    }
    expect(await o.read()).toMatchObject({ status: 'paid', refunded_cents: 0 })
  })

  it('records a partial refund as an amount and refunds the order only once fully refunded', async () => {
    const o = await pendingOrder()
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', o.intent()))
    await sendStripeEvent(t, stripeEvent('charge.refunded', { ...o.charge, amount_refunded: 500, refunded: false }))
    expect(await o.read()).toMatchObject({ status: 'paid', refunded_cents: 500 })
    await sendStripeEvent(t, stripeEvent('charge.refunded', { ...o.charge, amount_refunded: 1500, refunded: true }))
    expect(await o.read()).toMatchObject({ status: 'refunded', refunded_cents: 1500 })
    // A late copy of the smaller report does not lower the amount.
    await sendStripeEvent(t, stripeEvent('charge.refunded', { ...o.charge, amount_refunded: 500, refunded: false }))
    expect((await o.read()).refunded_cents).toBe(1500)
  })
})
