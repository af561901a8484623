import { afterAll, expect, it } from 'vitest'
import { makeMerchant, makeOffering, makeUser, TEST_PASSWORD } from '../support/factories'
import { startFakeStripe } from '../support/fake-stripe'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../support/stripe-events'
import { hasChromium, useBrowserApp } from './support/harness'

// Stripe.js comes from Stripe's servers in real life; here a stand-in with the same shape is
// served for that URL, and the server talks to an in-process fake of the Stripe API.
const FAKE_STRIPE_JS = `
window.Stripe = function (key) {
  return {
    elements: function (options) {
      window.__clientSecret = options.clientSecret
      return { create: function () { return { mount: function (el) {
        el.innerHTML = '<label>Card number <input id="fake-card" value="4242 4242 4242 4242"></label>'
      } } } }
    },
    confirmPayment: function () { return Promise.resolve({}) },
  }
}`

const BAKER_EMAIL = 'baker@example.test'
const fake = await startFakeStripe()
afterAll(() => fake.close())
const e2e = useBrowserApp(
  async (t) => {
    const owner = await makeUser(t.deps, { role: 'merchant', email: BAKER_EMAIL, name: 'Li Na' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Card Corner Bakery', category: 'bakery' })
    await makeOffering(t.db, shop.id, { name: 'Egg tart', kind: 'product', price_cents: 1500, currency: 'CNY', duration_min: null })
  },
  { STRIPE_PUBLISHABLE_KEY: 'pk_test_fake', STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url },
)
const test = hasChromium ? it : it.skip

test('a consumer pays by card in the Payment Element and gets the code once Stripe confirms the payment', async () => {
  const { context, page } = await e2e.newPage()
  const stripeLoads: string[] = []
  await page.route('https://js.stripe.com/**', (route) => {
    stripeLoads.push(route.request().url())
    return route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS })
  })
  await page.goto(`${e2e.baseUrl}/`)
  await page.fill('#search-q', 'Card Corner')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'Card Corner Bakery' }).click()
  await page.getByLabel('Quantity of Egg tart').fill('1')
  await page.getByLabel('Pay now by card').check()
  // Stripe.js is loaded only when a card payment actually starts.
  expect(stripeLoads).toEqual([])

  await page.getByRole('button', { name: 'Place order' }).click()
  await page.getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Your name').fill('Wang Fang')
  await page.getByLabel('Email').fill('wang.fang@example.test')
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.locator('#fake-card').waitFor()
  expect(stripeLoads).toEqual(['https://js.stripe.com/v3/'])
  await e2e.shot(page, '5a-card-payment-desktop')
  // Backing out cancels that unpaid order and brings the order form back.
  await page.locator('.card-payment').getByRole('button', { name: 'Cancel' }).click()
  await page.locator('.order-form .form-error', { hasText: 'Card payment cancelled' }).waitFor()
  await page.getByRole('button', { name: 'Place order' }).click()
  await page.locator('.card-payment', { hasText: 'Pay CN¥15.00 by card' }).waitFor()
  await page.getByRole('button', { name: 'Pay now' }).click()
  await expect.poll(() => page.locator('.order-status').textContent()).toBe('Waiting for payment')

  const intents = fake.calls('/v1/payment_intents').filter((r) => r.path === '/v1/payment_intents')
  expect(intents).toHaveLength(2)
  const intentRequest = intents[1]
  const abandoned = await e2e.t.db.selectFrom('orders').select('status').where('id', '=', intents[0]?.form['metadata[order_id]'] as string).executeTakeFirst()
  expect(abandoned?.status).toBe('cancelled')
  const clientSecret = (await page.evaluate(() => (window as any).__clientSecret)) as string
  const intent = {
    id: clientSecret.split('_secret_')[0],
    object: 'payment_intent',
    amount: 1500,
    amount_received: 1500,
    currency: 'cny',
    metadata: { order_id: intentRequest?.form['metadata[order_id]'] },
  }
  expect((await sendStripeEvent(e2e.t, stripeEvent('payment_intent.succeeded', intent))).status).toBe(200)
  await expect.poll(() => page.locator('.order-status').textContent(), { timeout: 15_000 }).toMatch(/^Paid/)
  expect(await page.locator('.redemption-code').textContent()).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  // Large, and still on one line inside its box.
  expect(await page.locator('.redemption-code').evaluate((el) => el.scrollWidth <= el.clientWidth && parseFloat(getComputedStyle(el).fontSize) >= 24)).toBe(true)
  await e2e.shot(page, '5b-card-paid-desktop')
  await context.close()
})

test('a merchant starts Stripe payout onboarding from the console and is welcomed back', async () => {
  const { context, page } = await e2e.newPage()
  await page.route('https://connect.stripe.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Stripe onboarding</h1>' }))
  await page.goto(`${e2e.baseUrl}/merchant`)
  await page.getByRole('button', { name: 'Sign in' }).first().click()
  await page.getByLabel('Email').fill(BAKER_EMAIL)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await page.locator('#payouts-title').waitFor()
  await expect.poll(() => page.locator('#payouts-title + p').textContent()).toMatch(/^Set up payouts/)
  await e2e.shot(page, '5c-payouts-desktop')
  await page.getByRole('button', { name: 'Set up payouts with Stripe' }).click()
  await page.waitForURL(/^https:\/\/connect\.stripe\.test\/setup\/acct_fake\d+\//)
  await page.goto(`${e2e.baseUrl}/merchant?payouts=done`)
  await page.locator('#status', { hasText: 'Back from Stripe' }).waitFor()
  await context.close()
})
