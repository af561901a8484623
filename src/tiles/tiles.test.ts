import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant } from '../../test/support/factories'

// A cap of 5 so a handful of storefronts overflow a tile.
const t = useTestApp({ TILE_MAX_FEATURES: '5' })

/** The Web Mercator tile holding a point at zoom `z`. */
function tileOf(lat: number, lng: number, z: number): [number, number, number] {
  const x = Math.floor(((lng + 180) / 360) * 2 ** z)
  const rad = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z)
  return [z, x, y]
}

async function tile(z: number, x: number, y: number) {
  const res = await t.app.request(`/v1/tiles/${z}/${x}/${y}.mvt`)
  expect(res.status).toBe(200)
  // Property strings are stored verbatim in the protobuf, so names can be found in the bytes.
  const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()))
  const names = [...text.matchAll(/Tile shop (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b)
  return { thinned: res.headers.get('x-tile-thinned'), names: [...new Set(names)] }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('vector tile feature cap (PostGIS server)', () => {
  it('keeps the highest rated storefronts past the cap, says it thinned, and keeps them when zooming in', async () => {
    // Nine shops around Reykjavik, rated 1.0 … 4.2 (shop 8 best); shop 0 has no reviews.
    for (let i = 0; i < 9; i++) {
      const rated = i === 0 ? {} : { rating_avg: 1 + i * 0.4, review_count: 10 }
      await makeMerchant(t.db, { lat: 64.14 + (i % 3) * 0.002, lng: -21.94 + Math.floor(i / 3) * 0.002, name: `Tile shop ${i}`, ...rated })
    }
    const [z, x, y] = tileOf(64.142, -21.938, 10)
    const crowded = await tile(z, x, y)
    expect(crowded.thinned).toBe('true')
    expect(crowded.names).toEqual([4, 5, 6, 7, 8])
    expect(await tile(z, x, y)).toEqual(crowded) // the same tile always holds the same shops

    // Every shop shown at zoom 10 is still shown in the deeper tile that holds it.
    for (const shop of crowded.names) {
      const lat = 64.14 + (shop % 3) * 0.002
      const lng = -21.94 + Math.floor(shop / 3) * 0.002
      const deeper = await tile(...tileOf(lat, lng, 16))
      expect(deeper.names).toContain(shop)
    }
  })

  it('says a tile under the cap was not thinned', async () => {
    await makeMerchant(t.db, { lat: -41.29, lng: 174.78, name: 'Tile shop 100' })
    const quiet = await tile(...tileOf(-41.29, 174.78, 12))
    expect(quiet).toEqual({ thinned: 'false', names: [100] })
  })
})
