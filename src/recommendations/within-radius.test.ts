import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { Random } from '../../seed/random'
import { withinRadius } from './candidates.repository'

describe('withinRadius', () => {
  const t = useTestApp()

  it('answers as ST_DWithin on the spheroid, for points either side of the radius at every latitude', async () => {
    const rng = new Random(20261205)
    const cases = Array.from({ length: 60 }, () => ({
      lat: -80 + 160 * rng.next(), lng: -180 + 360 * rng.next(), radius: Math.round(10 + 50_000 * rng.next() ** 2),
    }))
    let checked = 0
    for (const c of cases) {
      const point = sql`ST_SetSRID(ST_MakePoint(${c.lng}, ${c.lat}), 4326)::geography`
      // 40 places per circle, from 0.97 to 1.03 of the radius (geodesic) in every direction: the band where sphere and spheroid disagree.
      const result = await sql<{ total: number; disagree: number; inside: number }>`
        WITH p AS (
          SELECT ST_Project(${point}, ${c.radius}::float8 * (0.97 + 0.06 * k / 39.0), radians(k * 137.5)) AS location
          FROM generate_series(0, 39) k
        )
        SELECT count(*)::int AS total,
          count(*) FILTER (WHERE ${withinRadius(sql`p.location`, point, c.radius)} IS DISTINCT FROM ST_DWithin(p.location, ${point}, ${c.radius}))::int AS disagree,
          count(*) FILTER (WHERE ST_DWithin(p.location, ${point}, ${c.radius}))::int AS inside
        FROM p`.execute(t.db)
      const row = result.rows[0]!
      expect(row.disagree).toBe(0)
      // Both answers occur in every band, so the spheroid really decides near the edge.
      expect(row.inside).toBeGreaterThan(0)
      expect(row.inside).toBeLessThan(row.total)
      checked += row.total
    }
    expect(checked).toBe(60 * 40)
  })
})
