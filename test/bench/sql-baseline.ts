import type pg from 'pg'
import { type CaseResult, closedLoop } from './measure'

// The nearby query shape the API runs for case 1 (2 km, no filter, top 20 by distance).
const NEARBY_SQL = `
  SELECT id, name, category, tags, lat, lng,
         ST_Distance(location, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography) AS distance_m
  FROM merchants
  WHERE status = 'active'
    AND ST_DWithin(location, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, $3)
  ORDER BY location <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, id
  LIMIT 20`

/** The database's own ceiling: the nearby SQL straight through pg, no HTTP, same concurrency. */
export function sqlBaseline(pool: pg.Pool, points: Array<{ lat: number; lng: number }>, connections: number, seconds: number): Promise<CaseResult> {
  return closedLoop('raw SQL nearby 2 km (pg, no HTTP)', 'sql', connections, seconds, (i) => {
    const p = points[i % points.length]!
    return pool.query({ name: 'bench-nearby', text: NEARBY_SQL, values: [p.lat, p.lng, 2000] })
  })
}
