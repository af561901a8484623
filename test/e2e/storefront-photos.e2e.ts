import { expect, it } from 'vitest'
import { makeMerchant, makeOffering, makeUser } from '../support/factories'
import { hasChromium, useBrowserApp } from './support/harness'
import { signIn } from './support/session'
import { sampleJpeg } from './support/photo'

// A merchant adds photos to a live storefront in the console, makes the second one the cover and
// saves; a consumer then sees that cover on the storefront panel and in the map pin's tooltip.
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const OWNER_EMAIL = 'noodle-owner@example.test'
const shared: { shopId?: string; coverUrl?: string } = {}

const e2e = useBrowserApp(async (t) => {
  const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Chen Jie' })
  const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Lakeside Noodles', category: 'coffee', tags: ['noodles'], lat: HANGZHOU.lat, lng: HANGZHOU.lng })
  await makeOffering(t.db, shop.id, { name: 'Pian Er Chuan', kind: 'product', price_cents: 2800, currency: 'CNY', duration_min: null })
  shared.shopId = shop.id
})
const test = hasChromium ? it : it.skip
const SLOW = { timeout: 15_000 }

const loaded = (img: HTMLImageElement) => img.complete && img.naturalWidth > 0

test('1. the owner uploads photos in the console, makes one the cover, removes one and saves', async () => {
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/merchant`)
  await signIn(page, OWNER_EMAIL)
  const form = page.locator('form.storefront-form')
  await form.waitFor()
  const jpeg = await sampleJpeg()
  await form.locator('input[type=file]').setInputFiles([
    { name: 'front.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    { name: 'bowl.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    { name: 'menu.jpg', mimeType: 'image/jpeg', buffer: jpeg },
  ])
  await expect.poll(() => form.locator('.photo-tile[data-photo-id]').count(), SLOW).toBe(3)
  // The first photo is the cover until another is made the cover.
  expect(await form.locator('.photo-tile.is-cover img').getAttribute('alt')).toBe('Photo front.jpg')
  await form.getByRole('button', { name: 'Make bowl.jpg the cover' }).click()
  expect(await form.locator('.photo-tile.is-cover img').getAttribute('alt')).toBe('Photo bowl.jpg')
  await form.getByRole('button', { name: 'Remove menu.jpg' }).click()
  const [bowlId, frontId] = await form.locator('.photo-tile').evaluateAll((tiles) => tiles.map((li) => (li as HTMLElement).dataset.photoId))
  await e2e.shot(page, 'sp1-console-photos')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await page.locator('[data-kind="success"]', { hasText: 'Storefront saved' }).waitFor()

  // Saved in that order: the chosen cover first; the removed photo is not attached.
  const shop = (await (await fetch(`${e2e.baseUrl}/v1/merchants/${shared.shopId}`)).json()) as { photos: Array<{ id: string }>; cover_url: string }
  expect(shop.photos.map((p) => p.id)).toEqual([bowlId, frontId])
  shared.coverUrl = shop.cover_url
  // After the reload the console shows the saved photos, cover first.
  await expect.poll(() => page.locator('form.storefront-form .photo-tile').count(), SLOW).toBe(2)
  expect(await page.locator('form.storefront-form .photo-tile.is-cover').getAttribute('data-photo-id')).toBe(bowlId)
  await context.close()
})

test('2. a consumer sees the cover on the storefront panel and in the map tooltip', async () => {
  expect(shared.coverUrl, 'step 1 must have saved a cover').toBeTruthy()
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/`)
  // The map overview draws the shop as a pin whose tooltip carries the cover.
  const pin = page.locator(`.pin-overview[data-id="${shared.shopId}"]`)
  await pin.waitFor(SLOW)
  await pin.dispatchEvent('mouseover')
  const tooltipCover = page.locator('.leaflet-tooltip img.tooltip-cover')
  await tooltipCover.waitFor(SLOW)
  expect(await tooltipCover.getAttribute('src')).toBe(shared.coverUrl)
  await expect.poll(() => tooltipCover.evaluate(loaded), SLOW).toBe(true)
  await e2e.shot(page, 'sp2-map-tooltip-cover')
  await pin.dispatchEvent('mouseout')

  await page.fill('#search-q', 'Lakeside')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'Lakeside Noodles' }).click()
  const cover = page.locator('#storefront img.cover')
  await cover.waitFor()
  expect(await cover.getAttribute('src')).toBe(shared.coverUrl)
  await expect.poll(() => cover.evaluate(loaded), SLOW).toBe(true)
  await e2e.shot(page, 'sp3-storefront-cover')
  await context.close()
})
