import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { StorefrontSummaryRow } from './storefront-row'

/** A storefront whose service area covers the point. */
export interface ServingRow extends StorefrontSummaryRow {
  distance_m: number
  service_radius_m: number
}

/**
 * Active storefronts whose service area covers the point, nearest first. ST_DWithin with the
 * largest service radius in use (one value for the whole query) lets the partial GiST index
 * merchants_serving_gist prefilter; the per-row radius then decides exactly, on the spheroid.
 */
export async function findServing(
  db: Executor,
  q: { lat: number; lng: number; category?: string; after?: ServingKey; limit: number },
): Promise<ServingRow[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  const byCategory = q.category ? sql`AND m.category = ${q.category}` : sql``
  // Keyset on the whole metres clients see, then id: exact, unlike a float distance in a cursor.
  const after = q.after ? sql`WHERE (s.distance_m, s.id) > (${q.after[0]}::int, ${q.after[1]}::uuid)` : sql``
  const { rows } = await sql<ServingRow>`
    SELECT * FROM (
      SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.service_radius_m, m.rating_avg, m.review_count, m.cover_key,
        least(round(ST_Distance(m.location, ${point}))::int, m.service_radius_m) AS distance_m
      FROM merchants m
      WHERE m.status = 'active' AND m.service_radius_m IS NOT NULL
        AND ST_DWithin(m.location, ${point}, (
          SELECT max(service_radius_m) FROM merchants WHERE status = 'active' AND service_radius_m IS NOT NULL))
        AND ST_DWithin(m.location, ${point}, m.service_radius_m)
        ${byCategory}
    ) s ${after}
    ORDER BY s.distance_m, s.id
    LIMIT ${q.limit}`.execute(db)
  return rows
}

/** Where a serving page ends: [distance_m, id]. */
export type ServingKey = [number, string]
