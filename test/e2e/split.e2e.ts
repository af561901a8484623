import { afterAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openJobRunner } from '../../src/job-handlers'
import { makeMerchant, makeOffering, makeUser, TEST_PASSWORD } from '../support/factories'
import { startFakeStripe } from '../support/fake-stripe'
import { placeOrder } from '../support/orders'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../support/stripe-events'
import { seriousAxeViolations } from './support/axe'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'

// Pay together, end to end: an organiser splits a hotpot dinner three ways at checkout; two
// friends in their own browsers open their invite links, sign in (or register) and pay their
// share by card; the last one lands and the order turns paid for everyone. A second split order
// runs out of time: the friend's card authorisation is cancelled and nobody is charged.
const FAKE_STRIPE_JS = `
window.Stripe = function () {
  return {
    elements: function () { return { create: function () { return { mount: function (el) {
      el.innerHTML = '<label>Card number <input id="fake-card" value="4242 4242 4242 4242"></label>'
    } } } } },
    confirmPayment: function () { return Promise.resolve({}) },
  }
}`
const ORGANISER = 'olivia@example.test'
const FRIEND = 'fay@example.test'
const OWNER = 'zhou.min@example.test'
const SLOW = { timeout: 15_000 }

const fake = await startFakeStripe()
afterAll(() => fake.close())
const e2e = useBrowserApp(
  async (t) => {
    const owner = await makeUser(t.deps, { role: 'merchant', name: 'Zhou Min', email: OWNER })
    const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Hotpot House' })
    await makeOffering(t.db, shop.id, { name: 'Hotpot for three', kind: 'product', price_cents: 30_000, currency: 'CNY', duration_min: null })
    await makeUser(t.deps, { email: ORGANISER, name: 'Olivia' })
    await makeUser(t.deps, { email: FRIEND, name: 'Fay' })
  },
  { STRIPE_PUBLISHABLE_KEY: 'pk_test_fake', STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url, SPLIT_DEADLINE_MINUTES: '30' },
)
const test = hasChromium ? it : it.skip

async function newPage(width: number, height: number) {
  const opened = await e2e.newPage({ width, height })
  await opened.page.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }))
  return opened
}

async function expectAccessible(page: Page, where: string) {
  expect(await seriousAxeViolations(page), `axe serious/critical on ${where}`).toEqual([])
}

/** The share's PaymentIntent once the page started paying it, reported to the webhook as authorised. */
async function authorise(orderId: string, position: number) {
  const find = () => e2e.t.db.selectFrom('order_shares').selectAll().where('order_id', '=', orderId).where('position', '=', position).executeTakeFirstOrThrow()
  await expect.poll(async () => (await find()).payment_intent_id, SLOW).toMatch(/^pi_/)
  const share = await find()
  const intent = { id: share.payment_intent_id, object: 'payment_intent', amount: share.amount_cents, amount_capturable: share.amount_cents, currency: 'cny', metadata: { order_id: orderId, share_id: share.id } }
  expect((await sendStripeEvent(e2e.t, stripeEvent('payment_intent.amount_capturable_updated', intent))).status).toBe(200)
  return share.payment_intent_id as string
}

/** A friend on their invite page pays their (already taken) share with the fake card. */
async function payByCard(page: Page) {
  await page.getByRole('button', { name: 'Pay my share by card' }).click(SLOW)
  await page.locator('#fake-card').waitFor(SLOW)
  await page.getByRole('button', { name: 'Pay now' }).click()
  await page.locator('.split-own-status', { hasText: 'Your card is authorised' }).waitFor(SLOW)
}

test('an organiser splits 3 ways; two friends pay in their own browsers; the order turns paid for all three', async () => {
  const organiser = await newPage(1280, 800)
  await organiser.page.goto(`${e2e.baseUrl}/`)
  await signIn(organiser.page, ORGANISER)
  await organiser.page.fill('#search-q', 'Hotpot House')
  await organiser.page.press('#search-q', 'Enter')
  await organiser.page.locator('#results li', { hasText: 'Hotpot House' }).click()
  await organiser.page.getByLabel('Quantity of Hotpot for three').fill('1')
  await organiser.page.getByLabel('Split with friends — each pays their own share').check()
  await organiser.page.getByLabel('People, including you').fill('3')
  await organiser.page.locator('.split-summary', { hasText: '3 shares of CN¥100.00' }).waitFor()
  // Custom amounts must add up to the total before anything is sent.
  await organiser.page.getByLabel('Custom amounts').check()
  await organiser.page.getByLabel('Friend 1').fill('50')
  await organiser.page.locator('.split-summary', { hasText: 'Adds up to CN¥250.00 of CN¥300.00' }).waitFor()
  await organiser.page.getByRole('button', { name: 'Place order' }).click()
  await organiser.page.locator('.order-form .form-error', { hasText: 'The shares must add up to exactly CN¥300.00.' }).waitFor()
  await organiser.page.getByLabel('Equal shares').check()
  await e2e.shot(organiser.page, 'split-1-checkout-desktop')
  await organiser.page.getByRole('button', { name: 'Place order' }).click()

  // Two invites, each with its link, a copy button and a QR code; the deadline counts down.
  await organiser.page.locator('#split-title').waitFor(SLOW)
  await expect.poll(() => organiser.page.locator('.split-invite').count(), SLOW).toBe(2)
  await expect.poll(() => organiser.page.locator('canvas.split-qr').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL().length > 1000)), SLOW).toEqual([true, true])
  expect(await organiser.page.locator('.split-countdown').textContent()).toMatch(/^Time left to pay: (29:[0-5]\d|30:00)$/)
  const orderId = (await organiser.page.locator('.split-organiser').getAttribute('data-order')) as string
  const links = await organiser.page.locator('.split-link').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
  expect(links).toHaveLength(2)
  for (const link of links) expect(link).toMatch(new RegExp(`^${e2e.baseUrl}/split/[A-Za-z0-9_-]{43}$`))
  await expectAccessible(organiser.page, 'the organiser’s split view')
  await organiser.page.locator('.split-invites').scrollIntoViewIfNeeded()
  await e2e.shot(organiser.page, 'split-2-organiser-invites-desktop')

  // The organiser pays their own share.
  await organiser.page.getByRole('button', { name: 'Pay my share by card' }).click()
  await organiser.page.locator('#fake-card').waitFor(SLOW)
  await organiser.page.getByRole('button', { name: 'Pay now' }).click()
  const intents = [await authorise(orderId, 0)]
  await organiser.page.locator('.split-progress-label', { hasText: '1 of 3 in' }).waitFor(SLOW)

  // Friend one, on a phone, already has an account: signs in from the invite page.
  const fay = await newPage(390, 844)
  await fay.page.goto(links[0] as string)
  await fay.page.locator('#split-invite-title', { hasText: 'Olivia invites you to split the bill' }).waitFor(SLOW)
  expect(await fay.page.locator('.split-your-share').textContent()).toBe('Your share: CN¥100.00')
  await expectAccessible(fay.page, 'the invite page (signed out)')
  await e2e.shot(fay.page, 'split-3-invite-phone')
  await fay.page.getByRole('button', { name: 'Sign in to take this share' }).click()
  await fay.page.getByLabel('Email').fill(FRIEND)
  await fay.page.getByLabel('Password').fill(TEST_PASSWORD)
  await fay.page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await payByCard(fay.page)
  intents.push(await authorise(orderId, 1))
  await organiser.page.locator('.split-payer', { hasText: 'Fay' }).locator('.badge', { hasText: 'Paid' }).waitFor(SLOW)
  await fay.page.locator('.split-progress-label', { hasText: '2 of 3 in' }).waitFor(SLOW)
  await expectAccessible(fay.page, 'the invite page (share authorised)')
  await e2e.shot(fay.page, 'split-4-invite-authorised-phone')

  // Friend two registers on the invite page and pays the last share.
  const gus = await newPage(1280, 800)
  await gus.page.goto(links[1] as string)
  await gus.page.getByRole('button', { name: 'Sign in to take this share' }).click(SLOW)
  await gus.page.getByRole('button', { name: 'New here? Create an account' }).click()
  await gus.page.getByLabel('Your name').fill('Gus')
  await gus.page.getByLabel('Email').fill('gus@example.test')
  await gus.page.getByLabel('Password').fill(TEST_PASSWORD)
  await gus.page.getByRole('button', { name: 'Create account' }).click()
  await payByCard(gus.page)
  expect((await e2e.t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status).toBe('awaiting_shares')
  intents.push(await authorise(orderId, 2))

  // The last share landed: paid for all three, the organiser holds the code; each card captured once.
  await expect.poll(() => organiser.page.locator('.order-status').textContent(), SLOW).toMatch(/^Paid/)
  expect(await organiser.page.locator('.redemption-code').textContent()).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  for (const friend of [fay, gus]) await friend.page.locator('.split-outcome', { hasText: 'Everyone has paid' }).waitFor(SLOW)
  await e2e.shot(organiser.page, 'split-5-organiser-paid-desktop')
  await e2e.shot(fay.page, 'split-6-friend-paid-phone')
  await (await openJobRunner(e2e.t.deps, () => {})).tick()
  for (const id of intents) expect(fake.calls(`/v1/payment_intents/${id}/capture`)).toHaveLength(1)
  for (const ctx of [organiser, fay, gus]) await ctx.context.close()
})

test('a split order that runs out of time charges nobody: the authorisation is cancelled at Stripe', async () => {
  const token = (await e2e.t.call('POST', '/v1/auth/login', { body: { email: ORGANISER, password: TEST_PASSWORD } })).body.token as string
  const offering = await e2e.t.db.selectFrom('offerings').select(['id', 'merchant_id']).where('name', '=', 'Hotpot for three').executeTakeFirstOrThrow()
  const placed = await placeOrder(e2e.t, token, { merchant_id: offering.merchant_id, items: [{ offering_id: offering.id, quantity: 1 }], payment_method: 'stripe', split: { shares: 2 } })
  expect(placed.status).toBe(201)
  const orderId = placed.body.id as string
  const invite = await e2e.t.db.selectFrom('order_shares').select('invite_token').where('order_id', '=', orderId).where('position', '=', 1).executeTakeFirstOrThrow()

  const fay = await newPage(390, 844)
  await fay.page.goto(`${e2e.baseUrl}/`)
  await signIn(fay.page, FRIEND)
  await fay.page.goto(`${e2e.baseUrl}/split/${invite.invite_token}`)
  await fay.page.getByRole('button', { name: 'Take this share' }).click(SLOW)
  await payByCard(fay.page)
  const intent = await authorise(orderId, 1)

  // The organiser never pays; the deadline passes and the job runner expires the order.
  e2e.t.setNow(new Date(Date.now() + 31 * 60_000))
  try {
    await (await openJobRunner(e2e.t.deps, () => {})).tick()
  } finally {
    e2e.t.setNow(undefined)
  }
  await fay.page.locator('.split-outcome', { hasText: 'Time ran out' }).waitFor(SLOW)
  expect((await e2e.t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status).toBe('expired')
  expect(fake.calls(`/v1/payment_intents/${intent}/cancel`)).toHaveLength(1)
  expect(fake.calls(`/v1/payment_intents/${intent}/capture`)).toHaveLength(0)
  await expectAccessible(fay.page, 'the invite page (expired)')
  await fay.page.locator('.split-outcome').scrollIntoViewIfNeeded()
  await e2e.shot(fay.page, 'split-7-expired-phone')
  await fay.context.close()
})

test('the counter collects a cash share when redeeming, then the card share is captured', async () => {
  const login = async (email: string) => (await e2e.t.call('POST', '/v1/auth/login', { body: { email, password: TEST_PASSWORD } })).body.token as string
  const [organiserToken, friendToken] = [await login(ORGANISER), await login(FRIEND)]
  const offering = await e2e.t.db.selectFrom('offerings').select(['id', 'merchant_id']).where('name', '=', 'Hotpot for three').executeTakeFirstOrThrow()
  const placed = await placeOrder(e2e.t, organiserToken, { merchant_id: offering.merchant_id, items: [{ offering_id: offering.id, quantity: 1 }], payment_method: 'stripe', split: { shares: 2 } })
  const orderId = placed.body.id as string
  const shares = await e2e.t.db.selectFrom('order_shares').selectAll().where('order_id', '=', orderId).orderBy('position').execute()
  expect((await e2e.t.call('POST', `/v1/split-invites/${shares[1]?.invite_token}/claim`, { token: friendToken })).status).toBe(200)
  expect((await e2e.t.call('POST', `/v1/orders/${orderId}/shares/${shares[1]?.id}/pay-at-counter`, { token: friendToken })).status).toBe(200)
  expect((await e2e.t.call('POST', `/v1/orders/${orderId}/shares/${shares[0]?.id}/pay`, { token: organiserToken })).status).toBe(200)
  const intent = await authorise(orderId, 0)
  const order = (await e2e.t.call('GET', `/v1/orders/${orderId}`, { token: organiserToken })).body
  expect(order.status).toBe('confirmed')

  const { context, page } = await e2e.newPage({ width: 1280, height: 800 })
  await page.goto(`${e2e.baseUrl}/merchant`)
  await page.getByRole('button', { name: 'Sign in' }).first().click()
  await page.getByLabel('Email').fill(OWNER)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await page.locator('#redeem-code').fill(order.redemption_code)
  await page.getByRole('button', { name: 'Redeem', exact: true }).click()
  await page.locator('.redeem-result', { hasText: 'collect CN¥150.00 in cash first' }).waitFor(SLOW)
  expect(fake.calls(`/v1/payment_intents/${intent}/capture`)).toHaveLength(0)
  await e2e.shot(page, 'split-8-counter-cash-due-desktop')
  await page.getByRole('button', { name: 'CN¥150.00 collected — redeem' }).click()
  await page.locator('.redeem-result', { hasText: 'redeemed' }).waitFor(SLOW)
  expect((await e2e.t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status).toBe('completed')
  await (await openJobRunner(e2e.t.deps, () => {})).tick()
  expect(fake.calls(`/v1/payment_intents/${intent}/capture`)).toHaveLength(1)
  await context.close()
})
