import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { makeMerchant, makeOffering, makeUser, TEST_PASSWORD } from '../support/factories'
import { hasChromium, useBrowserApp } from './support/harness'
import { seedCrowd } from './support/seed'

const HANGZHOU = { lat: 30.2741, lng: 120.1551 }
const OWNER_EMAIL = 'lakeside-owner@example.test'
const shared: { code?: string } = {}

const e2e = useBrowserApp(async (t) => {
  await seedCrowd(t.db, HANGZHOU, 600)
  const owner = await makeUser(t.deps, { role: 'merchant', email: OWNER_EMAIL, name: 'Lin Wei' })
  const shop = await makeMerchant(t.db, { owner_id: owner.id, name: 'Lakeside Coffee', category: 'coffee', tags: ['latte'], lat: HANGZHOU.lat + 0.0004, lng: HANGZHOU.lng + 0.0004 })
  await makeOffering(t.db, shop.id, { name: 'Flat white', kind: 'product', price_cents: 3200, currency: 'CNY', duration_min: null })
  await makeOffering(t.db, shop.id, { name: 'Beans, 250 g', kind: 'product', price_cents: 8800, currency: 'CNY', duration_min: null })
})
const test = hasChromium ? it : it.skip

/** Moves the consumer map (exposed by the page for tests and debugging). */
async function setView(page: Page, lat: number, lng: number, zoom: number) {
  await page.evaluate(([a, b, z]) => (window as any).o2oMap.setView([a, b], z, { animate: false }), [lat, lng, zoom] as const)
}

test('1. the map shows clusters zoomed out, pins zoomed in, and search results agree with their pins', async () => {
  const { context, page } = await e2e.newPage()
  const elsewhere: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(e2e.baseUrl) && !r.url().startsWith('http://127.0.0.1:9/')) elsewhere.push(r.url())
  })
  await page.goto(`${e2e.baseUrl}/`)
  await page.locator('.cluster-label').first().waitFor()
  expect(Number(await page.locator('#map').getAttribute('data-overview-shops'))).toBeGreaterThan(500)
  // No two cluster labels overlap on screen (a crowded cluster shows a dot, or only its hexagon).
  const boxes = await page.locator('.cluster-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
  expect(boxes.length).toBeGreaterThan(0)
  for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false)
  expect(await page.locator('.hex').count()).toBeGreaterThan(0)
  await page.locator('#basemap-status').waitFor()
  await e2e.shot(page, '1a-clusters-desktop')

  await setView(page, HANGZHOU.lat, HANGZHOU.lng, 16)
  await page.waitForFunction(() => document.querySelector('#map')?.getAttribute('data-overview') === 'pins')
  expect(await page.locator('.cluster-label').count()).toBe(0)
  expect(await page.locator('.pin-overview').count()).toBeGreaterThan(0)

  await page.fill('#search-q', 'coffee')
  await page.press('#search-q', 'Enter')
  await page.waitForFunction(() => /for “coffee”/.test(document.querySelector('#results-summary')?.textContent ?? ''))
  const rowIds = await page.locator('#results li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
  const pinIds = await page.locator('.pin-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
  expect(rowIds.length).toBeGreaterThan(1)
  expect(pinIds.sort()).toEqual([...rowIds].sort())
  for (const name of await page.locator('#results .result-name').allTextContents()) expect(name).toMatch(/coffee/i)

  await page.locator('#results li', { hasText: 'Lakeside Coffee' }).hover()
  const lakesideId = await page.locator('#results li', { hasText: 'Lakeside Coffee' }).getAttribute('data-id')
  await expect.poll(() => page.locator('.pin-result.highlighted').getAttribute('data-id')).toBe(lakesideId)
  const otherId = rowIds.find((id) => id !== lakesideId) as string
  await page.locator(`.pin-result[data-id="${otherId}"]`).hover({ force: true })
  await expect.poll(() => page.locator('#results li.highlighted').getAttribute('data-id')).toBe(otherId)
  await e2e.shot(page, '1b-search-coffee-desktop')

  // A slow answer to an older search never replaces the newer one.
  let delayed = false
  await page.route('**/v1/search/nearby?*', async (route) => {
    if (!delayed && route.request().url().includes('q=Crowd')) {
      delayed = true
      await new Promise((resolve) => setTimeout(resolve, 1500))
    }
    await route.continue().catch(() => undefined) // aborted by the page: fine
  })
  await page.fill('#search-q', 'Crowd')
  await page.press('#search-q', 'Enter')
  await page.fill('#search-q', 'Lakeside')
  await page.press('#search-q', 'Enter')
  await page.waitForFunction(() => /for “Lakeside”/.test(document.querySelector('#results-summary')?.textContent ?? ''))
  await page.waitForTimeout(2000)
  expect(await page.locator('#results-summary').textContent()).toMatch(/for “Lakeside”/)
  expect(await page.locator('#results .result-name').allTextContents()).toEqual(['Lakeside Coffee'])
  await page.unrouteAll({ behavior: 'ignoreErrors' })

  // By keyboard: open a result, go back, and land on the same row.
  await page.locator('#results li button').first().focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('shop-name')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-id'))).toBe(lakesideId)
  // Everything came from our server: no CDN, and no Stripe.js without a publishable key.
  expect(elsewhere).toEqual([])
  await context.close()

  // A shopper who shares their location starts there, not in the demo city.
  const nearby = { latitude: HANGZHOU.lat + 0.01, longitude: HANGZHOU.lng - 0.01 }
  const phone = await e2e.newPage({ width: 360, height: 740, geolocation: nearby })
  await phone.page.goto(`${e2e.baseUrl}/`)
  await phone.page.waitForFunction(() => (document.querySelector('#city') as HTMLSelectElement | null)?.value === '')
  const centre = await phone.page.evaluate(() => (window as any).o2oMap.getCenter())
  expect(centre.lat).toBeCloseTo(nearby.latitude, 4)
  expect(centre.lng).toBeCloseTo(nearby.longitude, 4)
  await phone.page.waitForFunction(() => document.querySelector('#map')?.hasAttribute('data-overview'))
  // The list is searched around the same place.
  await phone.page.waitForFunction(([lat, lng]) => {
    const [a, b] = (document.querySelector('#results')?.getAttribute('data-center') ?? '0,0').split(',').map(Number)
    return Math.abs((a as number) - lat) < 1e-4 && Math.abs((b as number) - lng) < 1e-4
  }, [nearby.latitude, nearby.longitude] as const)
  // The home opens on "For you"; the nearby list is one tab away.
  await phone.page.getByRole('tab', { name: 'Nearby' }).click()
  await phone.page.locator('#results li').first().waitFor()
  await e2e.shot(phone.page, '1c-my-location-phone')
  await phone.context.close()
})

test('2. a consumer opens a storefront, registers and places a cash order, and sees the code', async () => {
  const { context, page } = await e2e.newPage({ width: 360, height: 740 })
  // A session left over from long ago: the server no longer accepts its token.
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1')
      localStorage.setItem('o2o.session.consumer', JSON.stringify({ token: 'expired', user: { id: 'x', email: 'old@example.test', name: 'Old me', role: 'consumer' } }))
    }
  })
  await page.goto(`${e2e.baseUrl}/`)
  await page.fill('#search-q', 'Lakeside')
  await page.press('#search-q', 'Enter')
  await page.locator('#results li', { hasText: 'Lakeside Coffee' }).click()
  await page.locator('.shop-name', { hasText: 'Lakeside Coffee' }).waitFor()
  await expect.poll(() => page.locator('#storefront .badge').first().textContent()).toMatch(/^Open now/)
  await page.getByLabel('Quantity of Flat white').fill('2')
  await expect.poll(() => page.locator('#storefront .total').textContent()).toContain('64.00')
  await e2e.shot(page, '2a-storefront-phone')

  await page.getByRole('button', { name: 'Place order' }).click()
  await page.locator('.order-form .form-error', { hasText: 'Your sign-in has expired' }).waitFor()
  await page.locator('#account').getByRole('button', { name: 'Sign in' }).waitFor()
  await page.getByRole('button', { name: 'Place order' }).click()
  await page.getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Your name').fill('Zhang Min')
  await page.getByLabel('Email').fill('zhang.min@example.test')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.locator('dialog .form-error', { hasText: 'at least 10 characters' }).waitFor()
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  // Registering resumes the checkout the person started.
  const code = page.locator('.redemption-code')
  await code.waitFor()
  shared.code = (await code.textContent())?.trim()
  expect(shared.code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
  await expect.poll(() => page.locator('.order-status').textContent()).toMatch(/Confirmed/)
  // Large, and still on one line inside its box.
  expect(await page.locator('.redemption-code').evaluate((el) => el.scrollWidth <= el.clientWidth && parseFloat(getComputedStyle(el).fontSize) >= 24)).toBe(true)
  await e2e.shot(page, '2b-order-code-phone')

  await page.getByRole('button', { name: 'My orders' }).click()
  await page.locator('.orders-dialog .order', { hasText: shared.code as string }).waitFor()
  expect(await page.locator('.orders-dialog .order').first().textContent()).toContain('Lakeside Coffee')
  await e2e.shot(page, '2c-my-orders-phone')
  await context.close()
})

test('3. the merchant redeems that code at the counter and sees the order completed', async () => {
  expect(shared.code, 'step 2 must have produced a code').toBeTruthy()
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/merchant`)
  await page.getByRole('button', { name: 'Sign in' }).first().click()
  await page.getByLabel('Email').fill(OWNER_EMAIL)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
  await page.locator('#redeem-code').waitFor()
  // Codes are shown to the customer only: the counter sees the order by its items and status.
  const incoming = page.locator('.order', { hasText: '2 × Flat white' })
  await incoming.waitFor()
  expect(await incoming.getAttribute('data-status')).toBe('confirmed')

  await page.fill('#redeem-code', 'ZZZZZ-ZZZZZ')
  await page.press('#redeem-code', 'Enter')
  await page.locator('.redeem-result[data-kind="error"]', { hasText: 'No order with code' }).waitFor()

  await page.fill('#redeem-code', shared.code as string)
  await page.getByRole('button', { name: 'Redeem' }).click()
  await page.locator('.redeem-result[data-kind="success"]', { hasText: 'Completed' }).waitFor()
  await page.locator('.order[data-status="completed"]', { hasText: '2 × Flat white' }).waitFor()
  await e2e.shot(page, '3a-redeemed-desktop')

  await page.fill('#redeem-code', shared.code as string)
  await page.press('#redeem-code', 'Enter')
  await page.locator('.redeem-result[data-kind="error"]', { hasText: 'cannot be redeemed' }).waitFor()
  await e2e.shot(page, '3b-redeem-again-desktop')
  await context.close()
})

test('4. a new merchant creates a storefront on the map, adds an offering, publishes, and customers find it', async () => {
  const { context, page } = await e2e.newPage()
  await page.goto(`${e2e.baseUrl}/merchant`)
  await page.getByRole('button', { name: 'Create a merchant account' }).click()
  await page.getByLabel('Your name').fill('Chen Jing')
  await page.getByLabel('Email').fill(OWNER_EMAIL)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  // The API's own explanation, not a status code or raw JSON.
  await page.locator('dialog .form-error', { hasText: 'An account with this email already exists' }).waitFor()
  await page.getByLabel('Email').fill('chen.jing@example.test')
  await page.getByRole('button', { name: 'Create account' }).click()

  const form = page.locator('form.storefront-form')
  await form.waitFor()
  await form.getByRole('button', { name: 'Create storefront' }).click()
  await form.locator('.form-error', { hasText: 'Give your storefront a name' }).waitFor()
  await form.getByLabel('Name').fill('Harbor Tea House')
  await form.getByLabel('Category').selectOption('coffee')
  await form.getByLabel('Tags').fill('oolong, quiet')
  expect(await form.getByLabel('Time zone').inputValue()).toBe('Asia/Shanghai')
  // The currency follows the pin's time zone until the owner picks one.
  expect(await form.getByLabel('Currency').inputValue()).toBe('CNY')
  await form.locator('.hours-row').first().getByLabel('Closes', { exact: true }).fill('01:30')
  await expect.poll(() => form.locator('.hours-row').first().locator('.hint').textContent()).toBe('closes next day')
  await form.locator('.picker-map').scrollIntoViewIfNeeded()
  const box = await form.locator('.picker-map').boundingBox()
  if (!box) throw new Error('no location map')
  await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10)
  await expect.poll(() => form.getByLabel('Latitude').inputValue()).not.toBe('')
  // Dragging the pin moves the coordinates with it…
  const clicked = Number(await form.getByLabel('Latitude').inputValue())
  const pin = await form.locator('.location-pin').boundingBox()
  if (!pin) throw new Error('no pin')
  await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2)
  await page.mouse.down()
  await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2 - 40, { steps: 5 })
  await page.mouse.up()
  await expect.poll(async () => Number(await form.getByLabel('Latitude').inputValue())).toBeGreaterThan(clicked)
  // …and typed coordinates win in the end.
  await form.getByLabel('Latitude').fill('30.2755')
  await form.getByLabel('Longitude').fill('120.157')
  await form.getByLabel('Longitude').press('Tab')
  await e2e.shot(page, '4a-new-storefront-desktop')
  await form.getByRole('button', { name: 'Create storefront' }).click()

  await page.locator('#shop-status', { hasText: 'Draft' }).waitFor()
  const saved = await e2e.t.db.selectFrom('merchants').select(['lat', 'lng', 'timezone', 'currency', 'hours', 'status']).where('name', '=', 'Harbor Tea House').executeTakeFirstOrThrow()
  expect(saved).toMatchObject({ lat: 30.2755, lng: 120.157, timezone: 'Asia/Shanghai', currency: 'CNY', status: 'draft' })
  expect(saved.hours[0]).toEqual({ day: 1, open: '09:00', close: '01:30' })
  const add = page.locator('form.add-offering')
  // The offering form shows the storefront's currency instead of asking for one.
  expect(await add.locator('select[name="currency"]').count()).toBe(0)
  await add.getByLabel('Price (CNY)').waitFor()
  await add.getByLabel('Name').fill('Oolong pot')
  await add.getByLabel('Kind').selectOption('product')
  await add.getByRole('textbox', { name: /^Price/ }).fill('18.5')
  await add.getByRole('button', { name: 'Add offering' }).click()
  await page.locator('.offering-admin li', { hasText: 'Oolong pot' }).waitFor()
  expect(await page.locator('.offering-admin li', { hasText: 'Oolong pot' }).textContent()).toContain('18.50')
  await page.getByRole('button', { name: 'Edit Oolong pot' }).click()
  await page.getByLabel('New price for Oolong pot, CNY').fill('19')
  await page.locator('.inline-edit').getByRole('button', { name: 'Save' }).click()
  await page.locator('.offering-admin li', { hasText: 'CN¥19.00' }).waitFor()
  await page.getByRole('button', { name: 'Publish' }).click()
  await page.locator('#shop-status', { hasText: 'Live' }).waitFor()
  await e2e.shot(page, '4b-published-desktop')
  await page.setViewportSize({ width: 360, height: 740 })
  await e2e.shot(page, '4c-console-phone')
  await context.close()

  const customer = await e2e.newPage()
  await customer.page.goto(`${e2e.baseUrl}/`)
  await customer.page.fill('#search-q', 'Harbor')
  await customer.page.press('#search-q', 'Enter')
  await customer.page.locator('#results li', { hasText: 'Harbor Tea House' }).click()
  await customer.page.locator('.offering', { hasText: 'Oolong pot' }).waitFor()
  expect(await customer.page.locator('.offering', { hasText: 'Oolong pot' }).textContent()).toContain('19.00')
  await e2e.shot(customer.page, '4d-found-by-customer-desktop')
  await customer.context.close()
})
