import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { couponBody } from '../support/coupons'
import { makeMerchant, makeOffering, makeUser } from '../support/factories'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'
import { sampleJpeg } from './support/photo'

// Fans, end to end: a customer follows a shop → the owner posts news with a photo → it is in the
// customer's "Following" feed; and the customer's order page flips to redeemed live.
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const OWNER_EMAIL = 'bakery-owner@example.test'
const CONSUMER_EMAIL = 'li.na@example.test'

let owner = { id: '', token: '' }
let shop = { id: '' }
const e2e = useBrowserApp(async (t) => {
  owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Chen Jie' })
  shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Morning Crust Bakery', category: 'coffee', tags: ['bakery'], lat: HANGZHOU.lat, lng: HANGZHOU.lng })
  await makeOffering(t.db, shop.id, { name: 'Croissant', kind: 'product', price_cents: 1800, currency: 'CNY', duration_min: null })
  await makeUser(t.deps, { email: CONSUMER_EMAIL, name: 'Li Na' })
})
const test = hasChromium ? it : it.skip
const SLOW = { timeout: 15_000 }

async function openShop(page: Page) {
  await page.fill('#search-q', 'Morning Crust')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'Morning Crust' }).click()
  await page.locator('.shop-name', { hasText: 'Morning Crust' }).waitFor()
}

test('a customer follows a shop; the owner posts news with a photo; it arrives in the feed', async () => {
  const consumer = await e2e.newPage()
  await consumer.page.goto(`${e2e.baseUrl}/`)
  await signIn(consumer.page, CONSUMER_EMAIL)
  await openShop(consumer.page)
  await consumer.page.locator('.follower-count', { hasText: '0 followers' }).waitFor()
  await consumer.page.getByRole('button', { name: 'Follow', exact: true }).click()
  await consumer.page.getByRole('button', { name: 'Following ✓' }).waitFor(SLOW)
  await consumer.page.locator('.follower-count', { hasText: '1 follower' }).waitFor()
  await e2e.shot(consumer.page, 'fans-1-followed')

  const merchant = await e2e.newPage()
  await merchant.page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(merchant.page, OWNER_EMAIL)
  await merchant.page.locator('.follower-total', { hasText: '1 follower' }).waitFor(SLOW)
  await merchant.page.fill('#post-text', 'Fresh croissants every morning from 7 am!')
  await merchant.page.locator('.post-form input[type=file]').setInputFiles({ name: 'croissant.jpg', mimeType: 'image/jpeg', buffer: await sampleJpeg() })
  await merchant.page.locator('.post-form .photo-tile[data-photo-id]').waitFor(SLOW)
  await merchant.page.getByRole('button', { name: 'Post to followers' }).click()
  await merchant.page.locator('.post-list .post-card', { hasText: 'Fresh croissants' }).waitFor(SLOW)
  await e2e.shot(merchant.page, 'fans-2-merchant-posted')
  await merchant.context.close()

  // A new coupon and a new deal of the shop reach the feed too (created through the API).
  const coupon = await e2e.t.call('POST', `/v1/merchants/${shop.id}/coupons`, { token: owner.token, body: couponBody({ title: '¥5 off croissants' }) })
  expect(coupon.status).toBe(201)
  const deal = { name: 'Breakfast for two', kind: 'voucher', price_cents: 3000, currency: 'CNY', face_value_cents: 4000 }
  expect((await e2e.t.call('POST', `/v1/merchants/${shop.id}/offerings`, { token: owner.token, body: deal })).status).toBe(201)

  await consumer.page.getByRole('button', { name: 'Following', exact: true }).click()
  const card = consumer.page.locator('.feed-dialog .post-card', { hasText: 'Fresh croissants every morning' })
  await card.waitFor(SLOW)
  expect(await card.locator('img.post-photo').count()).toBe(1)
  const couponCard = consumer.page.locator('.feed-dialog .feed-coupon', { hasText: 'New coupon from Morning Crust Bakery' })
  await couponCard.waitFor(SLOW)
  expect(await couponCard.textContent()).toContain('¥5 off croissants')
  expect(await couponCard.getByRole('link', { name: 'Open Morning Crust Bakery' }).getAttribute('href')).toBe(`/shops/${shop.id}`)
  const dealCard = consumer.page.locator('.feed-dialog .feed-deal', { hasText: 'New deal from Morning Crust Bakery' })
  expect(await dealCard.textContent()).toMatch(/Breakfast for two · CN¥30\.00 instead of CN¥40\.00/)
  // Newest first: the deal, the coupon, then the post.
  expect(await consumer.page.locator('.feed-dialog .feed-list > article').evaluateAll((cards) => cards.map((c) => c.className))).toEqual(['post-card feed-deal', 'post-card feed-coupon', 'post-card'])
  await e2e.shot(consumer.page, 'fans-3-feed')
  await consumer.context.close()
})

test('the order page flips to redeemed the moment the shop redeems it', async () => {
  const consumer = await e2e.newPage()
  await consumer.page.goto(`${e2e.baseUrl}/`)
  await signIn(consumer.page, CONSUMER_EMAIL)
  await openShop(consumer.page)
  await consumer.page.getByLabel('Quantity of Croissant').fill('2')
  await consumer.page.getByRole('button', { name: 'Place order' }).click()
  const code = (await consumer.page.locator('.redemption-code').textContent())?.trim() as string
  expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  await consumer.page.locator('.order-status[data-status="confirmed"]').waitFor()

  const merchant = await e2e.newPage()
  await merchant.page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(merchant.page, OWNER_EMAIL)
  await merchant.page.fill('#redeem-code', code)
  await merchant.page.getByRole('button', { name: 'Redeem' }).click()
  await merchant.page.locator('.redeem-result[data-kind="success"]').waitFor()
  await merchant.context.close()

  // No click on "Refresh status": the event stream delivers the change.
  await consumer.page.locator('.order-status[data-status="completed"]').waitFor(SLOW)
  expect(await consumer.page.locator('.order-status').textContent()).toBe('Completed — redeemed at the shop')
  await e2e.shot(consumer.page, 'fans-4-redeemed-live')
  await consumer.context.close()
})
