import { z } from '@hono/zod-openapi'
import { singleLine } from '../http/text'

/**
 * A required numeric query parameter: rejects empty strings instead of reading them as 0. The
 * document shows it as a number (integer with `int`) with its range, as clients should send it.
 */
export function numberParam(min: number, max: number, what: string, options: { int?: string } = {}) {
  const number = z.coerce.number<string>({ error: 'must be a number' }).min(min, `${what}`).max(max, `${what}`)
  const checked = options.int ? number.pipe(z.number().int(options.int)) : number
  return singleLine()
    .trim()
    .min(1, 'is required')
    .pipe(checked)
    .openapi({ type: options.int ? 'integer' : 'number', minimum: min, maximum: max })
}

const category = singleLine().trim().min(1).max(40).optional().openapi({ example: 'coffee' })

/** Query of GET /v1/search/nearby. */
export const NearbyQuerySchema = z.strictObject({
  lat: numberParam(-90, 90, 'must be between -90 and 90').openapi({ example: 30.2741 }),
  lng: numberParam(-180, 180, 'must be between -180 and 180').openapi({ example: 120.1551 }),
  radius_m: numberParam(1, 50_000, 'must be between 1 and 50000 metres', { int: 'must be whole metres' }).optional(),
  category,
  tag: singleLine().trim().min(1).max(40).optional(),
  q: singleLine().trim().max(100, 'must be at most 100 characters').optional(),
  open_now: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  min_rating: numberParam(0, 5, 'must be between 0 and 5').optional(),
  has_deal: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().openapi({ description: 'Only storefronts selling a deal (a voucher below face value) now' }),
  has_coupon: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().openapi({ description: 'Only storefronts with a coupon that can be claimed now' }),
  sort: z.enum(['distance', 'rating', 'relevance'], { error: 'must be distance, rating or relevance' }).optional(),
  limit: numberParam(1, 50, 'must be between 1 and 50', { int: 'must be a whole number' }).optional(),
  cursor: singleLine().min(1).max(2048).optional(),
  format: z.enum(['json', 'geojson']).optional().openapi({
    deprecated: true,
    description: 'Kept for existing clients: geojson answers application/geo+json. New clients call GET /v1/search/nearby.geojson, which only ever answers GeoJSON.',
  }),
})

/** Query of GET /v1/search/nearby.geojson: the nearby query; the path already says the format. */
export const NearbyGeoJsonQuerySchema = NearbyQuerySchema.omit({ format: true })

/** One storefront in a nearby result. */
export const ListingSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    location: z.object({ lat: z.number(), lng: z.number() }),
    distance_m: z.number().int(),
    rating: z.number().nullable(),
    review_count: z.number().int(),
    open_now: z.boolean(),
    h3_cell: z.string(),
    cover_url: z.string().nullable().openapi({ description: "URL of the storefront's first photo, or null" }),
    deal: z
      .object({ saving_cents: z.number().int(), currency: z.string() })
      .nullable()
      .openapi({ description: 'The best deal on sale now (largest saving = face value − price, minor units), or null' }),
  })
  .openapi('Listing')

/** A page of nearby listings. */
export const NearbyPageSchema = z
  .object({ data: z.array(ListingSchema), next_cursor: z.string().nullable() })
  .openapi('NearbyPage')

/** Query of GET /v1/search/map. */
export const MapQuerySchema = z.strictObject({
  bbox: singleLine().openapi({ description: 'minLng,minLat,maxLng,maxLat', example: '120.10,30.20,120.25,30.32' }),
  zoom: numberParam(0, 22, 'must be between 0 and 22', { int: 'must be a whole number' }),
  category,
  q: singleLine().trim().max(100, 'must be at most 100 characters').optional().openapi({ description: 'Text search, as in /v1/search/nearby' }),
  open_now: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  has_deal: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().openapi({ description: 'Only storefronts selling a deal (a voucher below face value) now' }),
  has_coupon: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().openapi({ description: 'Only storefronts with a coupon that can be claimed now' }),
  limit: numberParam(1, 500, 'must be between 1 and 500', { int: 'must be a whole number' }).optional(),
})

/** Query of GET /v1/search/serving. */
export const ServingQuerySchema = z.strictObject({
  lat: numberParam(-90, 90, 'must be between -90 and 90').openapi({ example: 30.2741 }),
  lng: numberParam(-180, 180, 'must be between -180 and 180').openapi({ example: 120.1551 }),
  category,
  limit: numberParam(1, 50, 'must be between 1 and 50', { int: 'must be a whole number' }).optional(),
  cursor: singleLine().max(2048).optional().openapi({ description: 'next_cursor of the previous page (same lat, lng and category)' }),
})

/** Storefronts serving a point. */
export const ServingSchema = z
  .object({
    data: z.array(
      ListingSchema.omit({ open_now: true, h3_cell: true, deal: true }).extend({ service_radius_m: z.number().int() }),
    ),
    next_cursor: z.string().nullable(),
  })
  .openapi('ServingMerchants')
