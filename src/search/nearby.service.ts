import { categoryExists } from '../categories/categories.repository'
import type { AppDeps } from '../context'
import type { Executor } from '../db/database'
import { coverUrl } from '../merchants'
import { ValidationError } from '../errors'
import { type NearbyFilter, type NearbyRow, type NearbySort, type SortKey, findNearby, sortKeyOf } from './nearby.repository'
import { decodeQueryCursor, encodeQueryCursor } from './query-cursor'
import { readHandle } from '../db/read-replicas'

/** One storefront in a nearby result, as clients see it. */
export interface Listing {
  id: string
  name: string
  category: string
  tags: string[]
  location: { lat: number; lng: number }
  distance_m: number
  rating: number | null
  review_count: number
  open_now: boolean
  h3_cell: string
  cover_url: string | null
  /** The best live deal's saving (face value − price), or null when the storefront sells no deal now. */
  deal: { saving_cents: number; currency: string } | null
}

/** Validated query of GET /v1/search/nearby. */
export interface NearbyInput {
  lat: number
  lng: number
  radius_m?: number
  category?: string
  tag?: string
  q?: string
  open_now?: 'true' | 'false'
  min_rating?: number
  has_deal?: 'true' | 'false'
  has_coupon?: 'true' | 'false'
  sort?: NearbySort
  limit?: number
  cursor?: string
}

/** One page of listings and the cursor to the next one (null on the last page). */
export interface NearbyPage {
  data: Listing[]
  next_cursor: string | null
}

/** 422 naming `category` when the slug is not a known category. */
export async function assertCategory(db: Executor, category: string | undefined): Promise<void> {
  if (category !== undefined && !(await categoryExists(db, category))) {
    throw new ValidationError(`unknown category "${category}"`, [{ path: 'category', message: 'is not a known category; see GET /v1/categories' }])
  }
}

function isSortKey(sort: NearbySort) {
  const width = sort === 'distance' || sort === 'relevance' ? 2 : 3
  return (key: unknown): key is SortKey =>
    Array.isArray(key) &&
    key.length === width &&
    key.slice(0, -1).every((n) => Number.isSafeInteger(n)) &&
    typeof key[width - 1] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(key[width - 1] as string)
}

function toListing(row: NearbyRow, radiusMeters: number): Listing {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    tags: row.tags,
    location: { lat: row.lat, lng: row.lng },
    // Never report more than the radius the row was filtered by (rounding at the very edge).
    distance_m: Math.min(Math.round(row.distance_mm / 1000), radiusMeters),
    rating: row.rating_avg === null ? null : Number(row.rating_avg),
    review_count: row.review_count,
    open_now: row.open_now,
    h3_cell: row.h3_r9,
    cover_url: coverUrl(row.cover_key),
    deal: row.best_deal ? { saving_cents: Number(row.best_deal.saving_cents), currency: row.best_deal.currency } : null,
  }
}

/** Listings per page when the client does not say. */
export const NEARBY_PAGE_SIZE = 20

/** The normalized filter a nearby request runs with, defaults applied; open_now is judged at `at`. */
export function nearbyFilterOf(input: NearbyInput, at: Date): NearbyFilter {
  return {
    lat: input.lat,
    lng: input.lng,
    radiusMeters: input.radius_m ?? 2000,
    category: input.category,
    tag: input.tag,
    q: input.q ? input.q : undefined,
    openNow: input.open_now === 'true' ? true : undefined,
    minRating: input.min_rating,
    hasDeal: input.has_deal === 'true' ? true : undefined,
    hasCoupon: input.has_coupon === 'true' ? true : undefined,
    sort: input.sort ?? 'distance',
    at,
  }
}

/**
 * Active storefronts within `radius_m` of the point, one keyset page at a time; walking
 * next_cursor yields every match exactly once. open_now is evaluated at deps.now().
 */
export async function searchNearby(deps: AppDeps, input: NearbyInput): Promise<NearbyPage> {
  await assertCategory(readHandle(deps), input.category)
  const filter = nearbyFilterOf(input, deps.now())
  const limit = input.limit ?? NEARBY_PAGE_SIZE
  const { at: _at, ...bound } = filter
  const after = input.cursor ? await decodeQueryCursor(deps.cursors, input.cursor, bound, isSortKey(filter.sort)) : null
  const rows = await findNearby(readHandle(deps), filter, after, limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const next_cursor = rows.length > limit && last ? await encodeQueryCursor(deps.cursors, bound, sortKeyOf(last, filter.sort)) : null
  return { data: page.map((r) => toListing(r, filter.radiusMeters)), next_cursor }
}
