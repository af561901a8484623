import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../db/database'
import type { StoredResolution } from '../geo/h3'

/** A lng/lat rectangle [minLng, minLat, maxLng, maxLat] that does not cross the antimeridian. */
export type Box = [number, number, number, number]

/** Storefronts of one H3 cell in view, with coordinate sums for the centroid. */
export interface CellCount {
  cell: string
  count: number
  sum_lat: number
  sum_lng: number
}

/** One storefront drawn as a map point. */
export interface MapPoint {
  id: string
  name: string
  category: string
  lat: number
  lng: number
  rating_avg: string | null
}

// The expression matches the partial GiST index merchants_active_geom_gist.
function inViewport(boxes: Box[], category: string | undefined): RawBuilder<unknown> {
  const envelopes = boxes.map((b) => sql`m.location::geometry && ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)`)
  const parts = [sql`m.status = 'active'`, sql`(${sql.join(envelopes, sql` OR `)})`]
  if (category) parts.push(sql`m.category = ${category}`)
  return sql.join(parts, sql` AND `)
}

/** How many active storefronts lie inside the viewport. */
export async function countInViewport(db: Executor, boxes: Box[], category?: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM merchants m WHERE ${inViewport(boxes, category)}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** Active storefronts inside the viewport grouped by their stored H3 cell at `resolution`. */
export async function cellCounts(db: Executor, boxes: Box[], resolution: StoredResolution, category?: string): Promise<CellCount[]> {
  const column = sql.ref(`m.h3_r${resolution}`)
  const { rows } = await sql<CellCount>`
    SELECT ${column} AS cell, count(*) AS count, sum(m.lat) AS sum_lat, sum(m.lng) AS sum_lng
    FROM merchants m WHERE ${inViewport(boxes, category)}
    GROUP BY 1 ORDER BY 1`.execute(db)
  return rows.map((r) => ({ ...r, count: Number(r.count), sum_lat: Number(r.sum_lat), sum_lng: Number(r.sum_lng) }))
}

/** Up to `limit` active storefronts inside the viewport, best rated first. */
export async function pointsInViewport(db: Executor, boxes: Box[], limit: number, category?: string): Promise<MapPoint[]> {
  const { rows } = await sql<MapPoint>`
    SELECT m.id, m.name, m.category, m.lat, m.lng, m.rating_avg
    FROM merchants m WHERE ${inViewport(boxes, category)}
    ORDER BY m.rating_avg DESC NULLS LAST, m.id LIMIT ${limit}`.execute(db)
  return rows
}
