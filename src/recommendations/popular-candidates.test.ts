import { sql } from 'kysely'
import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { freshArea } from '../../test/support/recommendations'
import type { Executor } from '../db/database'
import { findCandidates, POPULAR_CANDIDATES, popularNear } from './candidates.repository'

/** The point `meters` from `at` towards `bearing` (radians from north), on a flat local approximation. */
function pointFrom(at: { lat: number; lng: number }, meters: number, bearing: number) {
  return {
    lat: at.lat + (meters * Math.cos(bearing)) / 111_320,
    lng: at.lng + (meters * Math.sin(bearing)) / (111_320 * Math.cos((at.lat * Math.PI) / 180)),
  }
}

/** Distances from 2.85 to 3.15 km: two within a 3 km radius, five beyond it. */
const EDGE_DISTANCES = [2850, 2900, 3050, 3075, 3100, 3125, 3150]

/** A bearing from `at` along which every EDGE_DISTANCES point lies in one resolution-7 cell, across the circle's edge. */
function edgeBearing(at: { lat: number; lng: number }): number {
  let bearing = 0
  while (new Set(EDGE_DISTANCES.map((d) => { const p = pointFrom(at, d, bearing); return latLngToCell(p.lat, p.lng, 7) })).size > 1) bearing += 0.01
  return bearing
}

/** Stores `visits` as storefront_popularity rows at each storefront's cell and place (as the refresh would). */
async function countVisitors(db: Executor, visits: ReadonlyArray<{ id: string; visitors: number }>): Promise<void> {
  await sql`
    INSERT INTO storefront_popularity (merchant_id, visitors, h3_r7, location, computed_at)
    SELECT m.id, x.visitors, m.h3_r7, m.location, now()
    FROM jsonb_to_recordset(${JSON.stringify(visits)}::jsonb) AS x(id uuid, visitors int) JOIN merchants m ON m.id = x.id`.execute(db)
}

describe('the most visited candidates', () => {
  const t = useTestApp()

  it('are exactly the most visited active storefronts within the radius, whichever cells they lie in', async () => {
    const at = freshArea()
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const place = (meters: number, bearing: number) => pointFrom(at, meters, bearing)
    // 110 storefronts from 0.1 to 2.9 km (visitors 1–110, the most visited furthest out, in edge cells),
    // one busier beyond the radius, one busier taken offline.
    const inRadius: Array<{ id: string; visitors: number }> = []
    for (let i = 0; i < 110; i++) {
      const m = await makeMerchant(t.db, { owner_id: owner.id, ...place(100 + i * 25, i * 2.4) })
      inRadius.push({ id: m.id, visitors: i + 1 })
    }
    const outside = await makeMerchant(t.db, { owner_id: owner.id, ...place(3400, 1) })
    const offline = await makeMerchant(t.db, { owner_id: owner.id, ...place(500, 2) })
    await sql`UPDATE merchants SET status = 'draft' WHERE id = ${offline.id}`.execute(t.db)
    const rows = [...inRadius, { id: outside.id, visitors: 1000 }, { id: offline.id, visitors: 999 }]
    await countVisitors(t.db, rows)

    const found = await findCandidates(t.db, { ...at, radiusMeters: 3000, at: new Date(), sources: [], interests: [], excluded: [], nearest: 1 })
    const nearest = inRadius[0]?.id as string
    const mostVisited = [...inRadius].sort((a, b) => b.visitors - a.visitors).slice(0, POPULAR_CANDIDATES).map((r) => r.id)
    const got = new Set(found.map((c) => c.id))
    expect(got).toEqual(new Set([nearest, ...mostVisited]))
    expect(found.find((c) => c.id === mostVisited[0])?.visitors).toBe(110)
  })

  it('stay exact when a cell across the edge keeps its most visited storefronts just outside the radius', async () => {
    const at = freshArea()
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const place = (meters: number, bearing: number) => pointFrom(at, meters, bearing)
    const bearing = edgeBearing(at)
    const visits: Array<{ id: string; visitors: number }> = []
    const store = async (meters: number, b: number, visitors: number) => {
      const m = await makeMerchant(t.db, { owner_id: owner.id, ...place(meters, b) })
      visits.push({ id: m.id, visitors })
      return m.id
    }
    const edge = [await store(2850, bearing, 50), await store(2900, bearing, 49)]
    for (const [i, d] of EDGE_DISTANCES.slice(2).entries()) await store(d, bearing, 100 - i)
    const central: string[] = []
    for (let i = 0; i < 6; i++) central.push(await store(150 + 20 * i, bearing + Math.PI, 15 - i))
    await countVisitors(t.db, visits)
    // Five asked: the edge cell's five first rows are all outside, so its two within the radius are unread at first.
    expect(await popularNear(t.db, { ...at, radiusMeters: 3000 }, 5)).toEqual([...edge, ...central.slice(0, 3)])
    // Enough asked that every cell is read whole: the same order, every storefront within the radius.
    expect(await popularNear(t.db, { ...at, radiusMeters: 3000 }, 20)).toEqual([...edge, ...central])
  })

  it('walk a full cell across the edge when too few within the radius were read to compare with', async () => {
    const at = freshArea()
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const bearing = edgeBearing(at)
    const visits: Array<{ id: string; visitors: number }> = []
    for (const [i, d] of EDGE_DISTANCES.entries()) {
      const m = await makeMerchant(t.db, { owner_id: owner.id, ...pointFrom(at, d, bearing) })
      visits.push({ id: m.id, visitors: d < 3000 ? 50 - i : 100 - i })
    }
    await countVisitors(t.db, visits)
    // Five asked: the cell's five first rows all lie outside, so nothing within the radius was read; the walk finds the two.
    expect(await popularNear(t.db, { ...at, radiusMeters: 3000 }, 5)).toEqual([visits[0]?.id, visits[1]?.id])
  })
})
