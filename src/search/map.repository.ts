import { type RawBuilder, sql } from 'kysely'
import { PREPARED } from '../db/client'
import type { Executor } from '../db/database'
import type { StoredResolution } from '../geo/h3'
import { liveCouponExists, liveDealExists, type StorefrontFilter, storefrontConditions } from './nearby.repository'
import type { ViewportCover } from './viewport-cover'

/** A lng/lat rectangle [minLng, minLat, maxLng, maxLat] that does not cross the antimeridian. */
export type Box = [number, number, number, number]

/** Storefronts of one H3 cell in view, with their unit vectors summed for the centroid on the sphere. */
export interface CellCount {
  cell: string
  count: number
  sum_x: number
  sum_y: number
  sum_z: number
}

// The storefront as a unit vector, summed the way migration 0023 keeps the counters.
const VECTOR_SUMS = sql`sum(cos(radians(m.lat)) * cos(radians(m.lng))) AS sum_x, sum(cos(radians(m.lat)) * sin(radians(m.lng))) AS sum_y, sum(sin(radians(m.lat))) AS sum_z`

function toCellCount(r: CellCount): CellCount {
  return { cell: r.cell, count: Number(r.count), sum_x: Number(r.sum_x), sum_y: Number(r.sum_y), sum_z: Number(r.sum_z) }
}

/** One storefront drawn as a map point. */
export interface MapPoint {
  id: string
  name: string
  category: string
  lat: number
  lng: number
  rating_avg: string | null
  cover_key: string | null
  has_deal: boolean
  has_coupon: boolean
}

/** Exactly inside the closed rectangle (the index operator && alone also admits float4 rounding). */
function insideBox(b: Box): RawBuilder<unknown> {
  return sql`m.lng BETWEEN ${b[0]} AND ${b[2]} AND m.lat BETWEEN ${b[1]} AND ${b[3]}`
}

// The && expression matches the partial GiST index merchants_active_geom_gist; the other
// conditions are the nearby list's own (text, category, open now, deals, coupons).
function inViewport(boxes: Box[], filter: StorefrontFilter): RawBuilder<unknown> {
  const envelopes = boxes.map((b) => sql`(m.location::geometry && ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326) AND ${insideBox(b)})`)
  return sql.join([...storefrontConditions(filter), sql`(${sql.join(envelopes, sql` OR `)})`], sql` AND `)
}

/**
 * Active storefronts matching `filter` inside the viewport grouped by their stored H3 cell at
 * `resolution`; at most `maxRows` + 1 rows, so a caller can tell that the limit was passed.
 */
export async function cellCounts(db: Executor, boxes: Box[], resolution: StoredResolution, maxRows: number, filter: StorefrontFilter): Promise<CellCount[]> {
  const column = sql.ref(`m.h3_r${resolution}`)
  const { rows } = await sql<CellCount>`
    SELECT ${column} AS cell, count(*) AS count, ${VECTOR_SUMS}
    FROM merchants m WHERE ${inViewport(boxes, filter)}
    GROUP BY 1 ORDER BY 1 LIMIT ${maxRows + 1}`.execute(db)
  return rows.map(toCellCount)
}

/** Up to `limit` active storefronts matching `filter` inside the viewport, best rated first. */
export async function pointsInViewport(db: Executor, boxes: Box[], limit: number, filter: StorefrontFilter): Promise<MapPoint[]> {
  const { rows } = await sql<MapPoint>`
    SELECT m.id, m.name, m.category, m.lat, m.lng, m.rating_avg, m.cover_key,
      ${liveDealExists(filter.at)} AS has_deal, ${liveCouponExists(filter.at)} AS has_coupon
    FROM merchants m WHERE ${inViewport(boxes, filter)}
    ORDER BY m.rating_avg DESC NULLS LAST, m.id LIMIT ${limit}`.execute(db)
  return rows
}

/** A Postgres array literal of H3 cell ids (hex digits only), sent as one text parameter. */
function cellArray(cells: string[]): string {
  return `{${cells.join(',')}}`
}

/**
 * Storefronts per cell for a covered viewport, in one round trip: the trigger-maintained counters
 * of the `inside` cells (each at its own resolution; category '' holds all categories, see
 * migration 0004_map_cell_counts), plus the active storefronts inside `box` whose resolution-9 id
 * lies in one of the `edge` ranges, grouped at `resolution`. Both parts are index-only scans.
 */
export async function coveredCellCounts(db: Executor, box: Box, cover: ViewportCover, resolution: StoredResolution, category?: string): Promise<CellCount[]> {
  const column = sql.ref(`m.h3_r${resolution}`)
  const { rows } = await sql<CellCount>`${sql.raw(PREPARED)}
    SELECT c.cell, c.count, c.sum_x, c.sum_y, c.sum_z
    FROM merchant_cell_counts c
    WHERE c.cell = ANY(${cellArray(cover.inside.map((c) => c.cell))}::text[]) AND c.category = ${category ?? ''} AND c.count > 0
    UNION ALL
    SELECT ${column} AS cell, count(*) AS count, ${VECTOR_SUMS}
    FROM unnest(${cellArray(cover.edge.map((r) => r[0]))}::text[], ${cellArray(cover.edge.map((r) => r[1]))}::text[]) AS r(first, last)
    CROSS JOIN LATERAL (
      SELECT m.h3_r9, m.h3_r8, m.h3_r7, m.h3_r6, m.h3_r5, m.h3_r4, m.h3_r3, m.lat, m.lng FROM merchants m
      WHERE m.status = 'active' AND m.h3_r9 COLLATE "C" BETWEEN r.first AND r.last AND ${insideBox(box)}
        ${category ? sql`AND m.category = ${category}` : sql``}
      OFFSET 0 -- keeps the planner from flattening this into one big scan joined afterwards
    ) m
    GROUP BY 1`.execute(db)
  return rows.map(toCellCount)
}
