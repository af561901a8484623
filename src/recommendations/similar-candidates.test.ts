import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { freshArea } from '../../test/support/recommendations'
import { cellsAcross, h3Columns } from '../geo/h3'
import { findCandidates } from './candidates.repository'

describe('the similar candidates', () => {
  const t = useTestApp()

  it('are every similar active storefront within the radius, in cells across the edge too, and none beyond it', async () => {
    const at = freshArea()
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const north = (meters: number) => ({ lat: at.lat + meters / 111_320, lng: at.lng })
    const source = await makeMerchant(t.db, { owner_id: owner.id, ...north(20_000) })
    // Similar storefronts at 0.5 km, 2.95 km (a cell across the circle's edge), 3.05 km and 20 km; one nearby taken offline.
    const near = await makeMerchant(t.db, { owner_id: owner.id, ...north(500) })
    const edge = await makeMerchant(t.db, { owner_id: owner.id, ...north(2950) })
    const beyond = await makeMerchant(t.db, { owner_id: owner.id, ...north(3050) })
    const far = await makeMerchant(t.db, { owner_id: owner.id, ...north(19_000) })
    const offline = await makeMerchant(t.db, { owner_id: owner.id, ...north(700) })
    await sql`UPDATE merchants SET status = 'draft' WHERE id = ${offline.id}`.execute(t.db)
    const { inside, edge: edgeCells } = cellsAcross(at.lat, at.lng, 3000, 7)
    const edgeCell = h3Columns(north(2950).lat, north(2950).lng).h3_r7
    expect(edgeCells).toContain(edgeCell)
    expect(inside).not.toContain(edgeCell)
    const scores = [[near, 0.5], [edge, 0.9], [beyond, 0.8], [far, 0.7], [offline, 0.6]] as const
    await sql`
      INSERT INTO storefront_similarity (merchant_id, similar_id, score, co_visitors, similar_h3_r7)
      SELECT ${source.id}::uuid, m.id, x.score, 3, m.h3_r7
      FROM jsonb_to_recordset(${JSON.stringify(scores.map(([m, score]) => ({ id: m.id, score })))}::jsonb) AS x(id uuid, score real)
      JOIN merchants m ON m.id = x.id`.execute(t.db)

    const found = await findCandidates(t.db, {
      ...at, radiusMeters: 3000, at: new Date(), sources: [{ id: source.id, weight: 2 }], interests: [], excluded: [], nearest: 1,
    })
    const similar = found.filter((c) => c.similarity > 0)
    expect(new Set(similar.map((c) => c.id))).toEqual(new Set([near.id, edge.id]))
    expect(similar.find((c) => c.id === edge.id)).toMatchObject({ similarity: expect.closeTo(1.8, 5), similarity_source: source.id })
    expect(found.map((c) => c.id)).not.toContain(beyond.id)
  })
})
