import { polygonToCells } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant } from '../../test/support/factories'
import { coverViewport } from './viewport-cover'
import { estimateCells } from './viewport-size'

const t = useTestApp()
// A deployment that serves large screens at every zoom raises the cap (and the cost per request).
const wide = useTestApp({ MAP_MAX_CELLS: '2000' })

/** Calls the map and returns the answer with how long the event loop was busy answering. */
async function timedMap(query: string) {
  const started = performance.now()
  const res = await t.call('GET', `/v1/search/map?${query}`)
  return { res, ms: performance.now() - started }
}

describe('bounded work per map request', () => {
  it('refuses a province-wide box at street zoom at once, naming bbox, zoom, the limit and a zoom that fits', async () => {
    const { res, ms } = await timedMap('bbox=118,28,122,32&zoom=15')
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.code).toBe('viewport_too_large')
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['bbox', 'zoom'])
    expect(res.body.detail).toContain('bbox 118,28,122,32 at zoom 15')
    expect(res.body.detail).toContain('the limit is 400')
    const fits = Number(/Use zoom (\d+) or lower/.exec(res.body.detail)?.[1])
    expect(fits).toBeLessThan(15)
    expect(ms).toBeLessThan(1000) // was ~15 s of blocked event loop
    // The zoom it suggests is accepted; one deeper is not.
    expect((await t.call('GET', `/v1/search/map?bbox=118,28,122,32&zoom=${fits}`)).status).toBe(200)
    expect((await t.call('GET', `/v1/search/map?bbox=118,28,122,32&zoom=${fits + 1}`)).status).toBe(422)
  })

  it.each([
    ['the whole globe at the deepest zoom', 'bbox=-180,-90,180,90&zoom=22'],
    ['a continent at city zoom', 'bbox=-10,35,30,60&zoom=12'],
    ['a box crossing the antimeridian at street zoom', 'bbox=170,-20,-170,0&zoom=16'],
  ])('refuses %s without running out of memory', async (_what, query) => {
    const { res, ms } = await timedMap(query)
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('viewport_too_large')
    expect(ms).toBeLessThan(1000)
  })

  it('still answers whole-world and country views at the zooms a screen shows them', async () => {
    await makeMerchant(t.db, { lat: 51.5, lng: -0.12 })
    await makeMerchant(t.db, { lat: -33.9, lng: 151.2 })
    for (const query of ['bbox=-180,-85,180,85&zoom=0', 'bbox=-180,-85,180,85&zoom=3', 'bbox=-10,35,30,60&zoom=6', 'bbox=170,-50,-170,0&zoom=5']) {
      const res = await t.call('GET', `/v1/search/map?${query}&limit=1`)
      expect(res.status, query).toBe(200)
    }
    const world = await t.call('GET', '/v1/search/map?bbox=-180,-85,180,85&zoom=2&limit=1')
    expect(world.body.total).toBe(2)
    expect(world.body.features.reduce((sum: number, f: { properties: { count: number } }) => sum + f.properties.count, 0)).toBe(2)
  })

  it('clusters a box one resolution coarser when it spans too many hexagons at its zoom, with exact counts', async () => {
    for (let i = 0; i < 6; i++) await makeMerchant(t.db, { lat: 45.01 + i * 0.015, lng: 7.01 + i * 0.02 })
    // ~12×12 km at zoom 15: ~1,900 resolution-9 hexagons, ~290 at resolution 8.
    const res = await t.call('GET', '/v1/search/map?bbox=7.0,45.0,7.15,45.11&zoom=15&limit=1')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ kind: 'clusters', resolution: 8, total: 6 })
    expect(res.body.features.reduce((sum: number, f: { properties: { count: number } }) => sum + f.properties.count, 0)).toBe(6)
    const small = await t.call('GET', '/v1/search/map?bbox=7.0,45.0,7.05,45.03&zoom=15&limit=1')
    expect(small.body).toMatchObject({ kind: 'clusters', resolution: 9 })
  })

  /** The bbox a `width`×`height` CSS-pixel map shows at the equator, where a Web Mercator viewport covers the most ground. */
  function screenBbox(width: number, height: number, zoom: number): string {
    const halfW = Math.min(180, (width * 360) / (256 * 2 ** zoom) / 2)
    const halfH = Math.min(85, (height * 360) / (256 * 2 ** zoom) / 2)
    return [-halfW, -halfH, halfW, halfH].map((n) => n.toFixed(6)).join(',')
  }

  it('accepts every viewport a 2560×1440 screen shows, at every zoom', async () => {
    for (let zoom = 0; zoom <= 22; zoom++) {
      const bbox = screenBbox(2560, 1440, zoom)
      const res = await t.call('GET', `/v1/search/map?bbox=${bbox}&zoom=${zoom}`)
      expect(res.status, `zoom ${zoom} bbox ${bbox}`).toBe(200)
    }
  })

  it('refuses a 3840×2160 CSS-pixel map at city zoom with a zoom that fits; MAP_MAX_CELLS can raise the cap', async () => {
    const bbox = screenBbox(3840, 2160, 13)
    const res = await t.call('GET', `/v1/search/map?bbox=${bbox}&zoom=13`)
    expect(res.status).toBe(422)
    expect(res.body.detail).toContain('Use zoom 12 or lower')
    expect((await wide.call('GET', `/v1/search/map?bbox=${bbox}&zoom=13`)).status).toBe(200)
  })

  it('estimates cell counts from the area within a factor of two of what H3 lists', () => {
    const boxes: Array<[number, number, number, number]> = [
      [120.1, 30.2, 120.25, 30.32],
      [18.33, -33.97, 18.6, -33.8],
      [0, 60, 1, 61],
      [-75, -5, -70, 0],
    ]
    for (const box of boxes) {
      for (const resolution of [5, 7, 9]) {
        const estimate = estimateCells([box], resolution)
        if (estimate > 20_000) continue // listing them is what the estimate exists to avoid
        const [w, s, e, n] = box
        const listed = polygonToCells([[[w, s], [e, s], [e, n], [w, n], [w, s]]], resolution, true).length
        if (listed < 50) continue
        expect(estimate / listed, `${box.join(',')} r${resolution}`).toBeGreaterThan(0.5)
        expect(estimate / listed, `${box.join(',')} r${resolution}`).toBeLessThan(2)
      }
    }
  })

  it('never lists the cells of a box too large to cover', () => {
    const started = performance.now()
    expect(coverViewport([100, 20, 140, 50], 9)).toBeNull()
    expect(performance.now() - started).toBeLessThan(50)
    expect(estimateCells([[100, 20, 140, 50]], 9)).toBeGreaterThan(2_000_000)
  })
})
