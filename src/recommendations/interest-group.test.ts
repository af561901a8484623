import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { freshArea } from '../../test/support/recommendations'
import { cellsAcross } from '../geo/h3'

describe('an interest group near a point', () => {
  const t = useTestApp()

  it('pages storefronts of many cells by fans, then distance, then id, exactly as ranking every row in the radius would', async () => {
    const at = freshArea()
    const owner = await makeUser(t.deps, { role: 'merchant' })
    // 24 storefronts on a spiral out to 4.6 km (several resolution-7 cells, some outside 3 km), fans 1–4 with many ties.
    const ids: string[] = []
    for (let i = 0; i < 24; i++) {
      const meters = 200 * (i + 1)
      const bearing = i * 2.4
      const m = await makeMerchant(t.db, {
        owner_id: owner.id,
        lat: at.lat + (meters * Math.cos(bearing)) / 111_320,
        lng: at.lng + (meters * Math.sin(bearing)) / (111_320 * Math.cos((at.lat * Math.PI) / 180)),
      })
      ids.push(m.id)
    }
    await sql`
      INSERT INTO interest_group_fans (tag, merchant_id, fans, h3_r7, location, computed_at)
      SELECT 'quiet', m.id, 1 + (k % 4), m.h3_r7, m.location, now() FROM unnest(${`{${ids.join(',')}}`}::uuid[]) WITH ORDINALITY AS x(id, k)
      JOIN merchants m ON m.id = x.id`.execute(t.db)
    const cells = await sql<{ n: number }>`SELECT count(DISTINCT h3_r7)::int AS n FROM merchants WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`.execute(t.db)
    expect(cells.rows[0]?.n).toBeGreaterThan(3)
    // Both kinds of cell take part: wholly inside the circle (no distance test) and across its edge.
    const across = cellsAcross(at.lat, at.lng, 3000, 7)
    expect(across.inside.length).toBeGreaterThan(0)
    expect(across.edge.length).toBeGreaterThan(across.inside.length)

    // The definition: every row within the radius, ordered by fans, distance (mm), id.
    const point = sql`ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326)::geography`
    const expected = await sql<{ id: string }>`
      SELECT m.id FROM interest_group_fans g JOIN merchants m ON m.id = g.merchant_id
      WHERE g.tag = 'quiet' AND ST_DWithin(m.location, ${point}, 3000)
      ORDER BY g.fans DESC, round(ST_Distance(m.location, ${point}) * 1000), m.id`.execute(t.db)
    expect(expected.rows.length).toBeGreaterThan(10)
    expect(expected.rows.length).toBeLessThan(24)

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await t.call('GET', `/v1/interests/quiet/storefronts?lat=${at.lat}&lng=${at.lng}&radius_m=3000&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.data.map((s: { id: string }) => s.id))
      cursor = res.body.next_cursor
    } while (cursor)
    expect(seen).toEqual(expected.rows.map((r) => r.id))

    // Storefronts of the first page taken offline since the refresh: the page is still full and exact
    // (each cell's rows are looked up as it is walked, so the next ones take their places).
    const offline = [expected.rows[1]?.id, expected.rows[2]?.id] as string[]
    await sql`UPDATE merchants SET status = 'draft' WHERE id = ANY(${`{${offline.join(',')}}`}::uuid[])`.execute(t.db)
    const page = await t.call('GET', `/v1/interests/quiet/storefronts?lat=${at.lat}&lng=${at.lng}&radius_m=3000&limit=4`)
    expect(page.status).toBe(200)
    expect(page.body.data.map((s: { id: string }) => s.id)).toEqual(expected.rows.map((r) => r.id).filter((id) => !offline.includes(id)).slice(0, 4))
  })
})
