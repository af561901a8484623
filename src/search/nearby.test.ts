import { Geodesic } from 'geographiclib-geodesic'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant } from '../../test/support/factories'

const t = useTestApp()
const wgs84 = Geodesic.WGS84

function nearby(params: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
  return t.call('GET', `/v1/search/nearby?${qs}`)
}

/** Follows next_cursor to the end; returns every listing in order and how many pages it took. */
async function walk(params: Record<string, string | number>) {
  const seen: Array<{ id: string; distance_m: number }> = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await nearby(cursor ? { ...params, cursor } : params)
    expect(res.status).toBe(200)
    seen.push(...res.body.data)
    cursor = res.body.next_cursor
    pages++
    expect(pages).toBeLessThan(100)
  } while (cursor)
  return { seen, pages }
}

describe('GET /v1/search/nearby: radius', () => {
  it.each([0, 45, 60, -33.9])('is a hard geodesic radius at latitude %s, with distances matching geographiclib', async (lat) => {
    const lng = 10 + lat // a separate neighbourhood per latitude
    const radius = 1000
    const inside = new Map<string, number>()
    const outside: string[] = []
    for (const azimuth of [0, 45, 90, 135, 200, 300]) {
      const near = wgs84.Direct(lat, lng, azimuth, radius - 1)
      const far = wgs84.Direct(lat, lng, azimuth, radius + 1)
      const a = await makeMerchant(t.db, { lat: near.lat2 as number, lng: near.lon2 as number, name: `in ${azimuth}` })
      const b = await makeMerchant(t.db, { lat: far.lat2 as number, lng: far.lon2 as number, name: `out ${azimuth}` })
      inside.set(a.id, wgs84.Inverse(lat, lng, a.lat, a.lng).s12 as number)
      outside.push(b.id)
    }
    const { seen } = await walk({ lat, lng, radius_m: radius, limit: 50 })
    expect(seen.map((l) => l.id).sort()).toEqual([...inside.keys()].sort())
    for (const listing of seen) {
      expect(listing.distance_m).toBeLessThanOrEqual(radius)
      expect(Math.abs(listing.distance_m - (inside.get(listing.id) ?? Number.NaN))).toBeLessThanOrEqual(1)
    }
    // The next metre out brings in exactly the outer ring.
    const wider = await walk({ lat, lng, radius_m: radius + 2, limit: 50 })
    expect(wider.seen.map((l) => l.id).sort()).toEqual([...inside.keys(), ...outside].sort())
  })

  it('lists only active storefronts and returns the documented fields', async () => {
    const active = await makeMerchant(t.db, { lat: 5, lng: 5, name: 'Open shop', tags: ['wifi'], category: 'bakery' })
    await makeMerchant(t.db, { lat: 5, lng: 5.0001, status: 'draft' })
    const res = await nearby({ lat: 5, lng: 5, radius_m: 100 })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      data: [
        {
          id: active.id,
          name: 'Open shop',
          category: 'bakery',
          tags: ['wifi'],
          location: { lat: 5, lng: 5 },
          distance_m: 0,
          rating: null,
          review_count: 0,
          open_now: true,
          h3_cell: active.h3_r9,
          cover_url: null,
          deal: null,
        },
      ],
      next_cursor: null,
    })
  })
})

describe('GET /v1/search/nearby: paging', () => {
  // A symmetric grid around the equator with stacked duplicates: many exactly equal distances,
  // ratings and relevance scores.
  const center = { lat: 0, lng: -40 }
  const ids: string[] = []
  it('walks every match exactly once, whatever the page size and sort', async () => {
    for (const [dLat, dLng] of [[0, 0], [0.001, 0], [-0.001, 0], [0, 0.001], [0, -0.001], [0.001, 0.001], [-0.001, -0.001]]) {
      for (let i = 0; i < 4; i++) {
        const rated = i % 2 === 0 ? { rating_avg: 4.5, review_count: 20 } : {}
        const m = await makeMerchant(t.db, { lat: center.lat + (dLat ?? 0), lng: center.lng + (dLng ?? 0), name: 'Grid coffee', ...rated })
        ids.push(m.id)
      }
    }
    for (const sort of ['distance', 'rating', 'relevance']) {
      for (const limit of [3, 5, 7]) {
        const { seen, pages } = await walk({ ...center, radius_m: 500, limit, sort, q: 'coffee' })
        expect(seen.map((l) => l.id).sort()).toEqual([...ids].sort())
        expect(new Set(seen.map((l) => l.id)).size).toBe(ids.length)
        expect(pages).toBe(Math.ceil(ids.length / limit))
        if (sort === 'distance') {
          const distances = seen.map((l) => l.distance_m)
          expect(distances).toEqual([...distances].sort((a, b) => a - b))
        }
      }
    }
  })

  it('keeps exact order past a stack of shops too large for the nearest-first index walk', async () => {
    const spot = { lat: 10, lng: -40 }
    const first = await makeMerchant(t.db, { lat: 10.001, lng: -40 })
    const stack = [first.id]
    for (let i = 0; i < 244; i++) stack.push((await makeMerchant(t.db, { lat: 10.001, lng: -40, owner_id: first.owner_id })).id)
    const nearest = await makeMerchant(t.db, { lat: 10.0005, lng: -40, owner_id: first.owner_id })
    const expected = [nearest.id, ...stack.sort()].slice(0, 4)
    const seen: string[] = []
    let cursor: string | null = null
    for (let i = 0; i < 4; i++) {
      const res = await nearby({ ...spot, radius_m: 200, limit: 1, ...(cursor ? { cursor } : {}) })
      expect(res.status).toBe(200)
      seen.push(res.body.data[0].id)
      cursor = res.body.next_cursor
    }
    expect(seen).toEqual(expected)
  })

  it('refuses a cursor from another search, or one that was altered, naming the cursor', async () => {
    const first = await nearby({ ...center, radius_m: 500, limit: 3 })
    const cursor: string = first.body.next_cursor
    expect(cursor).toEqual(expect.any(String))
    expect((await nearby({ ...center, radius_m: 500, limit: 5, cursor })).status).toBe(200)
    const otherSearch = await nearby({ ...center, radius_m: 600, limit: 3, cursor })
    expect(otherSearch.status).toBe(422)
    expect(otherSearch.headers.get('content-type')).toBe('application/problem+json')
    expect(otherSearch.body).toMatchObject({ code: 'invalid_cursor', errors: [{ path: 'cursor' }] })
    const flipped = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`
    for (const bad of [flipped, 'garbage', `${cursor}.x`]) {
      const res = await nearby({ ...center, radius_m: 500, limit: 3, cursor: bad })
      expect(res.status).toBe(422)
      expect(res.body).toMatchObject({ code: 'invalid_cursor', errors: [{ path: 'cursor' }] })
    }
  })
})
