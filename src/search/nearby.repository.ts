import { type RawBuilder, sql } from 'kysely'
import { PREPARED } from '../db/client'
import type { Executor } from '../db/database'
import type { StorefrontSummaryRow } from './storefront-row'

/** Orders a nearby search can use. */
export type NearbySort = 'distance' | 'rating' | 'relevance'

/** A normalized nearby search, as the repository runs it. */
export interface NearbyFilter {
  lat: number
  lng: number
  radiusMeters: number
  category?: string
  tag?: string
  q?: string
  openNow?: boolean
  minRating?: number
  hasDeal?: boolean
  hasCoupon?: boolean
  sort: NearbySort
  at: Date
}

/** Sort key of a row: whole numbers only, so keyset comparisons across pages are exact. */
export type SortKey = [number, number, string] | [number, string]

/** A matching storefront with its exact, integer sort keys. */
export interface NearbyRow extends StorefrontSummaryRow {
  distance_mm: number
  open_now: boolean
  h3_r9: string
  /** The storefront's best live deal right now (largest saving), if it sells one. */
  best_deal: { saving_cents: number; currency: string } | null
  rating_score: number
  relevance_score: number
}

/** Bayesian prior: an unreviewed storefront counts as PRIOR_REVIEWS reviews at PRIOR_MEAN stars. */
export const PRIOR_REVIEWS = 10
/** Star average the prior reviews are assumed to have. */
export const PRIOR_MEAN = 3.5

/** Escapes LIKE wildcards so user text matches literally. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

function orderColumns(sort: NearbySort): RawBuilder<unknown>[] {
  if (sort === 'rating') return [sql`-rating_score`, sql`distance_mm`, sql`id`]
  if (sort === 'relevance') return [sql`-relevance_score`, sql`id`]
  return [sql`distance_mm`, sql`id`]
}

/** Keys a row sorts by, in the order orderColumns() lists them. */
export function sortKeyOf(row: NearbyRow, sort: NearbySort): SortKey {
  if (sort === 'rating') return [-row.rating_score, row.distance_mm, row.id]
  if (sort === 'relevance') return [-row.relevance_score, row.id]
  return [row.distance_mm, row.id]
}

/** What a storefront must match besides its place: the filters the list and the map share. */
export interface StorefrontFilter {
  category?: string
  tag?: string
  q?: string
  openNow?: boolean
  minRating?: number
  hasDeal?: boolean
  hasCoupon?: boolean
  at: Date
}

/**
 * The WHERE conditions (on alias `m`) for `f`: one definition, so the result list and the map's
 * clusters and pins always filter alike.
 */
/** Storefront `m` sells a deal that can be bought at `at` (active, in stock, still valid). */
export function liveDealExists(at: Date): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM offerings d WHERE d.merchant_id = m.id AND d.face_value_cents IS NOT NULL AND d.active
      AND (d.stock IS NULL OR d.sold_count < d.stock) AND (d.valid_until IS NULL OR d.valid_until > ${at}))`
}

/** Storefront `m` runs a coupon campaign that can be claimed at `at` (active, not ended, not all claimed). */
export function liveCouponExists(at: Date): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM coupons c WHERE c.merchant_id = m.id AND c.status = 'active'
      AND c.ends_at > ${at} AND c.claimed_count < c.total_quantity)`
}

export function storefrontConditions(f: StorefrontFilter): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`m.status = 'active'`]
  if (f.category) where.push(sql`m.category = ${f.category}`)
  if (f.tag) where.push(sql`m.tags @> ARRAY[${f.tag}]::text[]`)
  if (f.minRating !== undefined) where.push(sql`m.rating_avg >= ${f.minRating}`)
  if (f.openNow) where.push(sql`merchant_open_at(m.hours, m.timezone, ${f.at})`)
  if (f.hasDeal) {
    where.push(liveDealExists(f.at))
  }
  if (f.hasCoupon) {
    where.push(liveCouponExists(f.at))
  }
  const q = f.q ? f.q.toLowerCase() : null
  if (q) {
    where.push(sql`(m.search_text LIKE ${likePattern(q)}
      OR ${q} <% m.search_text
      OR to_tsvector('simple', m.search_text) @@ plainto_tsquery('simple', ${q}))`)
  }
  return where
}

/**
 * The storefronts matching `f` with their exact sort keys. With `knn`, only the `knn.take`
 * nearest by the GiST KNN operator (sphere distance `<->`), skipping those nearer than
 * `knn.floorMeters`, and tagged with how many were taken and the farthest sphere distance.
 */
function rankedMatches(f: NearbyFilter, knn?: { take: number; floorMeters: number }): RawBuilder<NearbyRow> {
  const point = sql`ST_SetSRID(ST_MakePoint(${f.lng}, ${f.lat}), 4326)::geography`
  const where = [...storefrontConditions(f), sql`ST_DWithin(m.location, ${point}, ${f.radiusMeters})`]
  if (knn) where.push(sql`(m.location <-> ${point}) >= ${knn.floorMeters}`)
  const q = f.q ? f.q.toLowerCase() : null
  const textScore = q
    ? sql`greatest(CASE WHEN m.search_text LIKE ${likePattern(q)} THEN 1.0 ELSE 0 END, word_similarity(${q}, m.search_text))`
    : sql`0`
  // The geodesic distance is computed once per row, and opening hours (see page()) only for the
  // rows on the page: both cost far more than the index walk that finds the rows.
  const matches = sql`
    SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.rating_avg, m.review_count, m.h3_r9, m.hours, m.timezone, m.cover_key,
      ${textScore} AS text_score, ST_Distance(m.location, ${point}) AS distance_m, m.location <-> ${point} AS sphere_m
    FROM merchants m
    WHERE ${sql.join(where, sql` AND `)}`
  const found = knn ? sql`(${matches} ORDER BY m.location <-> ${point} LIMIT ${knn.take})` : sql`(${matches})`
  const bayes = sql`((${PRIOR_MEAN * PRIOR_REVIEWS} + coalesce(b.rating_avg, 0) * b.review_count) / (${PRIOR_REVIEWS} + b.review_count))`
  const scored = sql<NearbyRow>`
    SELECT b.id, b.name, b.category, b.tags, b.lat, b.lng, b.rating_avg, b.review_count, b.h3_r9, b.hours, b.timezone, b.cover_key, b.sphere_m,
      round(b.distance_m * 1000)::bigint AS distance_mm,
      round(${bayes} * 1000000)::bigint AS rating_score,
      round((0.6 * b.text_score
        + 0.25 * (1 - least(b.distance_m / ${f.radiusMeters}, 1))
        + 0.15 * (${bayes} - 1) / 4) * 1000000)::bigint AS relevance_score
    FROM ${found} b`
  if (!knn) return scored
  return sql<NearbyRow>`
    SELECT *, count(*) OVER () AS taken, max(sphere_m) OVER () AS farthest_sphere_m
    FROM (${scored}) nearest`
}

function page(f: NearbyFilter, matches: RawBuilder<unknown>, after: SortKey | null, limit: number, knn: boolean) {
  const cols = orderColumns(f.sort)
  const keyset = after ? sql`AND (${sql.join(cols)}) > (${sql.join(after)})` : sql``
  const walk = knn ? sql`, r.taken, r.farthest_sphere_m` : sql``
  return sql<NearbyRow & { taken: number; farthest_sphere_m: number }>`${sql.raw(PREPARED)}
    SELECT r.id, r.name, r.category, r.tags, r.lat, r.lng, r.rating_avg, r.review_count, r.h3_r9, r.cover_key,
      r.distance_mm, r.rating_score, r.relevance_score ${walk},
      merchant_open_at(r.hours, r.timezone, ${f.at}) AS open_now,
      (SELECT json_build_object('saving_cents', d.face_value_cents - d.price_cents, 'currency', d.currency) FROM offerings d
        WHERE d.merchant_id = r.id AND d.face_value_cents IS NOT NULL AND d.active
          AND (d.stock IS NULL OR d.sold_count < d.stock) AND (d.valid_until IS NULL OR d.valid_until > ${f.at})
        ORDER BY d.face_value_cents - d.price_cents DESC LIMIT 1) AS best_deal
    FROM (${matches}) r WHERE true ${keyset} ORDER BY ${sql.join(cols)} LIMIT ${limit}`
}

/** How many nearest rows each KNN walk takes for a page of `limit`: a narrow walk, then a wide one. */
function knnTakes(limit: number): number[] {
  return [2 * limit + 16, 20 * limit + 200]
}

/** The query the first, narrow KNN walk of a distance-ordered page runs (the benchmark replays it). */
export function nearestFirstQuery(f: NearbyFilter, after: SortKey | null, limit: number) {
  return page(f, rankedMatches(f, { take: knnTakes(limit)[0] ?? limit, floorMeters: 0 }), after, limit, true)
}

// Geodesic (WGS84) and sphere distances differ by under 0.5% anywhere; 1% leaves margin.
const SPHERE_ERROR = 0.01

/**
 * Distance order first tries the GiST KNN walk: exact when the KNN took every match, or when
 * the page ends clearly before the sphere distance where untaken rows could start. Dense areas
 * get a second, wider walk; only then does it fall back to sorting every match in the radius.
 */
async function nearestByKnn(db: Executor, f: NearbyFilter, after: SortKey | null, limit: number): Promise<NearbyRow[] | null> {
  const afterMm = after ? (after[0] as number) : 0
  const floorMeters = Math.max(0, (afterMm - 1) / 1000 / (1 + SPHERE_ERROR))
  for (const take of knnTakes(limit)) {
    const { rows } = await page(f, rankedMatches(f, { take, floorMeters }), after, limit, true).execute(db)
    const last = rows.at(-1)
    if (!last) return null
    if (Number(last.taken) < take) return rows
    const safeMm = Number(last.farthest_sphere_m) * (1 - SPHERE_ERROR) * 1000 - 1
    if (rows.length === limit && last.distance_mm < safeMm) return rows
  }
  return null
}

/** One page of active storefronts within the radius, after `after` in the requested order. */
export async function findNearby(db: Executor, f: NearbyFilter, after: SortKey | null, limit: number): Promise<NearbyRow[]> {
  if (f.sort === 'distance') {
    const fast = await nearestByKnn(db, f, after, limit)
    if (fast) return fast
  }
  const { rows } = await page(f, rankedMatches(f), after, limit, false).execute(db)
  return rows
}
