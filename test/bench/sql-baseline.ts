import type { Kysely } from 'kysely'
import type pg from 'pg'
import { statementName } from '../../src/db/client'
import type { Database } from '../../src/db/database'
import { nearestFirstQuery } from '../../src/search/nearby.repository'
import { NEARBY_PAGE_SIZE, nearbyFilterOf } from '../../src/search/nearby.service'
import { type CaseResult, closedLoop, warmUpSeconds } from './measure'

/**
 * The exact SQL (text and parameters) the API runs for `GET /v1/search/nearby?lat&lng&radius_m`
 * on a first page: built by the search repository itself and compiled, one per query point.
 */
export function nearbySql(db: Kysely<Database>, p: { lat: number; lng: number }, radiusMeters: number, at: Date) {
  const filter = nearbyFilterOf({ lat: p.lat, lng: p.lng, radius_m: radiusMeters }, at)
  // The service asks for one row more than a page to learn whether a next page exists.
  const { sql, parameters } = nearestFirstQuery(filter, null, NEARBY_PAGE_SIZE + 1).compile(db)
  // Named like the API's driver names it, so both run it as the same prepared statement.
  return { name: statementName(sql), text: sql, values: parameters as unknown[] }
}

/** The database's own ceiling: the nearby SQL straight through pg, no HTTP, same concurrency. */
export function sqlBaseline(db: Kysely<Database>, pool: pg.Pool, points: Array<{ lat: number; lng: number }>, connections: number, seconds: number): Promise<CaseResult> {
  const at = new Date()
  const queries = points.map((p) => nearbySql(db, p, 2000, at))
  return closedLoop('raw SQL nearby 2 km (pg, no HTTP)', 'sql', connections, seconds, (i) => pool.query(queries[i % queries.length]!), warmUpSeconds(seconds))
}
