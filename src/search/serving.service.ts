import type { AppDeps } from '../context'
import { coverUrl } from '../merchants'
import { type Listing, assertCategory } from './nearby.service'
import { findServing } from './serving.repository'
import { readHandle } from '../db/read-replicas'

/** Validated query of GET /v1/search/serving. */
export interface ServingInput {
  lat: number
  lng: number
  category?: string
  limit?: number
}

/** One storefront that delivers to / serves the asked point: a listing without opening state, plus its service radius. */
export type ServingListing = Omit<Listing, 'open_now' | 'h3_cell' | 'deal'> & { service_radius_m: number }

/** Active storefronts whose service area (service_radius_m around them) covers the point, nearest first. */
export async function servingPoint(deps: AppDeps, input: ServingInput): Promise<{ data: ServingListing[] }> {
  await assertCategory(readHandle(deps), input.category)
  const rows = await findServing(readHandle(deps), input.lat, input.lng, input.limit ?? 20, input.category)
  return {
    data: rows.map((r) => ({
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
