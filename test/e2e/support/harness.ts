import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { buildWeb } from '../../../src/web/build.mjs'
import { createTestContext, type TestContext } from '../../support/app'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Whether a Chromium is installed; browser suites skip (with a message) when it is not. */
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`[e2e] skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`)

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url))
// A port nothing listens on: tiles fail fast and the page must say the base map is unavailable.
const OFFLINE_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png'

export interface E2E {
  t: TestContext
  baseUrl: string
  browser: Browser
  /** A fresh browser profile (own storage) at the given viewport width. */
  newPage(options?: { width?: number; height?: number; geolocation?: { latitude: number; longitude: number }; timezoneId?: string }): Promise<{ context: BrowserContext; page: Page }>
  /** Content-Security-Policy violations seen in any page since the last test; each test must end with none. */
  cspViolations: string[]
  /** Saves a screenshot to test/artifacts/<name>.png (the whole page on a desktop, the screen on a phone). */
  shot(page: Page, name: string): Promise<void>
}

/**
 * Builds the web app, starts the real server in-process on a random port over a fresh test
 * database, and launches headless Chromium. `seed` runs against the database before the pages;
 * `env` adds configuration (e.g. Stripe keys).
 */
export function useBrowserApp(seed?: (t: TestContext) => Promise<void>, env: Record<string, string> = {}): E2E {
  const e2e = {} as E2E
  let server: ReturnType<typeof serve> | undefined
  beforeAll(async () => {
    await buildWeb({ quiet: true })
    await mkdir(ARTIFACTS, { recursive: true })
    const t = await createTestContext({ MAP_TILE_URL: OFFLINE_TILES, ...env })
    if (seed) await seed(t)
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
    })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    })
    Object.assign(e2e, {
      t,
      cspViolations: [],
      baseUrl: `http://127.0.0.1:${port}`,
      browser,
      async newPage({ width = 1280, height = 800, geolocation, timezoneId = 'Asia/Shanghai' }: { width?: number; height?: number; geolocation?: { latitude: number; longitude: number }; timezoneId?: string } = {}) {
        const context = await browser.newContext({
          viewport: { width, height },
          locale: 'en-US',
          timezoneId,
          ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
        })
        // Every blocked load or inline script under our CSP surfaces as an event the page reports.
        await context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            console.error(`[csp] ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`)
          })
        })
        const page = await context.newPage()
        page.on('pageerror', (err) => console.error(`[page error] ${err.message}`))
        page.on('console', (msg) => {
          const text = msg.text()
          if (text.startsWith('[csp]') || /Content Security Policy/i.test(text)) e2e.cspViolations.push(text)
        })
        return { context, page }
      },
      async shot(page: Page, name: string) {
        // Phones: what is on screen; desktops: the whole page.
        await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: (page.viewportSize()?.width ?? 0) > 500 })
      },
    })
  })
  afterEach(() => {
    const seen = e2e.cspViolations?.splice(0) ?? []
    expect(seen, 'Content-Security-Policy violations').toEqual([])
  })
  afterAll(async () => {
    await e2e.browser?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    await e2e.t?.handle.close()
  })
  return e2e
}
