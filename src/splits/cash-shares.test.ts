import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { startFakeStripe } from '../../test/support/fake-stripe'
import { claim, claimAndPay, sharesOf, splitOrder } from '../../test/support/splits'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../../test/support/stripe-events'
import { openJobRunner } from '../job-handlers'

const fake = await startFakeStripe()
const t = useTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url, SPLIT_DEADLINE_MINUTES: '30' })
afterAll(() => fake.close())

const MINUTE = 60_000
const silent = () => {}
const authorise = (intent: Record<string, unknown>) => sendStripeEvent(t, stripeEvent('payment_intent.amount_capturable_updated', intent))
const atCounter = (orderId: string, shareId: string, token: string) => t.call('POST', `/v1/orders/${orderId}/shares/${shareId}/pay-at-counter`, { token })
const statusOf = async (orderId: string) => (await t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status
const activeBookings = async (orderId: string) => (await t.db.selectFrom('bookings').select('id').where('order_id', '=', orderId).where('active', '=', true).execute()).length
const redeem = (token: string, merchantId: string, body: object) => t.call('POST', `/v1/merchants/${merchantId}/redemptions`, { token, body })

/** Organiser and one friend authorise by card; a third friend takes share 2 for the counter. */
async function twoCardsOneCash() {
  const placed = await splitOrder(t)
  const orderId = placed.res.body.id as string
  const [friend, cashFriend] = [await makeUser(t.deps, { name: 'Fay' }), await makeUser(t.deps, { name: 'Chen' })]
  const a = await claimAndPay(t, orderId, placed.organiser, 0, placed.organiser)
  const b = await claimAndPay(t, orderId, placed.organiser, 1, friend)
  const c = await claim(t, orderId, placed.organiser, 2, cashFriend)
  return { ...placed, orderId, friend, cashFriend, a, b, c }
}

describe('a share paid at the counter', () => {
  it('confirms the order once every other share is authorised; nothing is captured until the merchant redeems and confirms the cash', async () => {
    const { orderId, organiser, owner, merchant, cashFriend, a, b, c } = await twoCardsOneCash()
    const marked = await atCounter(orderId, c.id, cashFriend.token)
    expect(marked.status).toBe(200)
    expect(marked.body).toEqual({ share_id: c.id, status: 'cash', amount_cents: 3333, currency: 'CNY', order_status: 'awaiting_shares' })
    // Marking twice is a no-op.
    expect((await atCounter(orderId, c.id, cashFriend.token)).body.status).toBe('cash')
    for (const s of [a, b]) expect((await authorise(s.intent)).status).toBe(200)

    const order = (await t.call('GET', `/v1/orders/${orderId}`, { token: organiser.token })).body
    expect(order.status).toBe('confirmed')
    expect(order.redemption_code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)
    const view = await sharesOf(t, orderId, organiser)
    expect(view.progress).toEqual({ paid: 2, at_counter: 1, total: 3, label: '3 of 3' })
    await (await openJobRunner(t.deps, silent)).tick()
    for (const s of [a, b]) expect(fake.calls(`/v1/payment_intents/${s.intent.id}/capture`)).toHaveLength(0)

    // The counter must confirm exactly the cash due; anything else changes nothing.
    const missing = await redeem(owner.token, merchant.id, { code: order.redemption_code })
    expect(missing.status).toBe(422)
    expect(missing.body.errors).toEqual([{ path: 'cash_collected_cents', message: 'must be 3333: the CNY minor units paid in cash at the counter for this split order' }])
    expect((await redeem(owner.token, merchant.id, { code: order.redemption_code, cash_collected_cents: 3000 })).status).toBe(422)
    expect(await statusOf(orderId)).toBe('confirmed')
    const done = await redeem(owner.token, merchant.id, { code: order.redemption_code, cash_collected_cents: 3333 })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('completed')

    const [r1, r2] = [await openJobRunner(t.deps, silent), await openJobRunner(t.deps, silent)]
    await Promise.all([r1.tick(), r2.tick()])
    for (const s of [a, b]) {
      const captures = fake.calls(`/v1/payment_intents/${s.intent.id}/capture`)
      expect(captures.map((r) => r.idempotencyKey)).toEqual([`share-${s.share.id}-capture`])
    }
    expect((await sharesOf(t, orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['captured', 'captured', 'cash_collected'])
    expect((await redeem(owner.token, merchant.id, { code: order.redemption_code, cash_collected_cents: 3333 })).status).toBe(409)
  })

  it('completes the set when the last share outstanding is the one marked for the counter', async () => {
    const { orderId, organiser, cashFriend, a, b, c } = await twoCardsOneCash()
    for (const s of [a, b]) await authorise(s.intent)
    expect(await statusOf(orderId)).toBe('awaiting_shares')
    const marked = await atCounter(orderId, c.id, cashFriend.token)
    expect(marked.body.order_status).toBe('confirmed')
    const events = await t.db.selectFrom('order_events').select(['to_status', 'cause']).where('order_id', '=', orderId).where('to_status', '=', 'confirmed').execute()
    expect(events).toEqual([{ to_status: 'confirmed', cause: 'all_shares_in_some_at_counter' }])
    expect((await sharesOf(t, orderId, organiser)).progress.label).toBe('3 of 3')
  })

  it('is only for the share’s own payer, before a card payment started, while the order collects', async () => {
    const { orderId, organiser, friend, cashFriend, b, c } = await twoCardsOneCash()
    const stranger = await makeUser(t.deps)
    expect((await atCounter(orderId, c.id, stranger.token)).status).toBe(404)
    expect((await atCounter(orderId, c.id, organiser.token)).status).toBe(404)
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${c.id}/pay-at-counter`)).status).toBe(401)
    expect((await atCounter(orderId, 'not-a-uuid', cashFriend.token)).status).toBe(422)
    const started = await atCounter(orderId, b.share.id, friend.token)
    expect(started.status).toBe(409)
    expect(started.body.code).toBe('card_payment_started')
    // A cash share cannot then be paid by card.
    expect((await atCounter(orderId, c.id, cashFriend.token)).status).toBe(200)
    expect((await t.call('POST', `/v1/orders/${orderId}/shares/${c.id}/pay`, { token: cashFriend.token })).status).toBe(409)
    expect((await t.call('POST', `/v1/orders/${orderId}/cancel`, { token: organiser.token })).status).toBe(200)
    const late = await atCounter(orderId, c.id, cashFriend.token)
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('split_closed')
  })

  it('lapses at the deadline like the rest: authorisations cancelled at Stripe, the cash share cancelled, slot released', async () => {
    const { orderId, organiser, cashFriend, a, c } = await twoCardsOneCash()
    await authorise(a.intent)
    await atCounter(orderId, c.id, cashFriend.token)
    t.setNow(new Date(Date.now() + 31 * MINUTE))
    try {
      await (await openJobRunner(t.deps, silent)).tick()
    } finally {
      t.setNow(undefined)
    }
    expect(await statusOf(orderId)).toBe('expired')
    expect(await activeBookings(orderId)).toBe(0)
    expect(fake.calls(`/v1/payment_intents/${a.intent.id}/cancel`)).toHaveLength(1)
    expect(fake.calls(`/v1/payment_intents/${a.intent.id}/capture`)).toHaveLength(0)
    expect((await sharesOf(t, orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
  })

  it('a confirmed order cancelled before redemption charges nobody: its card authorisations are cancelled', async () => {
    const { orderId, organiser, cashFriend, a, b, c } = await twoCardsOneCash()
    await atCounter(orderId, c.id, cashFriend.token)
    for (const s of [a, b]) await authorise(s.intent)
    expect(await statusOf(orderId)).toBe('confirmed')
    const cancelled = await t.call('POST', `/v1/orders/${orderId}/cancel`, { token: organiser.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    for (const s of [a, b]) {
      expect(fake.calls(`/v1/payment_intents/${s.intent.id}/cancel`)).toHaveLength(1)
      expect(fake.calls(`/v1/payment_intents/${s.intent.id}/capture`)).toHaveLength(0)
    }
    expect(await activeBookings(orderId)).toBe(0)
    expect((await sharesOf(t, orderId, organiser)).shares.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('the counter racing a card payment (PostgreSQL server: PGlite has one session, no lock waits)', () => {
  it('answers 409 card_payment_started, not 500, when the card intent is recorded while the counter request runs', async () => {
    const { orderId, cashFriend, c } = await twoCardsOneCash()
    let counter: ReturnType<typeof atCounter> | undefined
    // POST …/pay is recording its PaymentIntent on the share (not yet committed) as the payer also chooses the counter.
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('order_shares').set({ payment_intent_id: 'pi_racing' }).where('id', '=', c.id).execute()
      counter = atCounter(orderId, c.id, cashFriend.token)
      await new Promise((r) => setTimeout(r, 300))
    })
    const res = await counter!
    expect([res.status, res.body.code]).toEqual([409, 'card_payment_started'])
    const share = await t.db.selectFrom('order_shares').select(['status', 'payment_intent_id']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(share).toEqual({ status: 'claimed', payment_intent_id: 'pi_racing' })
  })
})
