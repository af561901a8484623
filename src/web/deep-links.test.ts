import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { buildWeb } from './build.mjs'

describe('deep links and the favicon', () => {
  const t = useTestApp()
  beforeAll(async () => {
    await buildWeb({ quiet: true })
  })

  it('answers every view URL with the app shell, so a shared link opens cold', async () => {
    const home = (await t.call('GET', '/')).text
    for (const path of ['/shops/3f0c8a9e-1111-4222-8333-944455556666', '/orders/3f0c8a9e-1111-4222-8333-944455556666', `/split/${'Ab_-9'.repeat(8)}abc`]) {
      const res = await t.call('GET', path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.text).toBe(home)
    }
    const merchant = await t.call('GET', '/merchant/day')
    expect(merchant.status).toBe(200)
    expect(merchant.text).toBe((await t.call('GET', '/merchant')).text)
  })

  it('serves the favicon as SVG, linked from both pages', async () => {
    const icon = await t.call('GET', '/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(icon.text).toMatch(/^<svg /)
    expect((await t.call('GET', '/')).text).toContain('<link rel="icon" href="/favicon.svg"')
  })
})
