import { type RawBuilder, sql } from 'kysely'
import { PREPARED, rowCount } from '../db/client'
import type { Executor } from '../db/database'
import { cellsAcross } from '../geo/h3'
import type { Shift } from '../geo/hours'
import type { StorefrontSummaryRow } from '../search/storefront-row'

/** A Postgres array literal sent as one text parameter (each element quoted, so any text is safe). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`)).join(',')}}`
}

/** PostGIS's sphere distance (mean radius) differs from the WGS 84 geodesic by under 0.6 %: a margin of 1 % either side is safe. */
const SPHERE_MARGIN = 0.01

/**
 * Whether `location` lies within `radiusMeters` of `point` on the WGS 84 spheroid, as
 * ST_DWithin(location, point, radius) answers, measured on the sphere first (~3× cheaper): only a
 * point within 1 % of the radius either way is measured on the spheroid. For filters only: on a
 * table with a spatial index the planner can turn the OR into a bitmap scan of the whole radius.
 */
export function withinRadius(location: RawBuilder<unknown>, point: RawBuilder<unknown>, radiusMeters: number): RawBuilder<boolean> {
  return sql<boolean>`(ST_DWithin(${location}, ${point}, ${radiusMeters * (1 + SPHERE_MARGIN)}, false)
    AND (ST_DWithin(${location}, ${point}, ${radiusMeters * (1 - SPHERE_MARGIN)}, false) OR ST_DWithin(${location}, ${point}, ${radiusMeters})))`
}

/**
 * A circle read cell by cell: `cells` lists, as rows c(cell, n), the cells of `resolution` that can
 * hold a point of it (cellsAcross); `near(location)` is the test a row bucketed by c.cell must pass —
 * none in a cell wholly inside the circle, the distance from `location` in a cell across its edge.
 */
export function cellWalk(q: { lat: number; lng: number; radiusMeters: number }, resolution: number) {
  const { inside, edge } = cellsAcross(q.lat, q.lng, q.radiusMeters, resolution)
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  return {
    cells: sql`unnest(${pgArray([...inside, ...edge])}::text[]) WITH ORDINALITY AS c(cell, n)`,
    near: (location: RawBuilder<unknown>) => sql`(c.n <= ${inside.length} OR ${withinRadius(location, point, q.radiusMeters)})`,
  }
}

/** The most visited storefronts within the radius that are always candidates. */
export const POPULAR_CANDIDATES = 30
/** How many of the nearest storefronts matching one of the user's interests are candidates. */
const INTEREST_CANDIDATES = 40
/** storefront_popularity is bucketed by storefront cell at this resolution (migration 0030). */
const POPULARITY_CELL_RESOLUTION = 7
/** storefront_similarity carries the similar storefront's cell at this resolution (migration 0033). */
const SIMILARITY_CELL_RESOLUTION = 7

/** Half as many again as POPULAR_CANDIDATES are read, so storefronts taken offline since the count leave the number whole. */
const POPULAR_READ = Math.ceil(POPULAR_CANDIDATES * 1.5)

/**
 * The `count` most visited storefronts within the radius (as of the last refresh), as SQL: common
 * table expressions ending in `popular(id, k)`, k = 1 the most visited (then by id). Read cell by
 * cell from storefront_popularity's index on (cell, visitors ↓, id): first each cell's `count` best
 * whether within the radius or not, measuring the distance of those rows only; that answer is
 * exact unless a cell read in full still ranks its last row ahead of the answer's last (its unread
 * rows could then belong). Only then is each cell walked until `count` rows within the radius are
 * found (which measures every row of an edge cell on the way): a one-time filter, not run otherwise.
 */
function popularCtes(q: { lat: number; lng: number; radiusMeters: number }, count: number): RawBuilder<unknown> {
  const walk = cellWalk(q, POPULARITY_CELL_RESOLUTION)
  const perCell = rowCount(count)
  return sql`pop_read AS MATERIALIZED (
      SELECT c.n, x.merchant_id, x.visitors, ${walk.near(sql`x.location`)} AS inside FROM ${walk.cells}
      CROSS JOIN LATERAL (
        SELECT p.merchant_id, p.visitors, p.location FROM storefront_popularity p WHERE p.h3_r7 = c.cell
        ORDER BY p.visitors DESC, p.merchant_id LIMIT ${perCell}
      ) x
    ),
    pop_top AS MATERIALIZED (
      SELECT merchant_id, visitors, row_number() OVER (ORDER BY visitors DESC, merchant_id) AS k
      FROM pop_read WHERE inside ORDER BY visitors DESC, merchant_id LIMIT ${perCell}
    ),
    -- Exact unless a cell read in full (count rows) ends on a row ranked ahead of the answer's last,
    -- or the answer is short (no last row: a full cell's unread rows may lie within the radius).
    pop_exact AS MATERIALIZED (
      SELECT coalesce(bool_and(cell.read < ${perCell} OR coalesce((-cut.visitors, cut.merchant_id) <= (-cell.visitors, cell.merchant_id), false)), true) AS exact
      FROM (
        SELECT count(*) AS read, min(visitors) AS visitors, (array_agg(merchant_id ORDER BY visitors, merchant_id DESC))[1] AS merchant_id
        FROM pop_read GROUP BY n
      ) cell LEFT JOIN pop_top cut ON cut.k = ${perCell}
    ),
    popular AS (
      SELECT merchant_id AS id, k FROM pop_top WHERE (SELECT exact FROM pop_exact)
      UNION ALL
      SELECT w.merchant_id, row_number() OVER (ORDER BY w.visitors DESC, w.merchant_id) FROM (
        SELECT x.merchant_id, x.visitors FROM ${walk.cells}
        CROSS JOIN LATERAL (
          SELECT p.merchant_id, p.visitors FROM storefront_popularity p
          WHERE p.h3_r7 = c.cell AND ${walk.near(sql`p.location`)}
          ORDER BY p.visitors DESC, p.merchant_id LIMIT ${perCell}
        ) x
        ORDER BY x.visitors DESC, x.merchant_id LIMIT ${perCell}
      ) w WHERE NOT (SELECT exact FROM pop_exact)
    )`
}

/** The `count` most visited storefronts within the radius, most visited first, then by id (popularCtes on its own). */
export async function popularNear(db: Executor, q: { lat: number; lng: number; radiusMeters: number }, count = POPULAR_READ): Promise<string[]> {
  const result = await sql<{ id: string }>`${sql.raw(PREPARED)}
    WITH ${popularCtes(q, count)} SELECT id FROM popular ORDER BY k`.execute(db)
  return result.rows.map((r) => r.id)
}

/** Where and when to look, and what to leave out. */
export interface CandidateQuery {
  lat: number
  lng: number
  radiusMeters: number
  at: Date
  /** Storefronts the user engaged with and how strongly (the similarity sources). */
  sources: ReadonlyArray<{ id: string; weight: number }>
  /** Interest tags (categories or storefront tags) to pull matching storefronts in. */
  interests: readonly string[]
  excluded: readonly string[]
  /** How many of the nearest storefronts to consider. */
  nearest: number
}

/** A candidate storefront with the features read for it in SQL. */
export interface CandidateBase extends StorefrontSummaryRow {
  created_at: Date
  distance_m: number
  visitors: number
  similarity: number
  similarity_source: string | null
  /** Opening shifts in the storefront's zone (judged in rank's caller, not per row in SQL). */
  hours: Shift[]
  timezone: string
  /** The first live coupon's title (soonest to end), if any. */
  coupon_title: string | null
}

/** The features that depend on the local clock (judged in TypeScript, one clock reading per zone). */
export interface CandidateClock {
  open_now: boolean
  local_hour: number
}

/** A candidate storefront with every raw feature rank.ts scores. */
export type CandidateRow = CandidateBase & CandidateClock

/**
 * Candidates near the point: the nearest storefronts (GiST KNN, as nearby search), those similar
 * to the user's own places (in the circle's cells as of the refresh: a storefront that moved into
 * the circle since counts as similar after the next one), the INTEREST_CANDIDATES nearest matching their interests, and the
 * first POPULAR_CANDIDATES of the POPULAR_READ most visited (popularCtes, read in the same statement)
 * still active and within the radius; all active and within the radius, minus `excluded`, each with its first live coupon at `at`. Only the
 * features that need no local clock: opening hours are judged by the caller.
 */
export async function findCandidates(db: Executor, q: CandidateQuery): Promise<CandidateBase[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  // The exact test alone: with the sphere-first form the planner may trade the KNN index scans for a bitmap scan of the whole radius.
  const within = sql`m.status = 'active' AND ST_DWithin(m.location, ${point}, ${q.radiusMeters})`
  const ids = pgArray(q.sources.map((s) => s.id))
  const weights = pgArray(q.sources.map((s) => s.weight))
  const interests = pgArray(q.interests)
  // Similar storefronts outside the circle's cells (most of them) are dropped before any is looked up.
  const { inside, edge } = cellsAcross(q.lat, q.lng, q.radiusMeters, SIMILARITY_CELL_RESOLUTION)
  // Row counts in the text (rowCount): two prepared texts, with and without interests.
  const nearest = rowCount(q.nearest)
  // Every arm returns the storefront's columns as it reads its row, so each candidate is read once.
  const columns = sql`m.id, m.name, m.category, m.tags, m.lat, m.lng, m.cover_key, m.rating_avg, m.review_count, m.created_at, m.hours, m.timezone, m.location`
  const result = await sql<CandidateBase>`${sql.raw(PREPARED)}
    WITH ${popularCtes(q, POPULAR_READ)},
    src AS (SELECT * FROM unnest(${ids}::uuid[], ${weights}::real[]) AS s(id, w)),
    sim AS (
      SELECT s.similar_id AS id, sum(s.score * src.w) AS similarity,
        (array_agg(s.merchant_id ORDER BY s.score * src.w DESC, s.merchant_id))[1] AS similarity_source
      FROM storefront_similarity s JOIN src ON src.id = s.merchant_id
      WHERE s.similar_h3_r7 = ANY(${pgArray([...inside, ...edge])}::text[])
      GROUP BY s.similar_id
    ),
    picked AS (
      (SELECT ${columns} FROM merchants m WHERE ${within} ORDER BY m.location <-> ${point} LIMIT ${nearest})
      UNION ALL
      -- By id (each a primary-key probe; LIMIT 1 keeps the planner from turning it into a scan of the whole radius).
      (SELECT m.* FROM sim CROSS JOIN LATERAL (SELECT ${columns} FROM merchants m WHERE m.id = sim.id AND ${within} LIMIT 1) m)
      ${q.interests.length === 0 ? sql`` : sql`UNION ALL
      (SELECT ${columns} FROM merchants m WHERE ${within} AND (m.tags && ${interests}::text[] OR m.category = ANY(${interests}::text[]))
        ORDER BY m.location <-> ${point} LIMIT ${rowCount(INTEREST_CANDIDATES)})`}
      UNION ALL
      -- Each checked as it is now (active, still within the radius) by primary key, as the similar ones are.
      (SELECT m.* FROM popular top
      CROSS JOIN LATERAL (SELECT ${columns} FROM merchants m WHERE m.id = top.id AND ${within} LIMIT 1) m
      ORDER BY top.k LIMIT ${rowCount(POPULAR_CANDIDATES)})
    )
    SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.cover_key, m.rating_avg, m.review_count, m.created_at, m.hours, m.timezone,
      ST_Distance(m.location, ${point}) AS distance_m,
      coalesce(p.visitors, 0) AS visitors,
      coalesce(sim.similarity, 0)::float8 AS similarity, sim.similarity_source,
      (SELECT c.title FROM coupons c
        WHERE c.merchant_id = m.id AND c.status = 'active' AND c.starts_at <= ${q.at} AND c.ends_at > ${q.at} AND c.claimed_count < c.total_quantity
        ORDER BY c.ends_at, c.id LIMIT 1) AS coupon_title
    FROM (SELECT DISTINCT ON (id) * FROM picked ORDER BY id) m
    LEFT JOIN sim ON sim.id = m.id
    LEFT JOIN storefront_popularity p ON p.merchant_id = m.id
    WHERE NOT (m.id = ANY(${pgArray(q.excluded)}::uuid[]))`.execute(db)
  return result.rows.map((r) => ({ ...r, distance_m: Number(r.distance_m), visitors: Number(r.visitors), similarity: Number(r.similarity) }))
}
