import type { AppDeps } from '../context'
import { coverUrl } from '../merchants'
import { type Listing, assertCategory } from './nearby.service'
import { type ServingKey, findServing } from './serving.repository'
import { decodeQueryCursor, encodeQueryCursor } from './query-cursor'
import { isUuid } from '../db/uuid'
import { readHandle } from '../db/read-replicas'

/** Validated query of GET /v1/search/serving. */
export interface ServingInput {
  lat: number
  lng: number
  category?: string
  limit?: number
  cursor?: string
}

/** One storefront that delivers to / serves the asked point: a listing without opening state, plus its service radius. */
export type ServingListing = Omit<Listing, 'open_now' | 'h3_cell' | 'deal'> & { service_radius_m: number }

function isServingKey(key: unknown): key is ServingKey {
  return Array.isArray(key) && key.length === 2 && Number.isInteger(key[0]) && typeof key[1] === 'string' && isUuid(key[1])
}

/**
 * One keyset page of the active storefronts whose service area (service_radius_m around them)
 * covers the point, nearest first; the cursor only works for the same point and category.
 */
export async function servingPoint(deps: AppDeps, input: ServingInput): Promise<{ data: ServingListing[]; next_cursor: string | null }> {
  await assertCategory(readHandle(deps), input.category)
  const limit = input.limit ?? 20
  const bound = { serving: [input.lat, input.lng], category: input.category ?? null }
  const after = input.cursor ? await decodeQueryCursor(deps.cursors, input.cursor, bound, isServingKey) : undefined
  const rows = await findServing(readHandle(deps), { lat: input.lat, lng: input.lng, category: input.category, after, limit: limit + 1 })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const next_cursor = rows.length > limit && last ? await encodeQueryCursor(deps.cursors, bound, [last.distance_m, last.id] satisfies ServingKey) : null
  return {
    next_cursor,
    data: page.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      tags: r.tags,
      location: { lat: r.lat, lng: r.lng },
      distance_m: r.distance_m,
      service_radius_m: r.service_radius_m,
      rating: r.rating_avg === null ? null : Number(r.rating_avg),
      review_count: r.review_count,
      cover_url: coverUrl(r.cover_key),
    })),
  }
}
