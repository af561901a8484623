import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser, type TestUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { placeOrder } from '../../test/support/orders'
import * as support from '../../test/support/splits'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../../test/support/stripe-events'
import { openJobRunner } from '../job-handlers'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url, SPLIT_DEADLINE_MINUTES: '30' })
afterAll(() => fake.close())

const MINUTE = 60_000
const silent = () => {}

const splitOrder = (split?: unknown) => support.splitOrder(t, split)
const shares = (orderId: string, organiser: TestUser) => support.sharesOf(t, orderId, organiser)
const claimAndPay = (orderId: string, organiser: TestUser, position: number, friend: TestUser) => support.claimAndPay(t, orderId, organiser, position, friend)

const activeBookings = async (orderId: string) => (await t.db.selectFrom('bookings').select('id').where('order_id', '=', orderId).where('active', '=', true).execute()).length

describe('placing a split order', () => {
  it('holds the slot, awaits shares, and gives each share an invite; share 0 is the organiser’s with the remainder', async () => {
    const { res, organiser } = await splitOrder()
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('awaiting_shares')
    expect(res.body.payment.payment_intent_id).toBeNull()
    expect(await activeBookings(res.body.id)).toBe(1)
    const view = await shares(res.body.id, organiser)
    expect(view.shares.map((s: { amount_cents: number }) => s.amount_cents)).toEqual([3334, 3333, 3333])
    expect(view.shares.map((s: { status: string }) => s.status)).toEqual(['claimed', 'open', 'open'])
    expect(view.progress).toEqual({ paid: 0, at_counter: 0, total: 3, label: '0 of 3' })
    expect(view.shares.reduce((a: number, s: { platform_fee_cents: number }) => a + s.platform_fee_cents, 0)).toBe(res.body.platform_fee_cents)
  })

  it('refuses custom amounts that do not add up, cash splits and too many shares, naming the field', async () => {
    const bad = await splitOrder({ amounts_cents: [5000, 4999] })
    expect(bad.res.status).toBe(422)
    expect(bad.res.body.errors).toEqual([{ path: 'split.amounts_cents', message: 'must add up to the order total of 10000 (they add up to 9999)' }])
    const organiser = await makeUser(t.deps)
    const shop = await makeMerchant(t.db, {})
    const product = await makeOffering(t.db, shop.id, { kind: 'product', price_cents: 1000 })
    const cash = await placeOrder(t, organiser.token, { merchant_id: shop.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash', split: { shares: 2 } })
    expect(cash.status).toBe(422)
    expect(cash.body.errors).toEqual([{ path: 'split', message: 'needs payment_method "stripe"' }])
    const many = await splitOrder({ shares: 21 })
    expect(many.res.status).toBe(422)
    const custom = await splitOrder({ amounts_cents: [7000, 3000] })
    expect(custom.res.status).toBe(201)
    expect((await shares(custom.res.body.id, custom.organiser)).shares.map((s: { amount_cents: number }) => s.amount_cents)).toEqual([7000, 3000])
  })
})

describe('invites and who may pay', () => {
  it('shows the invite publicly with display names only; strangers cannot see the shares list or pay; one share per person', async () => {
    const { res, organiser } = await splitOrder()
    const orderId = res.body.id
    const view = await shares(orderId, organiser)
    const invite = await t.call('GET', `/v1/split-invites/${view.shares[1].invite_token}`)
    expect(invite.status).toBe(200)
    expect(invite.body.storefront.name).toBe('Hotpot House')
    expect(invite.body.share).toMatchObject({ position: 1, amount_cents: 3333, status: 'open', yours: false })
    expect(invite.body.payers).toEqual([
      { position: 0, display_name: 'Olivia', status: 'claimed' },
      { position: 1, display_name: null, status: 'open' },
      { position: 2, display_name: null, status: 'open' },
    ])
    expect(invite.text).not.toContain(organiser.email)
    expect(invite.text).not.toContain(organiser.id)
    expect((await t.call('GET', '/v1/split-invites/not-a-token')).status).toBe(422)
    expect((await t.call('GET', `/v1/split-invites/${'A'.repeat(43)}`)).status).toBe(404)

    const friend = await makeUser(t.deps, { name: 'Fay' })
    const stranger = await makeUser(t.deps)
    expect((await t.call('GET', `/v1/orders/${orderId}/shares`, { token: stranger.token })).status).toBe(404)
    // Nobody pays a share they did not claim, not even the organiser's share.
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${view.shares[1].id}/pay`, { token: stranger.token })).status).toBe(404)
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${view.shares[0].id}/pay`, { token: friend.token })).status).toBe(404)
    expect((await t.call('POST', `/v1/split-invites/${view.shares[1].invite_token}/claim`)).status).toBe(401)
    const claimed = await t.call('POST', `/v1/split-invites/${view.shares[1].invite_token}/claim`, { token: friend.token })
    expect(claimed.status).toBe(200)
    expect(claimed.body.share.yours).toBe(true)
    expect((await t.call('POST', `/v1/split-invites/${view.shares[2].invite_token}/claim`, { token: friend.token })).status).toBe(409)
    expect((await t.call('POST', `/v1/split-invites/${view.shares[1].invite_token}/claim`, { token: stranger.token })).status).toBe(409)
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${view.shares[1].id}/pay`, { token: stranger.token })).status).toBe(404)
  })
})

describe('paying every share', () => {
  it('authorises each share with manual capture; the last two landing together pay the order once, with one code, and capture each share once', async () => {
    const { res, organiser } = await splitOrder()
    const orderId = res.body.id
    const [f1, f2] = [await makeUser(t.deps, { name: 'Fay' }), await makeUser(t.deps, { name: 'Gus' })]
    const a = await claimAndPay(orderId, organiser, 0, organiser)
    const b = await claimAndPay(orderId, organiser, 1, f1)
    const c = await claimAndPay(orderId, organiser, 2, f2)
    const created = fake.calls('/v1/payment_intents').filter((r) => r.path === '/v1/payment_intents' && r.form['metadata[order_id]'] === orderId)
    expect(created.map((r) => [r.form.capture_method, r.form.amount, r.idempotencyKey])).toEqual([
      ['manual', '3334', `share-${a.share.id}-payment-intent`],
      ['manual', '3333', `share-${b.share.id}-payment-intent`],
      ['manual', '3333', `share-${c.share.id}-payment-intent`],
    ])
    expect(created.map((r) => r.form['metadata[share_id]'])).toEqual([a.share.id, b.share.id, c.share.id])

    expect((await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', a.intent))).status).toBe(200)
    expect((await shares(orderId, organiser)).progress.label).toBe('1 of 3')
    const last = [b, c].map((s) => stripeEvent('payment_intent.amount_capturable_updated', s.intent))
    const answers = await Promise.all([...last, ...last].map((e) => sendStripeEvent(t, e)))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200])

    const order = (await t.call('GET', `/v1/orders/${orderId}`, { token: organiser.token })).body
    expect(order.status).toBe('paid')
    expect(order.redemption_code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)
    const paidEvents = await t.db.selectFrom('order_events').select('cause').where('order_id', '=', orderId).where('to_status', '=', 'paid').execute()
    expect(paidEvents).toEqual([{ cause: 'all_shares_authorised' }])

    const [r1, r2] = [await openJobRunner(t.deps, silent), await openJobRunner(t.deps, silent)]
    await Promise.all([r1.tick(), r2.tick(), r1.tick()])
    for (const s of [a, b, c]) {
      const captures = fake.calls(`/v1/payment_intents/${s.intent.id}/capture`)
      expect(new Set(captures.map((r) => r.idempotencyKey))).toEqual(new Set([`share-${s.share.id}-capture`]))
      expect(captures).toHaveLength(1)
    }
    expect((await shares(orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['captured', 'captured', 'captured'])
  })

  it('flags an authorisation for the wrong amount and does not count it', async () => {
    const { res, organiser } = await splitOrder()
    const friend = await makeUser(t.deps)
    const b = await claimAndPay(res.body.id, organiser, 1, friend)
    await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', { ...b.intent, amount_capturable: 1 }))
    const order = await t.db.selectFrom('orders').select(['status', 'needs_review']).where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(order).toEqual({ status: 'awaiting_shares', needs_review: true })
    expect((await shares(res.body.id, organiser)).shares[1].status).toBe('claimed')
  })
})

describe('a webhook that beats our own write of the intent id', () => {
  it('finds the share by metadata.share_id, records the intent, and counts the authorisation', async () => {
    const { res, organiser } = await splitOrder({ shares: 2 })
    const orderId = res.body.id
    const view = await shares(orderId, organiser)
    const intent = { id: 'pi_early_1', object: 'payment_intent', amount: 5000, amount_capturable: 5000, currency: 'cny', metadata: { order_id: orderId, share_id: view.shares[0].id } }
    expect((await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', intent))).status).toBe(200)
    const share = await t.db.selectFrom('order_shares').select(['status', 'payment_intent_id']).where('id', '=', view.shares[0].id).executeTakeFirstOrThrow()
    expect(share).toEqual({ status: 'authorised', payment_intent_id: 'pi_early_1' })
    // Another intent naming the same share is not counted.
    const other = { ...intent, id: 'pi_early_2' }
    await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', { ...other, metadata: { order_id: orderId, share_id: view.shares[1].id } }))
    const open = await t.db.selectFrom('order_shares').select(['status', 'payment_intent_id']).where('id', '=', view.shares[1].id).executeTakeFirstOrThrow()
    expect(open).toEqual({ status: 'open', payment_intent_id: null })
  })
})

describe('the deadline', () => {
  it('expires the order after a restart with 2 of 3 authorised: both authorisations cancelled, slot released, a late webhook ignored', async () => {
    const { res, organiser } = await splitOrder()
    const orderId = res.body.id
    const friend = await makeUser(t.deps)
    const late = await makeUser(t.deps)
    const a = await claimAndPay(orderId, organiser, 0, organiser)
    const b = await claimAndPay(orderId, organiser, 1, friend)
    const c = await claimAndPay(orderId, organiser, 2, late)
    for (const s of [a, b]) await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', s.intent))
    // The first process stops before the deadline; a new one starts after it.
    const before = await openJobRunner(t.deps, silent)
    await before.tick()
    await before.stop()
    t.setNow(new Date(Date.now() + 31 * MINUTE))
    try {
      const after = await openJobRunner(t.deps, silent)
      await after.tick()
      const order = await t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()
      expect(order.status).toBe('expired')
      expect(await activeBookings(orderId)).toBe(0)
      for (const s of [a, b, c]) expect(fake.calls(`/v1/payment_intents/${s.intent.id}/cancel`)).toHaveLength(1)
      for (const s of [a, b, c]) expect(fake.calls(`/v1/payment_intents/${s.intent.id}/capture`)).toHaveLength(0)
      expect((await shares(orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])

      // The third share's authorisation arrives late: the order stays expired and it is released too.
      expect((await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', c.intent))).status).toBe(200)
      await after.tick()
      expect((await t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status).toBe('expired')
      expect((await t.call('POST', `/v1/orders/${orderId}/shares/${c.share.id}/pay`, { token: late.token })).status).toBe(409)
    } finally {
      t.setNow(undefined)
    }
  })
})

describe('after the deadline, before the expiry job runs', () => {
  it('refuses taking, paying or moving a share to the counter with 409 split_closed', async () => {
    const { res, organiser } = await splitOrder()
    const orderId = res.body.id
    const friend = await makeUser(t.deps)
    const late = await makeUser(t.deps)
    const held = await support.claim(t, orderId, organiser, 1, friend)
    const open = (await shares(orderId, organiser)).shares[2]
    t.setNow(new Date(Date.now() + 31 * MINUTE))
    try {
      const taken = await t.call('POST', `/v1/split-invites/${open.invite_token}/claim`, { token: late.token })
      expect([taken.status, taken.body.code]).toEqual([409, 'split_closed'])
      const paid = await t.call('POST', `/v1/orders/${orderId}/shares/${held.id}/pay`, { token: friend.token })
      expect([paid.status, paid.body.code]).toEqual([409, 'split_closed'])
      expect(paid.body.detail).toMatch(/deadline/)
      const counter = await t.call('POST', `/v1/orders/${orderId}/shares/${held.id}/pay-at-counter`, { token: friend.token })
      expect([counter.status, counter.body.code]).toEqual([409, 'split_closed'])
      expect(fake.calls('/v1/payment_intents').filter((r) => r.form['metadata[order_id]'] === orderId)).toHaveLength(0)
    } finally {
      t.setNow(undefined)
    }
  })
})

describe('the organiser cancelling', () => {
  it('cancels every authorisation, releases the slot, and closes the shares', async () => {
    const { res, organiser } = await splitOrder()
    const orderId = res.body.id
    const friend = await makeUser(t.deps)
    const a = await claimAndPay(orderId, organiser, 0, organiser)
    const b = await claimAndPay(orderId, organiser, 1, friend)
    await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', a.intent))
    const cancelled = await t.call('POST', `/v1/orders/${orderId}/cancel`, { token: organiser.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(await activeBookings(orderId)).toBe(0)
    for (const s of [a, b]) expect(fake.calls(`/v1/payment_intents/${s.intent.id}/cancel`)).toHaveLength(1)
    expect((await shares(orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    // The friend can no longer pay; a late authorisation does not revive it.
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${b.share.id}/pay`, { token: friend.token })).status).toBe(409)
    await sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', b.intent))
    expect((await t.call('GET', `/v1/orders/${orderId}`, { token: organiser.token })).body.status).toBe('cancelled')
  })
})
