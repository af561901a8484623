import { afterAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { claim, makeCoupon } from '../support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../support/factories'
import { startFakeStripe } from '../support/fake-stripe'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../support/stripe-events'
import { seriousAxeViolations } from './support/axe'
import { hasChromium, useBrowserApp } from './support/harness'
import { sampleJpeg } from './support/photo'
import { signIn } from './support/session'

// Coupons, end to end: the owner starts a campaign and posts it to followers → a follower claims
// it from the Following feed, sees the discount at checkout before paying, pays the discounted
// total by card (asserted at the Stripe fake), and the order page flips to redeemed live.
// Also: a phone at 390×844 sees a deal's saving and the server's coupon rule in plain words, in both languages.
const FAKE_STRIPE_JS = `
window.Stripe = function () {
  return {
    elements: function (options) {
      window.__clientSecret = options.clientSecret
      return { create: function () { return { mount: function (el) { el.innerHTML = '<label>Card number <input id="fake-card" value="4242 4242 4242 4242"></label>' } } } }
    },
    confirmPayment: function () { return Promise.resolve({}) },
  }
}`
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const OWNER_EMAIL = 'tea-owner@example.test'
const FAN_EMAIL = 'zhao.lei@example.test'
const PHONE_EMAIL = 'sun.mei@example.test'
const SLOW = { timeout: 15_000 }

const fake = await startFakeStripe()
afterAll(() => fake.close())
let noodleCouponId = ''
const e2e = useBrowserApp(
  async (t) => {
    const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Zhou Min' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Lotus Tea House', category: 'coffee', tags: ['tea'], lat: HANGZHOU.lat, lng: HANGZHOU.lng })
    await makeOffering(t.db, shop.id, { name: 'Jasmine tea set', kind: 'product', price_cents: 2400, currency: 'CNY', duration_min: null })
    const fan = await makeUser(t.deps, { email: FAN_EMAIL, name: 'Zhao Lei' })
    expect((await t.call('PUT', `/v1/merchants/${shop.id}/follow`, { token: fan.token })).status).toBe(200)

    // A second shop for the phone: a deal (a ¥100 voucher for ¥79) and a campaign with a ¥50 minimum, already claimed.
    const noodleOwner = await makeUser(t.deps, { role: 'merchant', name: 'Qian Bo' })
    const noodles = await makeMerchant(t.db, { owner_id: noodleOwner.id, name: 'Bamboo Noodle Bar', category: 'coffee', tags: ['noodles'], lat: HANGZHOU.lat + 0.002, lng: HANGZHOU.lng })
    await makeOffering(t.db, noodles.id, { name: 'Beef noodles', kind: 'product', price_cents: 1800, currency: 'CNY', duration_min: null })
    const voucher = await makeOffering(t.db, noodles.id, { name: '¥100 voucher', kind: 'voucher', price_cents: 7900, currency: 'CNY', duration_min: null })
    await t.db.updateTable('offerings').set({ face_value_cents: 10000, stock: 30 }).where('id', '=', voucher.id).execute()
    const coupon = await makeCoupon(t, noodleOwner.token, noodles.id, { title: '¥8 off over ¥50', amount_off_cents: 800, min_spend_cents: 5000 })
    noodleCouponId = coupon.id
    const phoneUser = await makeUser(t.deps, { email: PHONE_EMAIL, name: 'Sun Mei' })
    expect((await claim(t, phoneUser.token, coupon.id)).status).toBe(201)
  },
  { STRIPE_PUBLISHABLE_KEY: 'pk_test_fake', STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url },
)
const test = hasChromium ? it : it.skip

async function openShop(page: Page, name: string) {
  await page.fill('#search-q', name)
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: name }).click()
  await page.locator('.shop-name', { hasText: name }).waitFor()
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([])
}

test('a merchant posts a coupon; a follower claims it from the feed, pays the discounted total by card, and sees it redeemed live', { timeout: 120_000 }, async () => {
  // The owner starts a campaign: ¥10 off orders of ¥40 or more, 50 coupons, one each.
  const merchant = await e2e.newPage()
  const m = merchant.page
  await m.goto(`${e2e.baseUrl}/merchant`)
  await signIn(m, OWNER_EMAIL)
  await m.locator('.follower-total', { hasText: '1 follower' }).waitFor(SLOW)
  await m.locator('.campaign-currency', { hasText: 'CNY' }).waitFor(SLOW)
  await m.getByLabel('Title customers see').fill('¥10 off over ¥40')
  await m.getByLabel('Amount off', { exact: true }).fill('10')
  await m.getByLabel('Minimum spend').fill('40')
  await m.getByLabel('How many coupons').fill('50')
  await m.getByRole('button', { name: 'Start campaign' }).click()
  const campaign = m.locator('.campaign', { hasText: '¥10 off over ¥40' })
  await campaign.waitFor(SLOW)
  expect(await campaign.locator('[data-stat="claimed"] dd').textContent()).toBe('0 of 50')
  expect(await campaign.locator('.badge').textContent()).toBe('Live')

  // …and posts it to followers with a photo.
  await m.fill('#post-text', 'Spring tea is in! Claim ¥10 off your next visit.')
  await m.locator('.post-form input[type=file]').setInputFiles({ name: 'tea.jpg', mimeType: 'image/jpeg', buffer: await sampleJpeg() })
  await m.locator('.post-form .photo-tile[data-photo-id]').waitFor(SLOW)
  await m.getByLabel('Attach a coupon').selectOption({ label: '¥10 off over ¥40 — CN¥10.00 off' })
  await m.getByRole('button', { name: 'Post to followers' }).click()
  const posted = m.locator('.post-list .post-card', { hasText: 'Spring tea is in' })
  await posted.locator('.coupon-ticket', { hasText: '¥10 off over ¥40' }).waitFor(SLOW)
  expect(await posted.locator('.claim-coupon').count()).toBe(0)
  await expectAccessible(m)
  await e2e.shot(m, 'coupons-1-merchant-campaign-and-post')

  // The follower finds it in the Following feed and claims it in one tap.
  const fan = await e2e.newPage()
  const c = fan.page
  await c.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }))
  await c.goto(`${e2e.baseUrl}/`)
  await signIn(c, FAN_EMAIL)
  await c.getByRole('button', { name: 'Following', exact: true }).click()
  const card = c.locator('.feed-dialog .post-card', { hasText: 'Spring tea is in' })
  await card.locator('.coupon-ticket', { hasText: 'CN¥10.00 off' }).waitFor(SLOW)
  await card.getByRole('button', { name: 'Claim coupon: ¥10 off over ¥40' }).click()
  await card.getByRole('button', { name: 'In your wallet ✓: ¥10 off over ¥40' }).waitFor(SLOW)
  await expectAccessible(c)
  await e2e.shot(c, 'coupons-2-claimed-from-feed')
  await c.locator('.feed-dialog').getByRole('button', { name: 'Close' }).click()

  // The wallet lists it as available; "Use at the shop" opens the storefront.
  await c.getByRole('button', { name: 'My coupons' }).click()
  const walletCoupon = c.locator('.wallet-dialog .wallet-coupon', { hasText: '¥10 off over ¥40' })
  await walletCoupon.waitFor(SLOW)
  await expectAccessible(c)
  await e2e.shot(c, 'coupons-3-wallet')
  await walletCoupon.getByRole('button', { name: /^Use/ }).click()
  await c.locator('.shop-name', { hasText: 'Lotus Tea House' }).waitFor(SLOW)
  // The shop's news shows the post with its coupon too (here already claimed: one per person).
  await c.locator('.shop-news .post-card', { hasText: 'Spring tea is in' }).locator('.coupon-ticket').waitFor(SLOW)

  // Checkout: one tea set (¥24) is below the minimum, and the preview says so before anything is sent…
  await c.getByLabel('Quantity of Jasmine tea set').fill('1')
  await c.getByLabel('Coupon', { exact: true }).selectOption({ label: '¥10 off over ¥40 — CN¥10.00 off' })
  await c.locator('.coupon-warning', { hasText: 'Add CN¥16.00 more' }).waitFor()
  // …two (¥48) meet it: subtotal, discount and total before paying.
  await c.getByLabel('Quantity of Jasmine tea set').fill('2')
  const breakdown = c.locator('.coupon-breakdown')
  await breakdown.locator('dd.grand-total', { hasText: 'CN¥38.00' }).waitFor()
  expect(await breakdown.locator('dd').allTextContents()).toEqual(['CN¥48.00', '−CN¥10.00', 'CN¥38.00'])
  await c.getByLabel('Pay now by card').check()
  await expectAccessible(c)
  await e2e.shot(c, 'coupons-4-checkout-preview')

  const before = fake.calls('/v1/payment_intents').filter((r) => r.path === '/v1/payment_intents').length
  await c.getByRole('button', { name: 'Place order' }).click()
  await c.locator('.card-payment', { hasText: 'Pay CN¥38.00 by card' }).waitFor(SLOW)
  await c.getByRole('button', { name: 'Pay now' }).click()
  await c.locator('.order-discount', { hasText: 'Subtotal CN¥48.00 · coupon −CN¥10.00' }).waitFor(SLOW)
  // The PaymentIntent asks for the discounted total, and the platform fee follows it.
  const intents = fake.calls('/v1/payment_intents').filter((r) => r.path === '/v1/payment_intents')
  expect(intents).toHaveLength(before + 1)
  const intentRequest = intents.at(-1)
  expect(intentRequest?.form.amount).toBe('3800')
  const orderId = intentRequest?.form['metadata[order_id]'] as string
  const row = await e2e.t.db.selectFrom('orders').select(['subtotal_cents', 'discount_cents', 'total_cents']).where('id', '=', orderId).executeTakeFirstOrThrow()
  expect([Number(row.subtotal_cents), Number(row.discount_cents), Number(row.total_cents)]).toEqual([4800, 1000, 3800])

  const clientSecret = (await c.evaluate(() => (window as unknown as { __clientSecret: string }).__clientSecret)) as string
  const intent = { id: clientSecret.split('_secret_')[0], object: 'payment_intent', amount: 3800, amount_received: 3800, currency: 'cny', metadata: { order_id: orderId } }
  expect((await sendStripeEvent(e2e.t, stripeEvent('payment_intent.succeeded', intent))).status).toBe(200)
  await c.locator('.order-status[data-status="paid"]').waitFor(SLOW)
  const code = (await c.locator('.redemption-code').textContent())?.trim() as string
  expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  await e2e.shot(c, 'coupons-5-paid-with-coupon')

  // The owner redeems the code at the counter; the customer's page flips without a click.
  await m.reload()
  await m.fill('#redeem-code', code)
  await m.getByRole('button', { name: 'Redeem' }).click()
  await m.locator('.redeem-result[data-kind="success"]').waitFor(SLOW)
  await c.locator('.order-status[data-status="completed"]').waitFor(SLOW)
  expect(await c.locator('.order-status').textContent()).toBe('Completed — redeemed at the shop')
  await e2e.shot(c, 'coupons-6-redeemed-live')

  // The campaign's numbers: one claimed, one used, ¥10 given, ¥38 taken.
  await m.reload()
  const stats = m.locator('.campaign', { hasText: '¥10 off over ¥40' }).locator('.campaign-stats dd')
  await expect.poll(() => stats.allTextContents(), SLOW).toEqual(['1 of 50', '1', 'CN¥10.00', 'CN¥38.00'])
  // Pausing stops claims (and says so in the list).
  await m.getByRole('button', { name: 'Pause “¥10 off over ¥40”' }).click()
  await m.locator('.campaign[data-status="paused"]', { hasText: '¥10 off over ¥40' }).waitFor(SLOW)
  await e2e.shot(m, 'coupons-7-merchant-numbers')

  // The used coupon moved to "Used" in the wallet.
  await c.getByRole('button', { name: 'My coupons' }).click()
  await c.locator('.wallet-dialog').getByRole('button', { name: 'Used' }).click()
  await c.locator('.wallet-dialog .wallet-coupon.status-used', { hasText: '¥10 off over ¥40' }).waitFor(SLOW)
  await merchant.context.close()
  await fan.context.close()
})

test('on a phone: a deal shows its saving, and a coupon whose rule the order misses is explained in English and Chinese', { timeout: 60_000 }, async () => {
  const { context, page } = await e2e.newPage({ width: 390, height: 844 })
  await page.goto(`${e2e.baseUrl}/`)
  await signIn(page, PHONE_EMAIL)
  // The result list names the deal's saving before the shop is opened; shops without one say nothing.
  await page.fill('#search-q', 'Bamboo Noodle Bar')
  await page.press('#search-q', 'Enter')
  const result = page.locator('#results li', { hasText: 'Bamboo Noodle Bar' })
  await result.locator('.result-deal', { hasText: 'Deal: save up to CN¥21.00' }).waitFor(SLOW)
  await result.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await page.locator('#status').evaluate((el) => ((el as HTMLElement).hidden = true)) // the sign-in toast would cover the row
  await e2e.shot(page, 'coupons-8a-phone-listing-deal')
  await result.click()
  await page.locator('.shop-name', { hasText: 'Bamboo Noodle Bar' }).waitFor()
  await page.locator('.shop-coupons .coupon-ticket', { hasText: '¥8 off over ¥50' }).waitFor(SLOW)
  const deal = page.locator('.offering', { hasText: '¥100 voucher' }).locator('.deal-note')
  await deal.waitFor()
  expect(await deal.textContent()).toBe('Deal Worth CN¥100.00 Save CN¥21.00 · 30 left')
  await expectAccessible(page)
  await page.locator('.shop-coupons').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await e2e.shot(page, 'coupons-8b-phone-shop-coupon')
  await deal.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await e2e.shot(page, 'coupons-8c-phone-shop-deal')

  // One bowl (¥18) misses the ¥50 minimum: the preview warns; placing anyway gets the server's rule, in words.
  await page.getByLabel('Quantity of Beef noodles').fill('1')
  await page.getByLabel('Coupon', { exact: true }).selectOption(noodleCouponId)
  await page.locator('.coupon-warning', { hasText: 'Add CN¥32.00 more' }).waitFor()
  await page.getByRole('button', { name: 'Place order' }).click()
  await page.locator('.order-form .form-error', { hasText: 'Your order does not reach this coupon’s minimum spend.' }).waitFor(SLOW)
  await page.locator('.order-form .form-error').scrollIntoViewIfNeeded()
  await e2e.shot(page, 'coupons-9-phone-rule-en')

  await page.evaluate(() => localStorage.setItem('o2o.locale', 'zh-CN'))
  await page.reload()
  await page.locator('.shop-name', { hasText: 'Bamboo Noodle Bar' }).waitFor(SLOW)
  await page.locator('.offering', { hasText: '¥100 voucher' }).locator('.deal-saving', { hasText: '省' }).waitFor()
  await page.locator('.offering', { hasText: 'Beef noodles' }).locator('input.qty').fill('1')
  await page.locator('#coupon-select').selectOption(noodleCouponId)
  await page.locator('.coupon-warning', { hasText: '适用商品再买' }).waitFor()
  await page.locator('.order-form button[type=submit]').click()
  await page.locator('.order-form .form-error', { hasText: '订单金额未达到这张优惠券的最低消费。' }).waitFor(SLOW)
  await page.locator('.order-form .form-error').scrollIntoViewIfNeeded()
  await expectAccessible(page)
  await e2e.shot(page, 'coupons-10-phone-rule-zh')
  await context.close()
})
