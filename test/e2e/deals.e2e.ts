import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { claim, makeCoupon } from '../support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../support/factories'
import { seriousAxeViolations } from './support/axe'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'

// Deals and campaigns in the console, end to end: the owner of a Shanghai shop, working from a
// New York browser, sells a voucher as a deal and starts a campaign whose days are Shanghai's;
// edits it (the fixed fields locked and explained); a consumer sees the deal on the overview map
// pin and in the shop with its saving, and buys it; the console then counts it as sold.
const SHANGHAI = { lat: 31.2304, lng: 121.4737 }
const OWNER_EMAIL = 'hotpot-owner@example.test'
const BUYER_EMAIL = 'li.na@example.test'
const SLOW = { timeout: 15_000 }
let shopId = ''
let ownerToken = ''

const e2e = useBrowserApp(async (t) => {
  const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Wang Fang' })
  ownerToken = owner.token
  const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Red Lantern Hotpot', category: 'coffee', tags: ['hotpot'], lat: SHANGHAI.lat, lng: SHANGHAI.lng, timezone: 'Asia/Shanghai' })
  shopId = shop.id
  await makeOffering(t.db, shop.id, { name: 'Spicy broth', kind: 'product', price_cents: 3800, currency: 'CNY', duration_min: null })
  // A campaign with claims already, to edit.
  const coupon = await makeCoupon(t, owner.token, shop.id, { title: '¥5 off any order', amount_off_cents: 500, min_spend_cents: 0 })
  const fan = await makeUser(t.deps, { name: 'Early fan' })
  expect((await claim(t, fan.token, coupon.id)).status).toBe(201)
  await makeUser(t.deps, { email: BUYER_EMAIL, name: 'Li Na' })
})
const test = hasChromium ? it : it.skip

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([])
}

/** A screenshot without the sign-in toast over the view. */
async function shot(page: Page, name: string) {
  await page.locator('#status').evaluateAll((els) => els.forEach((el) => ((el as HTMLElement).hidden = true)))
  await e2e.shot(page, name)
}

/** The date `days` from now on Shanghai's calendar ("2026-12-05"). */
const shanghaiDay = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))

test('from a New York browser, the owner of a Shanghai shop adds a deal and starts a campaign on Shanghai days, then edits it', { timeout: 120_000 }, async () => {
  const { context, page: m } = await e2e.newPage({ timezoneId: 'America/New_York' })
  await m.goto(`${e2e.baseUrl}/merchant`)
  await signIn(m, OWNER_EMAIL)
  const form = m.locator('form.add-offering')
  await form.waitFor(SLOW)

  // A voucher sold as a deal: ¥200 in store for ¥158, 20 of them; the saving shows as it is typed.
  await form.getByLabel('Name').fill('Hotpot for two')
  await form.getByLabel('Kind').selectOption('voucher')
  await form.getByLabel('Sell as a deal').check()
  await form.getByLabel('Price (CNY)').fill('250')
  await form.getByLabel('Worth in store (CNY)').fill('200')
  await form.getByLabel('How many to sell').fill('20')
  await form.getByLabel('Last day on sale').fill(shanghaiDay(30))
  // A price above the face value is refused before anything is sent, naming the rule.
  await form.getByRole('button', { name: 'Add offering' }).click()
  await form.locator('.form-error', { hasText: 'The price must be lower than the value in store (CN¥200.00).' }).waitFor()
  await form.getByLabel('How many to sell').fill('-1')
  await form.getByLabel('Price (CNY)').fill('158')
  await form.locator('.deal-saving-preview', { hasText: 'Customers save CN¥42.00 (21%)' }).waitFor()
  await form.getByRole('button', { name: 'Add offering' }).click()
  await form.locator('.form-error', { hasText: 'Stock must be a whole number, 0 or more' }).waitFor()
  await form.getByLabel('How many to sell').fill('20')
  await form.getByRole('button', { name: 'Add offering' }).click()
  const row = m.locator('.offering-admin li', { hasText: 'Hotpot for two' })
  await row.locator('.deal-admin', { hasText: 'worth CN¥200.00, saves CN¥42.00 · 0 of 20 sold · 20 left' }).waitFor(SLOW)
  const saved = await e2e.t.db.selectFrom('offerings').select(['price_cents', 'face_value_cents', 'stock', 'valid_until', 'currency']).where('name', '=', 'Hotpot for two').executeTakeFirstOrThrow()
  expect([Number(saved.price_cents), Number(saved.face_value_cents), saved.stock, saved.currency]).toEqual([15800, 20000, 20, 'CNY'])
  // Its last day ends at Shanghai's midnight (16:00 UTC the day before... plus a day: 23:59:59 +08:00).
  expect(new Date(saved.valid_until as Date).toISOString()).toBe(new Date(`${shanghaiDay(30)}T23:59:59+08:00`).toISOString())
  await expectAccessible(m)
  await row.scrollIntoViewIfNeeded()
  await shot(m, 'deals-1-console-deal-en-desktop')

  // A campaign started from New York: its first day is Shanghai's, beginning at Shanghai's midnight.
  const first = shanghaiDay(2)
  const last = shanghaiDay(9)
  const campaignForm = m.locator('form.campaign-form')
  await campaignForm.getByLabel('Title customers see').fill('Hotpot week')
  await campaignForm.getByLabel('Amount off', { exact: true }).fill('20')
  await campaignForm.getByLabel('First day').fill(first)
  await campaignForm.getByLabel('Last day', { exact: true }).fill(last)
  await campaignForm.getByRole('button', { name: 'Start campaign' }).click()
  await m.locator('.campaign', { hasText: 'Hotpot week' }).waitFor(SLOW)
  const list = await e2e.t.call('GET', `/v1/merchants/${shopId}/coupons`, { token: ownerToken })
  const week = list.body.data.find((c: { title: string }) => c.title === 'Hotpot week')
  expect(week.starts_at).toBe(new Date(`${first}T00:00:00+08:00`).toISOString())
  expect(week.ends_at).toBe(new Date(`${last}T23:59:59+08:00`).toISOString())

  // Editing a claimed campaign: the title, a later last day and more coupons; value and first day locked.
  const claimedOne = m.locator('.campaign', { hasText: '¥5 off any order' })
  await claimedOne.getByRole('button', { name: 'Edit campaign: ¥5 off any order' }).click()
  const editor = m.locator('form.campaign-edit')
  await editor.waitFor()
  expect(await editor.getByLabel('Discount').isDisabled()).toBe(true)
  expect(await editor.getByLabel('First day').isDisabled()).toBe(true)
  await editor.locator('.locked-fields', { hasText: 'people may already hold these coupons' }).waitFor()
  await editor.getByLabel('Per customer').fill('0')
  await editor.getByRole('button', { name: 'Save' }).click()
  await editor.locator('.form-error', { hasText: 'The per-person limit can only grow' }).waitFor()
  await editor.getByLabel('Per customer').fill('2')
  await editor.getByLabel('Title customers see').fill('¥5 off, all week')
  await editor.getByLabel('How many coupons').fill('150')
  await expectAccessible(m)
  await editor.scrollIntoViewIfNeeded()
  await shot(m, 'deals-2-campaign-edit-en-desktop')
  await editor.getByRole('button', { name: 'Save' }).click()
  const edited = m.locator('.campaign', { hasText: '¥5 off, all week' })
  await edited.locator('[data-stat="claimed"] dd', { hasText: '1 of 150' }).waitFor(SLOW)
  const after = (await e2e.t.call('GET', `/v1/merchants/${shopId}/coupons`, { token: ownerToken })).body.data.find((c: { title: string }) => c.title === '¥5 off, all week')
  expect([after.total_quantity, after.per_user_limit, after.amount_off_cents]).toEqual([150, 2, 500])

  // The same console in Chinese on a phone.
  const phone = await e2e.newPage({ width: 390, height: 844, timezoneId: 'America/New_York' })
  const p = phone.page
  await p.goto(`${e2e.baseUrl}/merchant`)
  await p.evaluate(() => localStorage.setItem('o2o.locale', 'zh-CN'))
  await p.reload()
  await p.locator('#account button').first().click()
  await p.locator('dialog input[type=email]').fill(OWNER_EMAIL)
  await p.locator('dialog input[type=password]').fill((await import('../support/factories')).TEST_PASSWORD)
  await p.locator('dialog button[type=submit]').click()
  const zhForm = p.locator('form.add-offering')
  await zhForm.waitFor(SLOW)
  await zhForm.locator('select[name=kind]').selectOption('voucher')
  await zhForm.locator('.deal-toggle input').check()
  await zhForm.locator('input[name=price]').fill('68')
  await zhForm.locator('input[name=face_value]').fill('100')
  await zhForm.locator('.deal-saving-preview', { hasText: /^顾客节省 .*32\.00（32%）$/ }).waitFor()
  await expectAccessible(p)
  await zhForm.locator('.deal-fields').scrollIntoViewIfNeeded()
  await shot(p, 'deals-3-console-deal-zh-phone')
  await p.locator('.campaign', { hasText: '¥5 off, all week' }).getByRole('button', { name: '编辑活动：¥5 off, all week' }).click()
  await p.locator('form.campaign-edit .locked-fields', { hasText: '顾客可能已领取这些券' }).waitFor()
  await p.locator('form.campaign-edit').scrollIntoViewIfNeeded()
  await expectAccessible(p)
  await shot(p, 'deals-4-campaign-edit-zh-phone')
  await phone.context.close()
  await context.close()
})

test('a consumer sees the deal and coupon on the overview pin, the saving in the shop, and buys the deal', { timeout: 90_000 }, async () => {
  const { context, page } = await e2e.newPage({ geolocation: { latitude: SHANGHAI.lat, longitude: SHANGHAI.lng } })
  await page.goto(`${e2e.baseUrl}/`)
  await signIn(page, BUYER_EMAIL)
  // The grey overview pin carries a glyph per offer, and its name says it in words.
  const badge = page.locator(`.pin-offer [data-id="${shopId}"]`)
  await badge.waitFor(SLOW)
  expect(await badge.getAttribute('data-offers')).toBe('deal coupon')
  expect(await page.locator(`path.pin-overview[data-id="${shopId}"]`).getAttribute('aria-label')).toBe('Red Lantern Hotpot — Deal · Coupon')
  await expectAccessible(page)
  await shot(page, 'deals-5-map-pin-en-desktop')

  await page.fill('#search-q', 'Red Lantern')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'Red Lantern Hotpot' }).click()
  await page.locator('.shop-name', { hasText: 'Red Lantern Hotpot' }).waitFor(SLOW)
  const deal = page.locator('.offering', { hasText: 'Hotpot for two' }).locator('.deal-note')
  await deal.waitFor(SLOW)
  expect(await deal.textContent()).toBe('Deal Worth CN¥200.00 Save CN¥42.00 · 20 left')
  await page.getByLabel('Quantity of Hotpot for two').fill('1')
  await page.getByRole('button', { name: 'Place order' }).click()
  await page.locator('.redemption-code').waitFor(SLOW)
  const order = await e2e.t.db.selectFrom('orders').select(['total_cents']).orderBy('created_at', 'desc').executeTakeFirstOrThrow()
  expect(Number(order.total_cents)).toBe(15800)
  await context.close()

  // The console counts it: one of twenty sold.
  const owner = await e2e.newPage()
  await owner.page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(owner.page, OWNER_EMAIL)
  await owner.page.locator('.offering-admin li', { hasText: 'Hotpot for two' }).locator('.deal-admin', { hasText: '1 of 20 sold · 19 left' }).waitFor(SLOW)
  await owner.context.close()

  // The map pin in Chinese, on a phone.
  const zh = await e2e.newPage({ width: 390, height: 844, geolocation: { latitude: SHANGHAI.lat, longitude: SHANGHAI.lng } })
  await zh.page.goto(`${e2e.baseUrl}/`)
  await zh.page.evaluate(() => localStorage.setItem('o2o.locale', 'zh-CN'))
  await zh.page.reload()
  await zh.page.locator(`.pin-offer [data-id="${shopId}"]`).waitFor(SLOW)
  expect(await zh.page.locator(`path.pin-overview[data-id="${shopId}"]`).getAttribute('aria-label')).toBe('Red Lantern Hotpot — 团购 · 优惠券')
  await expectAccessible(zh.page)
  await shot(zh.page, 'deals-6-map-pin-zh-phone')
  await zh.context.close()
})
