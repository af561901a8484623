import { check } from '@placemarkio/check-geojson'
import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { h3Columns } from '../geo/h3'
import { useTestApp } from '../../test/support/app'
import { makeMerchant } from '../../test/support/factories'

const t = useTestApp()

type Feature = { geometry: { type: string; coordinates: number[] | number[][][] }; properties: Record<string, any> }

/** Twice the shoelace area; > 0 for a counter-clockwise ring. */
function twiceSignedArea(ring: number[][]): number {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) sum += (ring[i]![0]! * ring[i + 1]![1]!) - (ring[i + 1]![0]! * ring[i]![1]!)
  return sum
}

async function map(query: string) {
  const res = await t.call('GET', `/v1/search/map?${query}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/)
  check(res.text) // independent RFC 7946 validator; throws on invalid GeoJSON
  return res.body as { type: string; kind: string; total: number; features: Feature[] }
}

describe('GeoJSON output of nearby', () => {
  it('answers a valid FeatureCollection for Accept: application/geo+json or format=geojson', async () => {
    for (let i = 0; i < 3; i++) await makeMerchant(t.db, { lat: -8.65 + i * 0.001, lng: 115.21, name: `Bali ${i}` })
    const byAccept = await t.call('GET', '/v1/search/nearby?lat=-8.65&lng=115.21&limit=2', { headers: { Accept: 'application/geo+json' } })
    const byFormat = await t.call('GET', '/v1/search/nearby?lat=-8.65&lng=115.21&limit=2&format=geojson')
    for (const res of [byAccept, byFormat]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/)
      const fc = check(res.text) as unknown as { features: Feature[]; next_cursor: string }
      expect(fc.features).toHaveLength(2)
      expect(fc.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [115.21, -8.65] }, properties: { name: 'Bali 0', distance_m: 0 } })
      expect(fc.next_cursor).toEqual(expect.any(String))
    }
  })

  it('has its own path, /v1/search/nearby.geojson, that only answers GeoJSON and pages with next_cursor', async () => {
    for (let i = 0; i < 3; i++) await makeMerchant(t.db, { lat: 64.14 + i * 0.001, lng: -21.94, name: `Reykjavik ${i}` })
    const first = await t.call('GET', '/v1/search/nearby.geojson?lat=64.14&lng=-21.94&radius_m=1000&limit=2')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const fc = check(first.text) as unknown as { features: Feature[]; next_cursor: string }
    expect(fc.features.map((f) => f.properties.name)).toEqual(['Reykjavik 0', 'Reykjavik 1'])
    const second = await t.call('GET', `/v1/search/nearby.geojson?lat=64.14&lng=-21.94&radius_m=1000&limit=2&cursor=${encodeURIComponent(fc.next_cursor)}`)
    expect(second.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    expect(second.body.features.map((f: Feature) => f.properties.name)).toEqual(['Reykjavik 2'])
    expect(second.body.next_cursor).toBeNull()
    // The plain path stays JSON unless asked otherwise; format belongs to it alone.
    const plain = await t.call('GET', '/v1/search/nearby?lat=64.14&lng=-21.94&radius_m=1000&limit=2')
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/)
    expect(plain.body.data).toHaveLength(2)
    const format = await t.call('GET', '/v1/search/nearby.geojson?lat=64.14&lng=-21.94&format=json')
    expect(format.status).toBe(422)
    expect(format.body.errors.map((e: { path: string }) => e.path)).toEqual(['format'])
  })
})

describe('GET /v1/search/map', () => {
  // 40 shops spread over central Paris, plus some just outside the viewport and a draft inside.
  const bbox = '2.30,48.84,2.40,48.88'
  it('clusters a crowded viewport into H3 hexagons whose counts add up', async () => {
    for (let i = 0; i < 40; i++) {
      await makeMerchant(t.db, { lat: 48.841 + (i % 8) * 0.005, lng: 2.301 + Math.floor(i / 8) * 0.02, category: i % 4 === 0 ? 'bakery' : 'food' })
    }
    await makeMerchant(t.db, { lat: 48.839, lng: 2.35 }) // just south of the box
    await makeMerchant(t.db, { lat: 48.86, lng: 2.401 }) // just east
    await makeMerchant(t.db, { lat: 48.86, lng: 2.35, status: 'draft' })
    for (const zoom of [2, 9, 12, 14]) {
      const fc = await map(`bbox=${bbox}&zoom=${zoom}&limit=10`)
      expect(fc.kind).toBe('clusters')
      expect(fc.features.length).toBeGreaterThan(0)
      expect(fc.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(40)
      for (const f of fc.features) {
        expect(f.geometry.type).toBe('Polygon')
        expect(f.properties).toMatchObject({ kind: 'cluster', h3_cell: expect.any(String), centroid: [expect.any(Number), expect.any(Number)] })
        const ring = (f.geometry.coordinates as number[][][])[0]!
        expect(ring[0]).toEqual(ring.at(-1))
        expect(twiceSignedArea(ring)).toBeGreaterThan(0)
        const [cLng, cLat] = f.properties.centroid
        expect(cLng).toBeGreaterThanOrEqual(2.3)
        expect(cLat).toBeLessThanOrEqual(48.88)
      }
    }
    const bakeries = await map(`bbox=${bbox}&zoom=12&limit=5&category=bakery`)
    expect(bakeries.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(10)
  })

  it('switches to storefront points when few enough are in view', async () => {
    const all = await map(`bbox=${bbox}&zoom=13`)
    expect(all.kind).toBe('merchants')
    expect(all.features).toHaveLength(40)
    const zoomedIn = await map('bbox=2.30,48.84,2.31,48.86&zoom=16&limit=10')
    expect(zoomedIn.kind).toBe('merchants')
    expect(zoomedIn.features).toHaveLength(4) // lat 48.841, .846, .851, .856 at lng 2.301
    for (const f of zoomedIn.features) {
      expect(f.geometry.type).toBe('Point')
      expect(f.properties).toMatchObject({ kind: 'merchant', id: expect.any(String), name: expect.any(String), category: expect.any(String), rating: null })
    }
  })

  it('filters clusters and points exactly as the nearby list does: text, open now, deals', async () => {
    // 30 shops around Lisbon: a third are tea shops, half never open, two sell a deal.
    const box = '-9.20,38.70,-9.10,38.76'
    const shops: Array<{ id: string }> = []
    for (let i = 0; i < 30; i++) {
      shops.push(await makeMerchant(t.db, { lat: 38.705 + (i % 6) * 0.009, lng: -9.195 + Math.floor(i / 6) * 0.018, name: i % 3 === 0 ? `Lisbon Tea ${i}` : `Lisbon Cafe ${i}`, currency: 'EUR', ...(i % 2 ? { hours: [] } : {}) }))
    }
    await t.db.insertInto('offerings').values([0, 1].map((i) => ({ merchant_id: shops[i]!.id, name: 'Deal', kind: 'voucher', price_cents: 800, face_value_cents: 1000, currency: 'EUR' })) as never).execute()
    const sum = (fc: { features: Feature[] }) => fc.features.reduce((n, f) => n + (f.properties.kind === 'cluster' ? f.properties.count : 1), 0)
    expect(sum(await map(`bbox=${box}&zoom=12&limit=5`))).toBe(30)
    const tea = await map(`bbox=${box}&zoom=12&limit=5&q=tea`)
    expect(tea.kind).toBe('clusters')
    expect([tea.total, sum(tea)]).toEqual([10, 10])
    expect((await map(`bbox=${box}&zoom=12&limit=5&open_now=true`)).total).toBe(15)
    // q and open_now together: tea shops with an even index (0, 6, 12, 18, 24) are open.
    const openTea = await map(`bbox=${box}&zoom=12&limit=10&q=tea&open_now=true`)
    expect(openTea.kind).toBe('merchants')
    expect(openTea.features.map((f) => f.properties.name).sort()).toEqual(['Lisbon Tea 0', 'Lisbon Tea 12', 'Lisbon Tea 18', 'Lisbon Tea 24', 'Lisbon Tea 6'])
    const deals = await map(`bbox=${box}&zoom=12&has_deal=true`)
    expect(deals.features.map((f) => f.properties.id).sort()).toEqual([shops[0]!.id, shops[1]!.id].sort())
    expect((await map(`bbox=${box}&zoom=12&has_coupon=true`)).total).toBe(0)
    // Every overview pin says whether its shop has a deal or a coupon now (the grey pins mark them).
    const pins = await map(`bbox=${box}&zoom=12&limit=100`)
    const flagged = pins.features.filter((f) => f.properties.kind === 'merchant' && f.properties.has_deal).map((f) => f.properties.id)
    expect(flagged.sort()).toEqual([shops[0]!.id, shops[1]!.id].sort())
    expect(pins.features.every((f) => f.properties.kind === 'merchant' && f.properties.has_coupon === false)).toBe(true)
    await t.db.insertInto('coupons').values({ merchant_id: shops[2]!.id, title: 'Five off', kind: 'amount_off', amount_off_cents: 500, min_spend_cents: 0, currency: 'EUR', starts_at: new Date(Date.now() - 86_400_000), ends_at: new Date(Date.now() + 86_400_000), total_quantity: 10, per_user_limit: 1 } as never).execute()
    const withCoupon = await map(`bbox=${box}&zoom=12&limit=100`)
    expect(withCoupon.features.filter((f) => f.properties.kind === 'merchant' && f.properties.has_coupon).map((f) => f.properties.id)).toEqual([shops[2]!.id])
    // The list around the same centre finds the same tea shops.
    const list = await t.call('GET', '/v1/search/nearby?lat=38.73&lng=-9.15&radius_m=8000&q=tea&open_now=true')
    expect(list.body.data.map((l: { name: string }) => l.name).sort()).toEqual(openTea.features.map((f) => f.properties.name).sort())
  })

  it('covers a viewport that crosses the antimeridian', async () => {
    await makeMerchant(t.db, { lat: -17.7, lng: 179.9, name: 'Fiji east' })
    await makeMerchant(t.db, { lat: -17.7, lng: -179.9, name: 'Fiji west' })
    await makeMerchant(t.db, { lat: -17.7, lng: 178, name: 'Outside' })
    const fc = await map('bbox=179.5,-18,-179.5,-17&zoom=10')
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual(['Fiji east', 'Fiji west'])
  })

  // The cluster holding (lat, lng) at the answer's resolution; other tests' shops live in other cells.
  function clusterAt(fc: { resolution?: number; features: Feature[] }, lat: number, lng: number) {
    return fc.features.find((f) => f.properties.h3_cell === latLngToCell(lat, lng, fc.resolution!))!
  }

  it('puts the centroid of a cluster across the antimeridian at ±180 (on the sphere), rounded to 6 decimals', async () => {
    await makeMerchant(t.db, { lat: 65.5, lng: 179.98, name: 'Chukotka' })
    await makeMerchant(t.db, { lat: 65.5, lng: -179.98, name: 'Bering west' })
    // A box crossing the antimeridian (read row by row) and the whole globe (read from the counters, rolled up).
    for (const query of ['bbox=179,65,-179,66&zoom=6&limit=1', 'bbox=-180,-80,180,80&zoom=1&limit=1']) {
      const fc = (await map(query)) as Awaited<ReturnType<typeof map>> & { resolution: number }
      expect(fc.kind).toBe('clusters')
      const both = clusterAt(fc, 65.5, 179.98)
      expect(both.properties.count).toBe(2)
      const [lng, lat] = both.properties.centroid as [number, number]
      expect(Math.abs(lng)).toBeCloseTo(180, 5)
      expect(lat).toBeCloseTo(65.5, 2)
      for (const value of [lng, lat]) expect(String(value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(6)
    }
  })

  it('keeps cluster centroids exact as storefronts move and close (the counters track unit vectors)', async () => {
    const moving = await makeMerchant(t.db, { lat: -45, lng: 179.98, name: 'Mover' })
    const closing = await makeMerchant(t.db, { lat: -45, lng: 179.97, name: 'Closing' })
    await makeMerchant(t.db, { lat: -45, lng: -179.98, name: 'Stayer' })
    await t.db.updateTable('merchants').set({ status: 'draft' }).where('id', '=', closing.id).execute()
    await t.db.updateTable('merchants').set({ lng: -179.96, ...h3Columns(-45, -179.96) }).where('id', '=', moving.id).execute()
    const fc = (await map('bbox=-180,-80,180,80&zoom=1&limit=1')) as Awaited<ReturnType<typeof map>> & { resolution: number }
    const cluster = clusterAt(fc, -45, -179.97)
    expect(cluster.properties.count).toBe(2)
    const [lng, lat] = cluster.properties.centroid as [number, number]
    expect(lng).toBeCloseTo(-179.97, 4)
    expect(lat).toBeCloseTo(-45, 3)
  })
})

describe('GET /v1/tiles/{z}/{x}/{y}.mvt', () => {
  it('serves a vector tile on a Postgres server and 501 on the embedded database', async () => {
    await makeMerchant(t.db, { lat: 35.68, lng: 139.76, name: 'Tokyo' })
    const z = 12
    const x = Math.floor(((139.76 + 180) / 360) * 2 ** z)
    const rad = (35.68 * Math.PI) / 180
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z)
    const res = await t.app.request(`/v1/tiles/${z}/${x}/${y}.mvt`)
    if (t.deps.dbKind === 'postgres') {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/)
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect(bytes.length).toBeGreaterThan(0)
      expect(new TextDecoder().decode(bytes)).toContain('merchants') // the layer name
      expect(new TextDecoder().decode(bytes)).toContain('Tokyo')
    } else {
      expect(res.status).toBe(501)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({ status: 501, code: 'tiles_unavailable' })
    }
  })
})

describe('GET /v1/search/serving', () => {
  it('lists active storefronts whose service area covers the point', async () => {
    const here = { lat: 52.52, lng: 13.405 }
    // ~0.009° of latitude is ~1 km.
    const wide = await makeMerchant(t.db, { lat: 52.529, lng: 13.405, name: 'Wide area', service_radius_m: 1200 })
    await makeMerchant(t.db, { lat: 52.529, lng: 13.405, name: 'Small area', service_radius_m: 900 })
    await makeMerchant(t.db, { lat: 52.529, lng: 13.405, name: 'No area' })
    await makeMerchant(t.db, { lat: 52.529, lng: 13.405, name: 'Draft', service_radius_m: 5000, status: 'draft' })
    const far = await makeMerchant(t.db, { lat: 52.8, lng: 13.405, name: 'Far but huge', service_radius_m: 50000, category: 'grocery' })
    const res = await t.call('GET', `/v1/search/serving?lat=${here.lat}&lng=${here.lng}`)
    expect(res.status).toBe(200)
    expect(res.body.data.map((m: { id: string }) => m.id)).toEqual([wide.id, far.id])
    expect(res.body.data[0]).toMatchObject({ name: 'Wide area', service_radius_m: 1200, location: { lat: 52.529, lng: 13.405 } })
    expect(Math.abs(res.body.data[0].distance_m - 1002)).toBeLessThanOrEqual(2)
    const grocery = await t.call('GET', `/v1/search/serving?lat=${here.lat}&lng=${here.lng}&category=grocery`)
    expect(grocery.body.data.map((m: { id: string }) => m.id)).toEqual([far.id])
  })
})
