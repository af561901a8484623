import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { buildWeb } from './build.mjs'

describe('web app serving', () => {
  const t = useTestApp({ MAP_TILE_URL: 'http://tiles.example.test/{z}/{x}/{y}.png', STRIPE_PUBLISHABLE_KEY: 'pk_test_123' })
  beforeAll(async () => {
    await buildWeb({ quiet: true })
  })

  it('serves both pages as HTML that browsers revalidate, pointing at hashed assets', async () => {
    for (const path of ['/', '/merchant']) {
      const res = await t.call('GET', path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.text).toMatch(/<script type="module" src="\/assets\/[\w-]+-[A-Z0-9]{8}\.js">/)
    }
  })

  it('serves hashed assets as immutable with the right content type', async () => {
    const html = (await t.call('GET', '/')).text
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1] as string
    const script = await t.call('GET', js)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const style = await t.call('GET', css)
    expect(style.headers.get('content-type')).toMatch(/^text\/css/)
    expect(style.text).toContain('.leaflet-container')
  })

  it('compresses pages and scripts for browsers that accept gzip', async () => {
    const html = (await t.call('GET', '/')).text
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string
    const res = await t.app.request(js, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('answers unknown or path-traversing asset names with a 404 problem', async () => {
    for (const path of ['/assets/nope-12345678.js', '/assets/..%2Fpages%2Findex.html', '/assets/index.html']) {
      const res = await t.call('GET', path)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('tells the page its tile server, Stripe key and demo cities', async () => {
    const res = await t.call('GET', '/app-config.json')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      mapTileUrl: 'http://tiles.example.test/{z}/{x}/{y}.png',
      stripePublishableKey: 'pk_test_123',
      cities: [
        { name: 'Hangzhou', lat: 30.2741, lng: 120.1551 },
        { name: 'Shanghai', lat: 31.2304, lng: 121.4737 },
        { name: 'New York', lat: 40.758, lng: -73.9855 },
        { name: 'London', lat: 51.5074, lng: -0.1278 },
      ],
    })
  })

  it('leaves the API, health check and docs where they were', async () => {
    expect((await t.call('GET', '/health')).body.status).toBe('ok')
    expect((await t.call('GET', '/openapi.json')).body.openapi).toBe('3.1.0')
    expect((await t.call('GET', '/v1/me')).status).toBe(401)
    expect((await t.call('GET', '/v1/nothing-here')).status).toBe(404)
  })
})
