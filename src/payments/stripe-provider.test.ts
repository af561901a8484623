import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../../test/support/stripe-events'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url })
afterAll(() => fake.close())

let keySeq = 0

async function shop(connected?: { account: string; charges: boolean }) {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id })
  if (connected) {
    await t.db.updateTable('merchants').set({ stripe_account_id: connected.account, charges_enabled: connected.charges }).where('id', '=', merchant.id).execute()
  }
  const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1010 })
  return { owner, merchant, product }
}

async function cardOrder(consumerToken: string, merchantId: string, offeringId: string, key = `card-${++keySeq}`) {
  return t.call('POST', '/v1/orders', {
    token: consumerToken,
    headers: { 'Idempotency-Key': key },
    body: { merchant_id: merchantId, items: [{ offering_id: offeringId, quantity: 2 }], payment_method: 'stripe' },
  })
}

describe('Stripe adapter through the SDK against a fake Stripe API', () => {
  it('creates one PaymentIntent per order with amount, lower-case currency, metadata and an order-derived idempotency key', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const res = await cardOrder(consumer.token, merchant.id, product.id, 'card-plain')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'pending_payment', total_cents: 2020, platform_fee_cents: 101, redemption_code: null })
    expect(res.body.payment).toEqual({ provider: 'stripe', payment_intent_id: expect.stringMatching(/^pi_/), client_secret: expect.stringMatching(/_secret_/) })
    const calls = fake.calls('/v1/payment_intents').filter((r) => r.form['metadata[order_id]'] === res.body.id)
    expect(calls).toHaveLength(1)
    const call = calls[0]!
    expect(call.method).toBe('POST')
    expect(call.authorization).toBe('Bearer sk_test_fake_key')
    expect(call.idempotencyKey).toBe(`order-${res.body.id}-payment-intent`)
    expect(call.form).toMatchObject({ amount: '2020', currency: 'cny', 'automatic_payment_methods[enabled]': 'true' })
    expect(call.form['transfer_data[destination]']).toBeUndefined()
    expect(call.form.application_fee_amount).toBeUndefined()

    const retry = await cardOrder(consumer.token, merchant.id, product.id, 'card-plain')
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.payment.payment_intent_id).toBe(res.body.payment.payment_intent_id)
    expect(fake.calls('/v1/payment_intents').filter((r) => r.form['metadata[order_id]'] === res.body.id)).toHaveLength(1)
  })

  it('makes a destination charge with the platform fee when the storefront can take charges', async () => {
    const { merchant, product } = await shop({ account: 'acct_dest1', charges: true })
    const consumer = await makeUser(t.deps)
    const res = await cardOrder(consumer.token, merchant.id, product.id)
    expect(res.status).toBe(201)
    const call = fake.calls('/v1/payment_intents').find((r) => r.form['metadata[order_id]'] === res.body.id)!
    // 5% of 2020 = 101
    expect(call.form).toMatchObject({ 'transfer_data[destination]': 'acct_dest1', application_fee_amount: '101', amount: '2020' })

    const notReady = await shop({ account: 'acct_notready', charges: false })
    const plain = await cardOrder(consumer.token, notReady.merchant.id, notReady.product.id)
    const plainCall = fake.calls('/v1/payment_intents').find((r) => r.form['metadata[order_id]'] === plain.body.id)!
    expect(plainCall.form['transfer_data[destination]']).toBeUndefined()
  })

  it('answers 502 when Stripe is down and creates the intent on a retry with the same key', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    fake.failNext(3)
    const failed = await cardOrder(consumer.token, merchant.id, product.id, 'card-outage')
    expect(failed.status).toBe(502)
    const retry = await cardOrder(consumer.token, merchant.id, product.id, 'card-outage')
    expect(retry.status).toBe(201)
    expect(retry.body.payment.payment_intent_id).toMatch(/^pi_/)
    expect(await t.db.selectFrom('orders').select('id').where('consumer_id', '=', consumer.id).execute()).toHaveLength(1)
  })

  it('refunds a cancelled destination charge with reverse_transfer and refund_application_fee, then refunded on the webhook', async () => {
    const { owner, merchant, product } = await shop({ account: 'acct_dest2', charges: true })
    const consumer = await makeUser(t.deps)
    const order = (await cardOrder(consumer.token, merchant.id, product.id)).body
    const intent = { id: order.payment.payment_intent_id, object: 'payment_intent', amount: 2020, amount_received: 2020, currency: 'cny', metadata: { order_id: order.id } }
    expect((await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', intent))).status).toBe(200)

    const cancelled = await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: owner.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refund_pending')
    const refunds = fake.calls('/v1/refunds').filter((r) => r.form.payment_intent === order.payment.payment_intent_id)
    expect(refunds).toHaveLength(1)
    expect(refunds[0]!.idempotencyKey).toBe(`order-${order.id}-refund`)
    expect(refunds[0]!.form).toMatchObject({ reverse_transfer: 'true', refund_application_fee: 'true' })

    const charge = { id: 'ch_r1', object: 'charge', payment_intent: order.payment.payment_intent_id, refunded: true, amount: 2020, amount_refunded: 2020, currency: 'cny', metadata: {} }
    expect((await sendStripeEvent(t, stripeEvent('charge.refunded', charge))).status).toBe(200)
    const after = await t.call('GET', `/v1/orders/${order.id}`, { token: consumer.token })
    expect(after.body.status).toBe('refunded')
  })

  it('cancels the PaymentIntent of an unpaid card order before cancelling the order', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const order = (await cardOrder(consumer.token, merchant.id, product.id)).body
    const cancelled = await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: consumer.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    const calls = fake.calls(`/v1/payment_intents/${order.payment.payment_intent_id}/cancel`)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.idempotencyKey).toBe(`order-${order.id}-cancel`)
    expect(fake.calls('/v1/refunds').filter((r) => r.form.payment_intent === order.payment.payment_intent_id)).toHaveLength(0)
  })

  it('refunds a plain charge without the Connect flags', async () => {
    const { merchant, product } = await shop()
    const consumer = await makeUser(t.deps)
    const order = (await cardOrder(consumer.token, merchant.id, product.id)).body
    const intent = { id: order.payment.payment_intent_id, object: 'payment_intent', amount: 2020, amount_received: 2020, currency: 'cny', metadata: { order_id: order.id } }
    await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', intent))
    const cancelled = await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: consumer.token })
    expect(cancelled.body.status).toBe('refund_pending')
    const refund = fake.calls('/v1/refunds').find((r) => r.form.payment_intent === order.payment.payment_intent_id)!
    expect(refund.form.reverse_transfer).toBeUndefined()
    expect(refund.form.refund_application_fee).toBeUndefined()
  })
})

describe('payouts onboarding', () => {
  it('creates the Express account once, returns an onboarding link and tracks account.updated', async () => {
    const { owner, merchant } = await shop()
    const first = await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`, { token: owner.token })
    expect(first.status).toBe(200)
    expect(first.body.url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/acct_/)
    const second = await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`, { token: owner.token })
    expect(second.status).toBe(200)
    const accounts = fake.calls('/v1/accounts').filter((r) => r.form['metadata[merchant_id]'] === merchant.id)
    expect(accounts).toHaveLength(1)
    expect(accounts[0]!.form.type).toBe('express')
    expect(accounts[0]!.idempotencyKey).toBe(`merchant-${merchant.id}-payout-account`)
    const stored = await t.db.selectFrom('merchants').select('stripe_account_id').where('id', '=', merchant.id).executeTakeFirstOrThrow()
    const links = fake.calls('/v1/account_links').filter((r) => r.form.account === stored.stripe_account_id)
    expect(links).toHaveLength(2)
    expect(links[0]!.form).toMatchObject({
      type: 'account_onboarding',
      refresh_url: t.deps.config.PAYOUTS_REFRESH_URL,
      return_url: t.deps.config.PAYOUTS_RETURN_URL,
    })

    const before = await t.call('GET', `/v1/merchants/${merchant.id}/payouts`, { token: owner.token })
    expect(before.body).toEqual({ charges_enabled: false, payouts_enabled: false, details_submitted: false })
    const account = { id: stored.stripe_account_id, object: 'account', charges_enabled: true, payouts_enabled: true, details_submitted: true }
    expect((await sendStripeEvent(t, stripeEvent('account.updated', account))).status).toBe(200)
    const after = await t.call('GET', `/v1/merchants/${merchant.id}/payouts`, { token: owner.token })
    expect(after.body).toEqual({ charges_enabled: true, payouts_enabled: true, details_submitted: true })
    const storefront = await t.call('GET', `/v1/merchants/${merchant.id}`, { token: owner.token })
    expect(storefront.body.payouts).toEqual({ charges_enabled: true, payouts_enabled: true, details_submitted: true })
    const publicView = await t.call('GET', `/v1/merchants/${merchant.id}`)
    expect(publicView.status).toBe(200)
    expect(publicView.body).not.toHaveProperty('payouts')
  })

  it("refuses another owner's storefront (403, the one owner rule) and consumers", async () => {
    const { merchant } = await shop()
    const stranger = await makeUser(t.deps, { role: 'merchant' })
    const consumer = await makeUser(t.deps)
    expect((await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`, { token: stranger.token })).status).toBe(403)
    expect((await t.call('GET', `/v1/merchants/${merchant.id}/payouts`, { token: stranger.token })).status).toBe(403)
    expect((await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`, { token: consumer.token })).status).toBe(403)
    expect((await t.call('POST', `/v1/merchants/${merchant.id}/payouts/onboarding`)).status).toBe(401)
  })
})
