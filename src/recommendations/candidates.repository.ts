import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { StorefrontSummaryRow } from '../search/storefront-row'

/** A Postgres array literal sent as one text parameter (each element quoted, so any text is safe). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`)).join(',')}}`
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

/** A candidate storefront with the raw features rank.ts scores. */
export interface CandidateRow extends StorefrontSummaryRow {
  created_at: Date
  distance_m: number
  open_now: boolean
  local_hour: number
  visitors: number
  similarity: number
  similarity_source: string | null
  coupon_title: string | null
}

/**
 * Candidates near the point, through the same spatial indexes as nearby search: the nearest
 * storefronts (GiST KNN), those similar to the user's own places, those matching their interests
 * and the most visited ones, all within the radius and active, minus `excluded`.
 */
export async function findCandidates(db: Executor, q: CandidateQuery): Promise<CandidateRow[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326)::geography`
  const within = sql`m.status = 'active' AND ST_DWithin(m.location, ${point}, ${q.radiusMeters})`
  const ids = pgArray(q.sources.map((s) => s.id))
  const weights = pgArray(q.sources.map((s) => s.weight))
  const interests = pgArray(q.interests)
  const result = await sql<CandidateRow>`
    WITH src AS (SELECT * FROM unnest(${ids}::uuid[], ${weights}::real[]) AS s(id, w)),
    sim AS (
      SELECT s.similar_id AS id, sum(s.score * src.w) AS similarity,
        (array_agg(s.merchant_id ORDER BY s.score * src.w DESC, s.merchant_id))[1] AS similarity_source
      FROM storefront_similarity s JOIN src ON src.id = s.merchant_id GROUP BY s.similar_id
    ),
    ids AS (
      (SELECT m.id FROM merchants m WHERE ${within} ORDER BY m.location <-> ${point} LIMIT ${q.nearest})
      UNION
      (SELECT m.id FROM sim JOIN merchants m ON m.id = sim.id WHERE ${within})
      UNION
      (SELECT m.id FROM merchants m WHERE ${within} AND (m.tags && ${interests}::text[] OR m.category = ANY(${interests}::text[]))
        ORDER BY m.location <-> ${point} LIMIT 150)
      UNION
      (SELECT m.id FROM storefront_popularity p JOIN merchants m ON m.id = p.merchant_id WHERE ${within}
        ORDER BY p.visitors DESC, m.id LIMIT 100)
    )
    SELECT m.id, m.name, m.category, m.tags, m.lat, m.lng, m.cover_key, m.rating_avg, m.review_count, m.created_at,
      ST_Distance(m.location, ${point}) AS distance_m,
      merchant_open_at(m.hours, m.timezone, ${q.at}) AS open_now,
      extract(hour FROM ${q.at}::timestamptz AT TIME ZONE m.timezone)::int AS local_hour,
      coalesce(p.visitors, 0) AS visitors,
      coalesce(sim.similarity, 0)::float8 AS similarity, sim.similarity_source,
      cp.title AS coupon_title
    FROM ids JOIN merchants m ON m.id = ids.id
    LEFT JOIN sim ON sim.id = m.id
    LEFT JOIN storefront_popularity p ON p.merchant_id = m.id
    LEFT JOIN LATERAL (
      SELECT c.title FROM coupons c
      WHERE c.merchant_id = m.id AND c.status = 'active' AND c.starts_at <= ${q.at} AND c.ends_at > ${q.at} AND c.claimed_count < c.total_quantity
      ORDER BY c.ends_at, c.id LIMIT 1
    ) cp ON true
    WHERE NOT (m.id = ANY(${pgArray(q.excluded)}::uuid[]))`.execute(db)
  return result.rows.map((r) => ({ ...r, distance_m: Number(r.distance_m), visitors: Number(r.visitors), similarity: Number(r.similarity), local_hour: Number(r.local_hour) }))
}
