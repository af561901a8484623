import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { en } from '../../src/web/client/i18n/en'
import { zhCN } from '../../src/web/client/i18n/zh-CN'
import { makeMerchant, makeOffering, makeUser, TEST_PASSWORD } from '../support/factories'
import { startFakeStripe } from '../support/fake-stripe'
import { sendStripeEvent, stripeEvent, TEST_WEBHOOK_SECRET } from '../support/stripe-events'
import { seriousAxeViolations } from './support/axe'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'

const DOCS = fileURLToPath(new URL('./docs/screenshots/', import.meta.url))
const OWNER_EMAIL = 'xiaoming@example.test'
const REVIEWER_EMAIL = 'wang.fang@example.test'
const HOURS = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' }))
const ids: { barber?: string; tea?: string; bakery?: string } = {}

// Stripe.js stand-in: the first confirmPayment is declined (as a real card can be), later ones succeed.
const FAKE_STRIPE_JS = `
window.Stripe = function () {
  return {
    elements: function (options) {
      window.__clientSecret = options.clientSecret
      return { create: function () { return { mount: function (el) {
        el.innerHTML = '<label>Card number <input id="fake-card" value="4000 0000 0000 0002"></label>'
      } } } }
    },
    confirmPayment: function () {
      // Counted per tab, across page loads: only the very first attempt is declined.
      var n = Number(sessionStorage.getItem('confirms') || 0) + 1
      sessionStorage.setItem('confirms', String(n))
      return Promise.resolve(n === 1 ? { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined. (pi_internal_debug)' } } : {})
    },
  }
}`

const fake = await startFakeStripe()
afterAll(() => fake.close())
const e2e = useBrowserApp(
  async (t) => {
    const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Xiaoming' })
    const barber = await makeMerchant(t.db, { owner_id: owner.id, name: '晓明理发 Xiaoming Barber', category: 'hair', hours: HOURS, timezone: 'Asia/Shanghai', lat: 30.2745, lng: 120.1555 })
    await makeOffering(t.db, barber.id, { name: 'Haircut', kind: 'service', duration_min: 30, capacity: 1, price_cents: 6800, currency: 'CNY' })
    // A redeemed, reviewed and answered order, so the shop panel and the console show a whole review.
    const shampoo = await makeOffering(t.db, barber.id, { name: 'Shampoo', kind: 'product', duration_min: null, price_cents: 2000, currency: 'CNY' })
    const reviewer = await makeUser(t.deps, { email: REVIEWER_EMAIL, name: '王芳' })
    // An interest, so "For you" gives an interest reason (read in Chinese below).
    await t.call('PUT', '/v1/me/interests', { token: reviewer.token, body: ['coffee', 'live-music'] })
    const placed = await t.call('POST', '/v1/orders', { token: reviewer.token, headers: { 'Idempotency-Key': 'webux-review-seed' }, body: { merchant_id: barber.id, items: [{ offering_id: shampoo.id, quantity: 1 }], payment_method: 'cash' } })
    const redeemed = await t.call('POST', `/v1/merchants/${barber.id}/redemptions`, { token: owner.token, body: { code: placed.body.redemption_code } })
    const review = await t.call('POST', `/v1/orders/${placed.body.id}/review`, { token: reviewer.token, body: { rating: 5, text: '剪得很好，师傅很耐心。', photo_ids: [] } })
    await t.call('PUT', `/v1/reviews/${review.body.id}/reply`, { token: owner.token, body: { text: '谢谢光临！' } })
    if (redeemed.status !== 200 || review.status !== 201) throw new Error(`review seed failed: ${redeemed.status} ${review.status}`)
    const tea = await makeMerchant(t.db, { name: 'Keyboard Tea House', category: 'coffee', lat: 30.2738, lng: 120.1548 })
    await makeOffering(t.db, tea.id, { name: 'Longjing tea', kind: 'product', duration_min: null, price_cents: 2800, currency: 'CNY' })
    const bakery = await makeMerchant(t.db, { name: 'Retry Bakery', category: 'bakery', lat: 30.2749, lng: 120.156 })
    await makeOffering(t.db, bakery.id, { name: 'Egg tart', kind: 'product', duration_min: null, price_cents: 1500, currency: 'CNY' })
    Object.assign(ids, { barber: barber.id, tea: tea.id, bakery: bakery.id })
  },
  { STRIPE_PUBLISHABLE_KEY: 'pk_test_fake', STRIPE_SECRET_KEY: 'sk_test_fake_key', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url },
)
const test = hasChromium ? it : it.skip
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const

/** Tomorrow's date in Hangzhou (the shop's zone), as the date input wants it. */
function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000))
}

async function docShot(page: Page, name: string) {
  await page.screenshot({ path: `${DOCS}${name}.png`, fullPage: false })
}

async function expectAxeClean(page: Page, where: string) {
  expect(await seriousAxeViolations(page), `axe serious/critical on ${where}`).toEqual([])
}

async function register(page: Page, name: string, email: string) {
  await page.locator('dialog[open]').getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
}

for (const size of SIZES) {
  test(`${size.name}: book a free slot from the picker, see the time in My orders and the merchant's day view, then cancel`, async () => {
    const { context, page } = await e2e.newPage(size)
    // A shop link opens cold, straight into that shop.
    await page.goto(`${e2e.baseUrl}/shops/${ids.barber}`)
    await expect.poll(() => page.locator('#storefront h2').textContent()).toBe('晓明理发 Xiaoming Barber')
    expect(await page.locator('#storefront h2').getAttribute('lang')).toBe('zh')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await expectAxeClean(page, 'shop')

    await page.locator('.slot-day').fill(tomorrow())
    await page.locator('.slot', { hasText: '10:00' }).first().waitFor()
    // Only the 30-minute grid from opening is offered.
    const times = await page.locator('.slot').allTextContents()
    expect(times.length).toBe(24)
    expect(times[0]).toMatch(/^09:00/)
    await docShot(page, `slot-picker-en-${size.name}`)
    await page.locator('.slot', { hasText: '10:00' }).first().click()
    await page.getByLabel('Quantity of Haircut').fill('1')
    await page.getByRole('button', { name: 'Place order' }).click()
    await register(page, 'Chen Jie', `chen.${size.name}@example.test`)
    await page.locator('.confirmation .booked-time', { hasText: '10:00' }).waitFor()
    await docShot(page, `confirmation-en-${size.name}`)
    await expectAxeClean(page, 'confirmation')

    await page.getByRole('button', { name: 'My orders' }).click()
    const row = page.locator('dialog[open] .order').first()
    await row.locator('.booked-time', { hasText: '10:00' }).waitFor()
    expect(await row.locator('.booked-time').textContent()).toContain(tomorrow().slice(8, 10).replace(/^0/, ''))
    await docShot(page, `my-orders-en-${size.name}`)

    // The barber sees who is coming when, in shop time.
    const barber = await e2e.newPage(size)
    await barber.page.goto(`${e2e.baseUrl}/merchant`)
    await barber.page.getByRole('button', { name: 'Sign in' }).first().click()
    await barber.page.getByLabel('Email').fill(OWNER_EMAIL)
    await barber.page.getByLabel('Password').fill(TEST_PASSWORD)
    await barber.page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
    await barber.page.locator('#day-view-date').fill(tomorrow())
    await barber.page.locator('.day-list .visit', { hasText: '10:00' }).waitFor()
    // The desktop run's booking was cancelled, so each run sees only its own.
    expect(await barber.page.locator('.day-list .visit').count()).toBe(1)
    await barber.page.locator('#status').evaluate((el) => ((el as HTMLElement).hidden = true))
    await barber.page.locator('.day-list').scrollIntoViewIfNeeded()
    await docShot(barber.page, `merchant-day-view-en-${size.name}`)
    await barber.page.locator('.hours-editor').scrollIntoViewIfNeeded()
    await docShot(barber.page, `hours-editor-en-${size.name}`)
    await expectAxeClean(barber.page, 'merchant console')
    await barber.context.close()

    // Cancel from My orders: the slot is free again.
    page.once('dialog', (d) => d.accept())
    await row.getByRole('button', { name: 'Cancel order' }).click()
    await page.locator('dialog[open] .order[data-status="cancelled"]').first().waitFor()
    await context.close()
  })
}

test('Back and Forward move between results and a shop; the address keeps the search', async () => {
  const { context, page } = await e2e.newPage({ width: 390, height: 844 })
  await page.goto(`${e2e.baseUrl}/?q=Tea&at=30.27410,120.15510,16`)
  await page.locator('#results li', { hasText: 'Keyboard Tea House' }).click()
  await page.waitForURL(new RegExp(`/shops/${ids.tea}\\?q=Tea`))
  await page.locator('#storefront h2', { hasText: 'Keyboard Tea House' }).waitFor()
  await page.keyboard.press('Escape')
  await page.waitForURL(/\/\?q=Tea/)
  expect(await page.locator('#storefront').isHidden()).toBe(true)
  await page.goBack()
  await page.locator('#storefront h2', { hasText: 'Keyboard Tea House' }).waitFor()
  await page.goForward()
  await page.locator('#results li', { hasText: 'Keyboard Tea House' }).waitFor()
  expect(await page.locator('#search-q').inputValue()).toBe('Tea')
  await context.close()
})

test('in Chinese every screen — map, shop with reviews, My orders, the merchant console — shows only Chinese interface strings', async () => {
  const englishOnly = Object.entries(en)
    .filter(([key, text]) => zhCN[key as keyof typeof en] !== text && text.length > 3 && !text.includes('{') && !key.startsWith('city.') && !key.startsWith('lang.'))
    .map(([, text]) => text)
  const check = async (page: Page, where: string) => {
    const visible = await page.evaluate(() => document.body.innerText)
    const keys = Object.keys(en).filter((k) => visible.includes(k))
    expect(keys, `untranslated keys on ${where}`).toEqual([])
    expect(englishOnly.filter((text) => visible.includes(text)), `English text on ${where}`).toEqual([])
    // Accessible names count too: labels a screen reader reads out.
    const names = await page.evaluate(() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map((el) => [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder')].join(' ')).join('\n'))
    expect(englishOnly.filter((text) => names.includes(text)), `English labels on ${where}`).toEqual([])
  }
  for (const size of SIZES) {
    const { context, page } = await e2e.newPage(size)
    await page.goto(`${e2e.baseUrl}/?at=30.27410,120.15510,16`)
    await signIn(page, REVIEWER_EMAIL)
    await page.locator('#lang-switch').click()
    await page.waitForFunction(() => document.documentElement?.lang === 'zh-CN')
    await page.locator('#category-chips .chip', { hasText: '美发理发' }).waitFor()
    await page.locator('#results li').first().waitFor()
    await page.locator('#map-list summary').click()
    await page.locator('#map-list li').first().waitFor()
    await check(page, 'search')
    expect(await page.locator('#results .result-name', { hasText: 'Keyboard Tea House' }).getAttribute('lang')).toBe('en')
    await docShot(page, `search-zh-${size.name}`)
    await expectAxeClean(page, 'search (zh)')

    // For you: reasons from codes, interests by their Chinese names; then the interests dialog.
    await page.getByRole('tab', { name: '为你推荐' }).click()
    await page.locator('.for-you-card', { hasText: 'Keyboard Tea House' }).locator('li[data-code="interest"]', { hasText: '咖啡茶饮' }).waitFor()
    await check(page, 'For you')
    await e2e.shot(page, `webux-for-you-zh-${size.name}`)
    await page.locator('#account').getByRole('button', { name: '兴趣' }).click()
    await page.locator('.interests-dialog[open]').getByLabel('现场音乐').waitFor()
    await page.locator('.interests-dialog', { hasText: '根据你的记录：美发理发' }).waitFor()
    await check(page, 'interests dialog')
    await e2e.shot(page, `webux-interests-zh-${size.name}`)
    await page.locator('.interests-dialog').getByRole('button', { name: '关闭' }).click()

    await page.goto(`${e2e.baseUrl}/shops/${ids.barber}`)
    await page.locator('#storefront h2').waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.locator('.slot-day').fill(tomorrow())
    await page.locator('.slot').first().waitFor()
    await page.locator('.review .reply-text', { hasText: '谢谢光临' }).waitFor()
    expect(await page.locator('#storefront h2').getAttribute('lang')).toBeNull()
    await check(page, 'shop with reviews')
    await docShot(page, `shop-zh-${size.name}`)
    await page.locator('.reviews').scrollIntoViewIfNeeded()
    await docShot(page, `reviews-zh-${size.name}`)
    await expectAxeClean(page, 'shop with reviews (zh)')

    // A cash order in Chinese: the confirmation reads in Chinese too.
    await page.getByLabel('Shampoo 的数量').fill('1')
    await page.getByRole('button', { name: '提交订单' }).click()
    await page.locator('.confirmation .redemption-code').waitFor()
    await check(page, 'confirmation')
    await docShot(page, `confirmation-zh-${size.name}`)
    await page.getByRole('button', { name: '我的订单' }).click()
    await page.locator('dialog[open] .order').first().waitFor()
    await check(page, 'My orders')
    await docShot(page, `my-orders-zh-${size.name}`)
    await expectAxeClean(page, 'My orders (zh)')
    await page.keyboard.press('Escape')

    // The coupon wallet.
    await page.getByRole('button', { name: zhCN['coupon.walletTitle'] }).click()
    await page.locator('.wallet-dialog').waitFor()
    await expect.poll(() => page.locator('.wallet-dialog .loading').count()).toBe(0)
    await check(page, 'coupon wallet')
    await expectAxeClean(page, 'coupon wallet (zh)')
    await page.keyboard.press('Escape')

    // Split the bill: the organiser's view with its invite, then the invite page opened cold.
    const login = await e2e.t.call('POST', '/v1/auth/login', { body: { email: REVIEWER_EMAIL, password: TEST_PASSWORD } })
    const eggTart = await e2e.t.db.selectFrom('offerings').select('id').where('merchant_id', '=', ids.bakery as string).executeTakeFirstOrThrow()
    const split = await e2e.t.call('POST', '/v1/orders', {
      token: login.body.token,
      headers: { 'Idempotency-Key': `webux-zh-split-${size.name}` },
      body: { merchant_id: ids.bakery, items: [{ offering_id: eggTart.id, quantity: 2 }], payment_method: 'stripe', split: { shares: 2 } },
    })
    expect(split.status).toBe(201)
    await page.goto(`${e2e.baseUrl}/orders/${split.body.id}`)
    await page.locator('#split-title').waitFor()
    await expect.poll(() => page.locator('.split-invite').count()).toBe(1)
    await check(page, 'split the bill, organiser')
    // Counted in Chinese, not the API's English "0 of 2" label.
    expect(await page.locator('.split-progress-label').textContent()).toBe('已到齐 0/2')
    await page.locator('.split-invites').scrollIntoViewIfNeeded()
    await docShot(page, `split-organiser-zh-${size.name}`)
    await expectAxeClean(page, 'split the bill, organiser (zh)')
    const invite = await e2e.t.db.selectFrom('order_shares').select('invite_token').where('order_id', '=', split.body.id).where('position', '=', 1).executeTakeFirstOrThrow()
    await context.close()
    const friend = await e2e.newPage(size)
    await friend.page.goto(`${e2e.baseUrl}/split/${invite.invite_token}`)
    await friend.page.locator('#split-invite-title').waitFor()
    await friend.page.locator('#lang-switch').click()
    await friend.page.waitForFunction(() => document.documentElement?.lang === 'zh-CN')
    await friend.page.locator('#split-invite-title').waitFor()
    await check(friend.page, 'split invite page')
    expect(await friend.page.locator('.split-progress-label').textContent()).toBe('已到齐 0/2')
    await docShot(friend.page, `split-invite-zh-${size.name}`)
    await expectAxeClean(friend.page, 'split invite page (zh)')
    await friend.context.close()

    // The console: the remembered language applies to the merchant page as well.
    const merchant = await e2e.newPage(size)
    await merchant.page.goto(`${e2e.baseUrl}/merchant`)
    await merchant.page.locator('#console').getByRole('button', { name: 'Sign in' }).click()
    await merchant.page.getByLabel('Email').fill(OWNER_EMAIL)
    await merchant.page.getByLabel('Password').fill(TEST_PASSWORD)
    await merchant.page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
    await merchant.page.locator('.offering-admin li').first().waitFor()
    await merchant.page.locator('#lang-switch').click()
    await merchant.page.waitForFunction(() => document.documentElement?.lang === 'zh-CN')
    await merchant.page.locator('.inbox-item .reply').first().waitFor()
    await merchant.page.locator('.order-list .order').first().waitFor()
    await merchant.page.locator('.cards-off, #payouts-title').first().waitFor()
    await merchant.page.locator('#status').evaluate((el) => ((el as HTMLElement).hidden = true))
    await check(merchant.page, 'merchant console')
    expect(await merchant.page.locator('.order-list .order strong').first().textContent()).toBe('王芳')
    await docShot(merchant.page, `console-zh-${size.name}`)
    await merchant.page.locator('.hours-editor').scrollIntoViewIfNeeded()
    await docShot(merchant.page, `hours-editor-zh-${size.name}`)
    await expectAxeClean(merchant.page, 'merchant console (zh)')
    await merchant.context.close()
  }
  // The English screens for the README, at both sizes.
  for (const size of SIZES) {
    const { context, page } = await e2e.newPage(size)
    await page.goto(`${e2e.baseUrl}/?at=30.27410,120.15510,16`)
    await page.locator('#results li').first().waitFor()
    await docShot(page, `search-en-${size.name}`)
    await expectAxeClean(page, 'search')
    await page.goto(`${e2e.baseUrl}/shops/${ids.barber}`)
    await page.locator('.review .reply-text').waitFor()
    await page.locator('.reviews').scrollIntoViewIfNeeded()
    await docShot(page, `reviews-en-${size.name}`)
    await context.close()
  }
})

test('the map by keyboard: pins are named stops that open their shop, Escape closes it, the map lists its contents and follows the filters', async () => {
  for (const size of SIZES) {
    const { context, page } = await e2e.newPage(size)
    await page.goto(`${e2e.baseUrl}/?at=30.27410,120.15510,16`)
    await page.locator('.pin-result').first().waitFor()
    // Tab from the map itself reaches the pins, each named after its shop.
    await page.locator('#map').focus()
    let name: string | null = null
    for (let i = 0; i < 20 && !name; i++) {
      await page.keyboard.press('Tab')
      name = await page.evaluate(() => (document.activeElement?.classList.contains('pin') ? document.activeElement.getAttribute('aria-label') : null))
    }
    expect(['Keyboard Tea House', '晓明理发 Xiaoming Barber', 'Retry Bakery']).toContain(name)
    // One Tab stop per shop: a shop's grey overview pin under its result pin is not a second stop.
    await page.locator('.pin-overview[data-id]').first().waitFor({ state: 'attached' })
    const stops = await page.evaluate(() =>
      [...document.querySelectorAll('#map .pin[data-id]')].filter((el) => el.getAttribute('tabindex') === '0').map((el) => el.getAttribute('data-id')),
    )
    expect(stops.length).toBeGreaterThan(0)
    expect(new Set(stops).size).toBe(stops.length)
    await page.keyboard.press('Enter')
    await page.locator('#storefront h2', { hasText: name as string }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('#storefront').isHidden()).toBe(true)
    // The list alternative names every shop the map shows and opens it.
    await page.locator('#map-list summary').click()
    await page.locator('#map-list button', { hasText: 'Retry Bakery' }).click()
    await page.locator('#storefront h2', { hasText: 'Retry Bakery' }).waitFor()
    await page.keyboard.press('Escape')
    // The map follows the list's text search: one tea house on both.
    await page.fill('#search-q', 'Keyboard Tea')
    await page.press('#search-q', 'Enter')
    await expect.poll(() => page.locator('#map').getAttribute('data-overview-shops')).toBe('1')
    // The list and the map load side by side: either may arrive first.
    await expect.poll(() => page.locator('#results li').count()).toBe(1)
    await expectAxeClean(page, 'map with its list open')
    await context.close()
  }
})

for (const size of SIZES) test(`${size.name}: keyboard only, from the search box to a placed order`, async () => {
  const { context, page } = await e2e.newPage(size)
  await page.goto(`${e2e.baseUrl}/?at=30.27410,120.15510,16`)
  await page.locator('#results li').first().waitFor()
  const tabTo = async (source: string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(`(${source})(document.activeElement)`)) return
    }
    throw new Error(`Tab never reached ${source}`)
  }
  await page.keyboard.press('Tab') // skip link
  await page.keyboard.press('Enter')
  await page.keyboard.type('Keyboard Tea')
  await page.keyboard.press('Enter')
  await page.locator('#results li', { hasText: 'Keyboard Tea House' }).waitFor()
  // The category chips are one Tab stop: from the search button, two Tabs reach the toggle.
  await tabTo("(el) => el && el.classList.contains('result') && el.textContent.includes('Keyboard Tea House')")
  await page.keyboard.press('Enter')
  await page.locator('#storefront h2', { hasText: 'Keyboard Tea House' }).waitFor()
  await tabTo("(el) => el && el.getAttribute('aria-label') === 'Quantity of Longjing tea'")
  await page.keyboard.press('ArrowUp')
  await tabTo("(el) => el && el.textContent === 'Place order'")
  await page.keyboard.press('Enter')
  await page.locator('dialog[open]').waitFor()
  await tabTo("(el) => el && el.textContent === 'New here? Create an account'")
  await page.keyboard.press('Enter')
  await page.keyboard.type('Lu Keys') // switching to "register" puts focus on the name field
  await page.keyboard.press('Tab')
  await page.keyboard.type(`lu.keys.${size.name}@example.test`)
  await page.keyboard.press('Tab')
  await page.keyboard.type(TEST_PASSWORD)
  await page.keyboard.press('Enter')
  await page.locator('.confirmation .redemption-code').waitFor()
  expect(await page.locator('.order-status').textContent()).toMatch(/^Confirmed/)
  await context.close()
})

for (const size of SIZES) test(`${size.name}: a declined card payment is explained in plain words and can be paid again from the order page`, async () => {
  const { context, page } = await e2e.newPage(size)
  await page.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }))
  await page.goto(`${e2e.baseUrl}/shops/${ids.bakery}`)
  await page.getByLabel('Quantity of Egg tart').fill('2')
  await page.getByLabel('Pay now by card').check()
  await page.getByRole('button', { name: 'Place order' }).click()
  await register(page, 'Zhou Yu', `zhou.yu.${size.name}@example.test`)
  await page.getByRole('button', { name: 'Pay now' }).click()
  const error = page.locator('.card-payment .form-error')
  await error.waitFor()
  expect(await error.textContent()).toBe(en['stripe.failed'])
  // The person leaves; Stripe reports the failure; the order waits, neither stuck nor lost.
  const order = await e2e.t.db.selectFrom('orders').select(['id', 'payment_intent_id']).where('total_cents', '>', 0).orderBy('created_at', 'desc').executeTakeFirstOrThrow()
  const intent = { id: order.payment_intent_id, object: 'payment_intent', amount: 3000, currency: 'cny', metadata: { order_id: order.id }, last_payment_error: { message: 'declined' } }
  expect((await sendStripeEvent(e2e.t, stripeEvent('payment_intent.payment_failed', intent))).status).toBe(200)
  await page.goto(`${e2e.baseUrl}/orders/${order.id}`)
  await expect.poll(() => page.locator('.order-status').textContent()).toMatch(/^Payment failed/)
  await expectAxeClean(page, 'order page')
  await page.locator('.confirmation .order-actions').scrollIntoViewIfNeeded()
  await docShot(page, `payment-failed-en-${size.name}`)
  // The same screen in Chinese, then back.
  await page.locator('#lang-switch').click()
  await page.waitForFunction(() => document.documentElement?.lang === 'zh-CN')
  await page.getByRole('button', { name: zhCN['order.retry'] }).waitFor()
  await page.locator('.confirmation .order-actions').scrollIntoViewIfNeeded()
  await docShot(page, `payment-failed-zh-${size.name}`)
  await expectAxeClean(page, 'order page (zh)')
  await page.locator('#lang-switch').click()
  await page.waitForFunction(() => document.documentElement?.lang === 'en')
  await page.getByRole('button', { name: 'Pay by card again' }).click()
  await page.getByRole('button', { name: 'Pay now' }).click()
  await page.locator('.card-payment').waitFor({ state: 'detached' })
  const paid = { ...intent, amount_received: 3000, last_payment_error: null }
  expect((await sendStripeEvent(e2e.t, stripeEvent('payment_intent.succeeded', paid))).status).toBe(200)
  await page.getByRole('button', { name: 'Refresh status' }).click()
  await expect.poll(() => page.locator('.order-status').textContent(), { timeout: 15_000 }).toMatch(/^Paid/)
  await context.close()
})

test('"haircut" and "剪发" find the hair category; a landmark name moves the map there', async () => {
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/?at=30.27410,120.15510,16`)
  await page.locator('#results li').first().waitFor()
  for (const word of ['haircut', '剪发']) {
    await page.fill('#search-q', word)
    await page.press('#search-q', 'Enter')
    await expect.poll(() => page.locator('#category-chips .chip[aria-pressed="true"]').getAttribute('data-category')).toBe('hair')
    await page.locator('#results li', { hasText: 'Xiaoming Barber' }).waitFor()
    await page.locator('#category-chips .chip[data-category=""]').click()
  }
  await page.fill('#search-q', '西湖')
  await page.press('#search-q', 'Enter')
  await page.waitForURL(/at=30\.245/)
  await context.close()
})

test("the console's incoming orders and day view update live from the owner's event stream, without a reload", async () => {
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/merchant`)
  await page.getByRole('button', { name: 'Sign in' }).first().click()
  await page.getByLabel('Email').fill(OWNER_EMAIL)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await page.locator('.order-list .order').first().waitFor()
  await page.locator('#day-view-date').fill(tomorrow())
  await page.locator('.day-list li').first().waitFor()
  const before = await page.locator('.order-list .order').count()
  // Mark the page: a reload would lose the mark.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
  const haircut = await e2e.t.db.selectFrom('offerings').select('id').where('merchant_id', '=', ids.barber as string).where('name', '=', 'Haircut').executeTakeFirstOrThrow()
  const walkIn = await makeUser(e2e.t.deps, { name: 'Live Li' })
  const slotStart = new Date(`${tomorrow()}T16:30:00+08:00`).toISOString()
  const placed = await e2e.t.call('POST', '/v1/orders', {
    token: walkIn.token,
    headers: { 'Idempotency-Key': 'webux-live-console' },
    body: { merchant_id: ids.barber, items: [{ offering_id: haircut.id, quantity: 1, slot_start: slotStart }], payment_method: 'cash' },
  })
  expect(placed.status).toBe(201)
  // Well inside the 10 s poll: only the stream can have brought it this fast.
  await page.locator('.order-list .order.is-new', { hasText: 'Live Li' }).waitFor({ timeout: 5_000 })
  expect(await page.locator('.order-list .order').count()).toBe(before + 1)
  await page.locator(`.day-list .visit[data-order="${placed.body.id}"]`, { hasText: 'Live Li' }).waitFor({ timeout: 5_000 })
  // Cancelled by the customer: the day view drops the visit, again live.
  expect((await e2e.t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: walkIn.token })).status).toBe(200)
  await expect.poll(() => page.locator(`.day-list .visit[data-order="${placed.body.id}"]`).count(), { timeout: 5_000 }).toBe(0)
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
  await context.close()
})
