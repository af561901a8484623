import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { makeMerchant, makeOffering, makeUser, TEST_PASSWORD } from '../support/factories'
import { ARTIFACTS, hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'
import { sampleJpeg } from './support/photo'

// Word of mouth, end to end: order in cash → the counter redeems → the customer reviews with a
// photo → the storefront shows it and its histogram → the owner replies → the customer sees it.
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const OWNER_EMAIL = 'teahouse-owner@example.test'
const CONSUMER_EMAIL = 'zhang.min@example.test'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const shared: { code?: string; reviewId?: string } = {}

const e2e = useBrowserApp(async (t) => {
  const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Lin Wei' })
  const shop = await makeMerchant(t.db, { owner_id: owner.id, name: '西湖茶馆 West Lake Tea', category: 'coffee', tags: ['tea'], lat: HANGZHOU.lat, lng: HANGZHOU.lng })
  await makeOffering(t.db, shop.id, { name: 'Longjing pot', kind: 'product', price_cents: 4800, currency: 'CNY', duration_min: null })
  await makeUser(t.deps, { email: CONSUMER_EMAIL, name: '张敏 Zhang Min' })
})
const test = hasChromium ? it : it.skip
// Polls wait for the server (registration hashes a password, uploads re-encode), not 1 s.
const SLOW = { timeout: 15_000 }

async function openShop(page: Page) {
  await page.fill('#search-q', 'West Lake')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'West Lake Tea' }).click()
  await page.locator('.shop-name', { hasText: 'West Lake Tea' }).waitFor()
}

/** Takes the same screen at desktop and phone size, then returns to the desktop. */
async function shotBoth(page: Page, name: string, focus?: string) {
  for (const [size, label] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
    await page.setViewportSize(size)
    if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${ARTIFACTS}${name}-${label}.png` })
  }
  await page.setViewportSize(DESKTOP)
}

test('1. a customer orders in cash and the merchant redeems the code', async () => {
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/`)
  await signIn(page, CONSUMER_EMAIL)
  await openShop(page)
  await page.locator('.histogram.empty').waitFor()
  await page.getByLabel('Quantity of Longjing pot').fill('1')
  await page.getByRole('button', { name: 'Place order' }).click()
  shared.code = (await page.locator('.redemption-code').textContent())?.trim()
  expect(shared.code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  // Not redeemed yet: nothing to review.
  await page.getByRole('button', { name: 'My orders' }).click()
  await page.locator('.orders-dialog .order', { hasText: 'Longjing pot' }).waitFor()
  expect(await page.locator('.orders-dialog .write-review').count()).toBe(0)
  await context.close()

  const merchant = await e2e.newPage()
  await merchant.page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(merchant.page, OWNER_EMAIL)
  await merchant.page.locator('.inbox-list', { hasText: 'No reviews yet' }).waitFor()
  await merchant.page.fill('#redeem-code', shared.code as string)
  await merchant.page.getByRole('button', { name: 'Redeem' }).click()
  await merchant.page.locator('.redeem-result[data-kind="success"]').waitFor()
  await merchant.context.close()
})

test('2. after redemption the customer writes a review with a photo; the storefront shows it and its histogram', async () => {
  expect(shared.code, 'step 1 must have redeemed an order').toBeTruthy()
  const { context, page } = await e2e.newPage()
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl })
  await page.goto(`${e2e.baseUrl}/`)
  await signIn(page, CONSUMER_EMAIL)
  await page.getByRole('button', { name: 'My orders' }).click()
  await page.getByRole('button', { name: 'Write a review' }).click()
  const form = page.locator('form.review-form')
  await form.waitFor()
  // Stars are a real radio group; posting without one says what is missing.
  await form.getByRole('button', { name: 'Post review' }).click()
  await form.locator('.form-error', { hasText: 'Choose a rating' }).waitFor()
  await form.getByRole('radio', { name: '4 stars, Very good' }).check()
  await form.getByLabel('Your review').fill('龙井很香，窗边能看到湖。 The Longjing was fragrant and the window seat looks over the lake.')
  // A file that is not an image is refused in plain words, before any upload.
  await form.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') })
  await form.locator('.photo-tile.failed', { hasText: 'not a photo we can use' }).waitFor()
  await form.getByRole('button', { name: 'Remove notes.txt' }).click()
  await form.locator('input[type=file]').setInputFiles({ name: 'longjing.jpg', mimeType: 'image/jpeg', buffer: await sampleJpeg() })
  await form.locator('.photo-tile[data-photo-id]').waitFor()
  await shotBoth(page, 'r1-review-form')
  await form.getByRole('button', { name: 'Post review' }).click()
  await form.waitFor({ state: 'detached' })
  await page.locator('.orders-dialog .order', { hasText: '✓ Reviewed' }).waitFor()
  expect(await page.locator('.orders-dialog .write-review').count()).toBe(0)
  await page.getByRole('button', { name: 'Close my orders' }).click()

  await openShop(page)
  const review = page.locator('.review', { hasText: 'window seat looks over the lake' })
  await review.waitFor()
  shared.reviewId = (await review.getAttribute('data-id')) as string
  expect(await review.textContent()).toContain('Zhang Min')
  expect(await review.locator('.visit').textContent()).toMatch(/Verified visit.*1 × Longjing pot/)
  await expect.poll(() => review.locator('.photo-strip img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), SLOW).toBe(true)
  expect(await page.locator('.bars li[data-stars="4"] .bar-count').textContent()).toBe('1')
  expect(await page.locator('.rating-number').textContent()).toBe('4.0')
  await shotBoth(page, 'r2-storefront-reviews', '.reviews')

  // The thumbnail opens the photo large.
  await review.getByRole('button', { name: /Open photo 1 of 1/ }).click()
  const large = page.locator('dialog.lightbox img')
  await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), SLOW).toBe(true)
  await page.keyboard.press('Escape')

  // Share copies an absolute link to this review.
  await review.getByRole('button', { name: /Share .* review/ }).click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW).toBe(`${e2e.baseUrl}/s/${await review.evaluate((el) => el.closest('#storefront')?.getAttribute('data-id'))}/reviews/${shared.reviewId}`)

  // Editing the stars moves the histogram.
  await review.getByRole('button', { name: 'Edit' }).click()
  await page.locator('form.review-form').getByRole('radio', { name: '5 stars, Excellent' }).check()
  await page.locator('form.review-form').getByRole('button', { name: 'Save changes' }).click()
  await expect.poll(() => page.locator('.bars li[data-stars="5"] .bar-count').textContent(), SLOW).toBe('1')
  expect(await page.locator('.bars li[data-stars="4"] .bar-count').textContent()).toBe('0')
  expect(await page.locator('.rating-number').textContent()).toBe('5.0')
  await context.close()
})

test('3. the owner replies from the reviews inbox and the customer sees the reply', async () => {
  expect(shared.reviewId, 'step 2 must have posted a review').toBeTruthy()
  const merchant = await e2e.newPage()
  const page = merchant.page
  await page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(page, OWNER_EMAIL)
  const item = page.locator(`.inbox-item[data-id="${shared.reviewId}"]`)
  await item.locator('.badge', { hasText: 'Needs a reply' }).waitFor()
  expect(await item.locator('.photo-strip img').count()).toBe(1)
  await item.getByLabel(/Reply to/).fill('谢谢！Thank you — the window seats are yours any afternoon.')
  await shotBoth(page, 'r3-merchant-inbox', '.inbox-list')
  await item.getByRole('button', { name: 'Reply' }).click()
  await item.locator('.reply', { hasText: 'window seats are yours' }).waitFor()
  expect(await item.locator('.badge', { hasText: 'Needs a reply' }).count()).toBe(0)
  await shotBoth(page, 'r4-merchant-replied', '.inbox-list')
  await merchant.context.close()

  const { context, page: customer } = await e2e.newPage(PHONE)
  await customer.goto(`${e2e.baseUrl}/`)
  await openShop(customer)
  const reply = customer.locator(`.review[data-id="${shared.reviewId}"] .reply`)
  await reply.waitFor()
  expect(await reply.textContent()).toContain('Reply from the owner')
  expect(await reply.textContent()).toContain('window seats are yours')
  await reply.scrollIntoViewIfNeeded()
  await e2e.shot(customer, 'r5-customer-sees-reply-phone')
  await context.close()
})

test('4. other customers vote helpful and report; three reports hide the review until the owner restores it', async () => {
  expect(shared.reviewId, 'step 2 must have posted a review').toBeTruthy()
  const { context, page } = await e2e.newPage({ width: 1280, height: 800 })
  await page.goto(`${e2e.baseUrl}/`)
  await openShop(page)
  const review = page.locator(`.review[data-id="${shared.reviewId}"]`)
  // Voting asks an anonymous visitor to sign in first, then counts the vote.
  await review.getByRole('button', { name: 'Helpful' }).click()
  await page.locator('dialog').getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Your name').fill('Wang Fang')
  await page.getByLabel('Email').fill('wang.fang@example.test')
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  // The click that asked for sign-in still counts once the person is in.
  const helpful = review.locator('button.helpful')
  await expect.poll(() => helpful.getAttribute('aria-pressed'), SLOW).toBe('true')
  expect(await helpful.textContent()).toBe('Helpful (1)')
  await helpful.click()
  await expect.poll(() => helpful.getAttribute('aria-pressed'), SLOW).toBe('false')
  expect(await helpful.textContent()).toBe('Helpful')
  await helpful.click()
  await expect.poll(() => helpful.textContent(), SLOW).toBe('Helpful (1)')

  // A report needs a reason; a second report by the same person is answered kindly.
  await review.getByRole('button', { name: 'Report' }).click()
  const report = review.locator('form.report-form')
  await report.getByRole('button', { name: 'Send report' }).click()
  await report.locator('.form-error', { hasText: 'Choose a reason' }).waitFor()
  await report.getByLabel('Why are you reporting this review?').selectOption('Spam or advertising')
  await report.getByRole('button', { name: 'Send report' }).click()
  await page.locator('#status', { hasText: 'the review was reported' }).waitFor()
  await review.getByRole('button', { name: 'Report' }).click()
  await review.locator('form.report-form').getByLabel('Why are you reporting this review?').selectOption('Something else')
  await review.locator('form.report-form').getByRole('button', { name: 'Send report' }).click()
  await page.locator('#status', { hasText: 'already reported' }).waitFor()

  // Two more people report it: it leaves the storefront.
  for (const name of ['Li Lei', 'Han Meimei']) {
    const reporter = await makeUser(e2e.t.deps, { name })
    const res = await e2e.t.call('POST', `/v1/reviews/${shared.reviewId}/reports`, { token: reporter.token, body: { reason: 'Not about a real visit here' } })
    expect(res.status).toBe(201)
  }
  await page.locator('button.link.back').click()
  await openShop(page)
  await page.locator('.review-list', { hasText: 'No reviews yet' }).waitFor()
  await page.locator('.histogram.empty').waitFor()
  await context.close()

  const merchant = await e2e.newPage()
  await merchant.page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(merchant.page, OWNER_EMAIL)
  const item = merchant.page.locator(`.inbox-item[data-id="${shared.reviewId}"]`)
  await item.locator('.badge', { hasText: 'Hidden from customers' }).waitFor()
  expect(await item.locator('.badge', { hasText: 'Reported' }).textContent()).toBe('Reported 3×')
  await item.scrollIntoViewIfNeeded()
  await e2e.shot(merchant.page, 'r6-merchant-hidden-review-desktop')
  await item.getByRole('button', { name: 'Restore' }).click()
  await merchant.page.locator('#status', { hasText: 'visible to customers again' }).waitFor()
  expect(await item.locator('.badge', { hasText: 'Hidden from customers' }).count()).toBe(0)
  await merchant.context.close()

  const again = await e2e.newPage()
  await again.page.goto(`${e2e.baseUrl}/`)
  await openShop(again.page)
  await again.page.locator(`.review[data-id="${shared.reviewId}"]`).waitFor()
  expect(await again.page.locator('.rating-number').textContent()).toBe('5.0')
  // The photo filter and the sorts keep it (it has a photo; it is the only one).
  await again.page.getByLabel('With photos').check()
  await again.page.locator(`.review[data-id="${shared.reviewId}"]`).waitFor()
  await again.page.getByLabel('Sort reviews').selectOption('rating_low')
  await again.page.locator(`.review[data-id="${shared.reviewId}"]`).waitFor()
  await again.context.close()
})
