import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { claim, makeCoupon } from '../../test/support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { newKey } from '../../test/support/orders'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../../test/support/stripe-events'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url })
afterAll(() => fake.close())

describe('card orders with a coupon', () => {
  it('charges the discounted total, takes the fee on it, and returns the coupon on a refund before redemption', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const merchant = await makeMerchant(t.db, { owner_id: owner.id })
    await t.db.updateTable('merchants').set({ stripe_account_id: 'acct_coupon1', charges_enabled: true }).where('id', '=', merchant.id).execute()
    const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1010 })
    const coupon = await makeCoupon(t, owner.token, merchant.id, { amount_off_cents: 300 })
    const consumer = await makeUser(t.deps)
    expect((await claim(t, consumer.token, coupon.id)).status).toBe(201)
    const res = await t.call('POST', '/v1/orders', {
      token: consumer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 2 }], payment_method: 'stripe', coupon_id: coupon.id },
    })
    expect(res.status).toBe(201)
    // 2020 - 300 = 1720 charged; 5% of 1720 = 86
    expect(res.body).toMatchObject({ subtotal_cents: 2020, discount_cents: 300, total_cents: 1720, platform_fee_cents: 86 })
    const call = fake.calls('/v1/payment_intents').find((r) => r.form['metadata[order_id]'] === res.body.id)!
    expect(call.form).toMatchObject({ amount: '1720', application_fee_amount: '86', 'transfer_data[destination]': 'acct_coupon1' })

    const intent = { id: res.body.payment.payment_intent_id, object: 'payment_intent', amount: 1720, amount_received: 1720, currency: 'cny', metadata: { order_id: res.body.id } }
    expect((await sendStripeEvent(t, stripeEvent('payment_intent.succeeded', intent))).status).toBe(200)
    expect((await t.call('POST', `/v1/orders/${res.body.id}/cancel`, { token: consumer.token })).body.status).toBe('refund_pending')
    const charge = { id: 'ch_c1', object: 'charge', payment_intent: intent.id, refunded: true, amount: 1720, amount_refunded: 1720, currency: 'cny', metadata: {} }
    expect((await sendStripeEvent(t, stripeEvent('charge.refunded', charge))).status).toBe(200)
    expect((await t.call('GET', `/v1/orders/${res.body.id}`, { token: consumer.token })).body.status).toBe('refunded')
    const wallet = await t.call('GET', '/v1/me/coupons?status=available', { token: consumer.token })
    expect(wallet.body.data.map((w: { coupon: { id: string } }) => w.coupon.id)).toEqual([coupon.id])
  })

  it('refuses a card order the coupon makes free: nothing to charge', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const merchant = await makeMerchant(t.db, { owner_id: owner.id })
    const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 200 })
    const coupon = await makeCoupon(t, owner.token, merchant.id, { amount_off_cents: 500 })
    const consumer = await makeUser(t.deps)
    await claim(t, consumer.token, coupon.id)
    const res = await t.call('POST', '/v1/orders', {
      token: consumer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'stripe', coupon_id: coupon.id },
    })
    expect([res.status, res.body.code]).toEqual([422, 'nothing_to_charge'])
  })
})
