import { z } from '@hono/zod-openapi'

// An array rather than a tuple: linters and older validators expect `items` on every array.
const position = z
  .array(z.number().min(-180).max(180))
  .length(2)
  .openapi({ description: '[longitude, latitude] in WGS 84 degrees, 6 decimals (RFC 7946 §3.1.1); longitudes within ±180' })
// A closed linear ring: at least four positions, the last equal to the first, counter-clockwise.
const ring = z.array(position).min(4)

/** GeoJSON Point geometry. */
export const PointSchema = z.object({ type: z.literal('Point'), coordinates: position }).openapi('GeoJsonPoint')

/** GeoJSON Polygon geometry (one exterior ring). */
export const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }).openapi('GeoJsonPolygon')

/** GeoJSON MultiPolygon geometry: a cluster cell split at the antimeridian (RFC 7946 §3.1.9). */
export const MultiPolygonSchema = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) })
  .openapi('GeoJsonMultiPolygon')

const listingProps = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  distance_m: z.number().int(),
  rating: z.number().nullable(),
  review_count: z.number().int(),
  open_now: z.boolean(),
  h3_cell: z.string(),
  cover_url: z.string().nullable(),
  deal: z.object({ saving_cents: z.number().int(), currency: z.string() }).nullable(),
})

/** GET /v1/search/nearby as GeoJSON: Point features; next_cursor is a foreign member. */
export const NearbyFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), geometry: PointSchema, properties: listingProps })),
    next_cursor: z.string().nullable(),
  })
  .openapi('NearbyFeatureCollection')

const merchantFeature = z.object({
  type: z.literal('Feature'),
  geometry: PointSchema,
  properties: z.object({
    kind: z.literal('merchant'),
    id: z.uuid(),
    name: z.string(),
    category: z.string(),
    rating: z.number().nullable(),
    cover_url: z.string().nullable(),
    has_deal: z.boolean().openapi({ description: 'Sells a deal that can be bought now' }),
    has_coupon: z.boolean().openapi({ description: 'Runs a coupon campaign that can be claimed now' }),
  }),
})

const clusterFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.union([PolygonSchema, MultiPolygonSchema]),
  properties: z.object({
    kind: z.literal('cluster'),
    h3_cell: z.string(),
    count: z.number().int().min(1),
    centroid: position.openapi({ description: 'Mean position of the clustered storefronts, on the sphere' }),
  }),
})

/** GET /v1/search/map: storefront points, or H3 cluster polygons when the viewport is crowded. */
export const MapFeatureCollectionSchema = z
  .union([
    z.object({ type: z.literal('FeatureCollection'), kind: z.literal('merchants'), total: z.number().int(), features: z.array(merchantFeature) }),
    z.object({
      type: z.literal('FeatureCollection'),
      kind: z.literal('clusters'),
      total: z.number().int(),
      resolution: z.number().int().min(0).max(15),
      features: z.array(clusterFeature),
    }),
  ])
  .openapi('MapFeatureCollection')
