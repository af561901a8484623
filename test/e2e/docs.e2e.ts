import { expect, it } from 'vitest'
import { hasChromium, useBrowserApp } from './support/harness'

const e2e = useBrowserApp()
const test = hasChromium ? it : it.skip

test('/docs renders the API reference from our own origin, offline and under the CSP', async () => {
  const { context, page } = await e2e.newPage()
  const elsewhere: string[] = []
  // Offline: anything not from our server fails, as it would with no network.
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(e2e.baseUrl)) return route.continue()
    elsewhere.push(route.request().url())
    return route.abort()
  })
  const res = await page.goto(`${e2e.baseUrl}/docs`)
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'")
  await page.getByRole('heading', { name: /O2O local services API/ }).waitFor()
  await page.locator('.opblock-summary-path', { hasText: '/v1/search/nearby' }).first().waitFor()
  expect(await page.locator('.opblock').count()).toBeGreaterThan(15)
  expect(elsewhere).toEqual([])
  await e2e.shot(page, 'docs')
  await context.close()
})
