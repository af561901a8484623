import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { ALWAYS_OPEN, makeMerchant, makeUser, type TestUser } from '../../test/support/factories'
import { h3Columns } from '../geo/h3'
import { clusterResolution } from '../geo/h3-clusters'
import { coverViewport } from './viewport-cover'

const t = useTestApp()

let owner: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
})

/** Sum of cluster counts (or points) the map shows for a viewport; limit=1 forces clusters. */
async function shown(bbox: string, zoom: number, category?: string): Promise<number> {
  const res = await t.call('GET', `/v1/search/map?bbox=${bbox}&zoom=${zoom}&limit=1${category ? `&category=${category}` : ''}`)
  expect(res.status).toBe(200)
  const fc = res.body as { kind: string; total: number; features: Array<{ properties: { count?: number } }> }
  const sum = fc.kind === 'clusters' ? fc.features.reduce((s, f) => s + (f.properties.count ?? 0), 0) : fc.features.length
  expect(sum).toBe(fc.total)
  return sum
}

/** Counter rows that differ from a recount of the merchants table (none when the triggers are right). */
async function driftedCounters(): Promise<unknown[]> {
  const { rows } = await sql`
    WITH recount AS (
      SELECT r.resolution, r.cell, m.category, count(*)::int AS count
      FROM merchants m CROSS JOIN LATERAL (VALUES (9, m.h3_r9), (8, m.h3_r8), (7, m.h3_r7), (6, m.h3_r6),
        (5, m.h3_r5), (4, m.h3_r4), (3, m.h3_r3)) AS r(resolution, cell)
      WHERE m.status = 'active' GROUP BY 1, 2, 3
      UNION ALL
      SELECT r.resolution, r.cell, '' AS category, count(*)::int
      FROM merchants m CROSS JOIN LATERAL (VALUES (9, m.h3_r9), (8, m.h3_r8), (7, m.h3_r7), (6, m.h3_r6),
        (5, m.h3_r5), (4, m.h3_r4), (3, m.h3_r3)) AS r(resolution, cell)
      WHERE m.status = 'active' GROUP BY 1, 2),
    stored AS (SELECT resolution::int, cell, category, count FROM merchant_cell_counts WHERE count > 0)
    (SELECT 'missing' AS problem, * FROM recount EXCEPT SELECT 'missing', * FROM stored)
    UNION ALL (SELECT 'extra', * FROM stored EXCEPT SELECT 'extra', * FROM recount)`.execute(t.db)
  return rows
}

describe('trigger-maintained cell counts behind map clusters', () => {
  // A quiet corner of Lisbon that no other test in this file uses.
  const bbox = '-9.20,38.70,-9.10,38.74'

  it('follow inserts, moves, category and status changes, and deletes', async () => {
    const shops = []
    for (let i = 0; i < 6; i++) shops.push(await makeMerchant(t.db, { owner_id: owner.id, lat: 38.705 + i * 0.005, lng: -9.19 + i * 0.01, category: 'bakery' }))
    expect(await shown(bbox, 12)).toBe(6)
    expect(await driftedCounters()).toEqual([])

    // Moved out of view through the API, then back in.
    const [a, b, c, d] = shops as [(typeof shops)[0], (typeof shops)[0], (typeof shops)[0], (typeof shops)[0]]
    const away = await t.call('PATCH', `/v1/merchants/${a.id}`, { token: owner.token, body: { location: { lat: 38.8, lng: -9.3 } } })
    expect(away.status).toBe(200)
    expect(await shown(bbox, 12)).toBe(5)
    await t.call('PATCH', `/v1/merchants/${a.id}`, { token: owner.token, body: { location: { lat: 38.731, lng: -9.111 } } })
    expect(await shown(bbox, 12)).toBe(6)

    // Category change moves the storefront between filtered counts.
    await t.call('PATCH', `/v1/merchants/${b.id}`, { token: owner.token, body: { category: 'florist' } })
    expect(await shown(bbox, 12, 'bakery')).toBe(5)
    expect(await shown(bbox, 12, 'florist')).toBe(1)

    // Unpublished and deleted storefronts leave the map; a draft going live joins it.
    await t.db.updateTable('merchants').set({ status: 'draft' }).where('id', '=', c.id).execute()
    await t.db.deleteFrom('merchants').where('id', '=', d.id).execute()
    expect(await shown(bbox, 12)).toBe(4)
    await t.db.updateTable('merchants').set({ status: 'active' }).where('id', '=', c.id).execute()
    expect(await shown(bbox, 12)).toBe(5)
    // Edits that do not touch place, category or status change no counter.
    await t.db.updateTable('merchants').set({ name: 'Renamed' }).where('id', '=', c.id).execute()
    expect(await driftedCounters()).toEqual([])
  })

  it('stay exact when two writers swap storefronts between the same cells at once', async () => {
    const x = { lat: 38.72, lng: -9.15 }
    const y = { lat: 38.73, lng: -9.13 }
    const first = await makeMerchant(t.db, { owner_id: owner.id, ...x, category: 'pet' })
    const second = await makeMerchant(t.db, { owner_id: owner.id, ...y, category: 'pet' })
    const move = (id: string, to: { lat: number; lng: number }) =>
      t.db.transaction().execute((trx) => trx.updateTable('merchants').set({ ...to, ...h3Columns(to.lat, to.lng) }).where('id', '=', id).execute())
    for (let round = 0; round < 5; round++) {
      const [toFirst, toSecond] = round % 2 === 0 ? [y, x] : [x, y]
      await Promise.all([move(first.id, toFirst), move(second.id, toSecond)])
    }
    expect(await shown(bbox, 12, 'pet')).toBe(2)
    expect(await driftedCounters()).toEqual([])
  })
})

describe('cluster counts from counters plus border cells', () => {
  it('add up to the active storefronts inside every viewport, at every zoom', async () => {
    let seed = 42
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    // One multi-row insert: the statement trigger counts all of them at once.
    const rows = Array.from({ length: 400 }, (_, i) => {
      const lat = -33.95 + rand() * 0.3
      const lng = 18.35 + rand() * 0.4
      return {
        owner_id: owner.id, name: `Cape ${i}`, category: i % 5 === 0 ? 'pet' : 'food', tags: [], lat, lng, ...h3Columns(lat, lng),
        timezone: 'Africa/Johannesburg', hours: JSON.stringify(ALWAYS_OPEN), status: i % 9 === 0 ? ('draft' as const) : ('active' as const),
      }
    })
    await t.db.insertInto('merchants').values(rows).execute()
    let usedCounters = 0
    for (let v = 0; v < 16; v++) {
      const zoom = 9 + (v % 6)
      const width = 0.02 + rand() * 0.3
      const height = 0.02 + rand() * 0.2
      const minLng = 18.33 + rand() * 0.3
      const minLat = -33.97 + rand() * 0.2
      const box = [minLng, minLat, minLng + width, minLat + height].map((n) => Number(n.toFixed(5))) as [number, number, number, number]
      const category = v % 4 === 3 ? 'pet' : undefined
      const expected = rows.filter(
        (r) => r.status === 'active' && (!category || r.category === category) && r.lng >= box[0] && r.lng <= box[2] && r.lat >= box[1] && r.lat <= box[3],
      ).length
      expect(await shown(box.join(','), zoom, category), `viewport ${box.join(',')} at zoom ${zoom}`).toBe(expected)
      const cover = coverViewport(box, Math.max(3, clusterResolution(zoom)))
      if (cover && cover.inside.length > 0 && cover.edge.length > 0) usedCounters++
    }
    // The viewports really mix whole cells read from counters with border cells counted row by row.
    expect(usedCounters).toBeGreaterThan(8)
  })
})
