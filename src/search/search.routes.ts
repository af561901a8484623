import { createRoute } from '@hono/zod-openapi'
import { json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { GEOJSON_TYPE, listingsToGeoJson, wantsGeoJson } from './geojson'
import { mapViewport } from './map.service'
import { searchNearby } from './nearby.service'
import { MapFeatureCollectionSchema, NearbyFeatureCollectionSchema } from './geojson.schemas'
import {
  MapQuerySchema,
  NearbyGeoJsonQuerySchema,
  NearbyPageSchema,
  NearbyQuerySchema,
  ServingQuerySchema,
  ServingSchema,
} from './search.schemas'
import { servingPoint } from './serving.service'

const nearbyRoute = createRoute({
  method: 'get',
  path: '/search/nearby',
  tags: ['Search'],
  summary: 'Active storefronts near a point',
  description:
    'Sorted by geodesic distance (default), Bayesian rating or relevance; page with next_cursor. ' +
    'Answers application/json. For an RFC 7946 FeatureCollection call GET /v1/search/nearby.geojson ' +
    '(its own path, so tools never mix the two shapes); `Accept: application/geo+json` or the deprecated ' +
    '`format=geojson` still switch this path to GeoJSON for existing clients, described under that media type.',
  request: { query: NearbyQuerySchema },
  responses: {
    200: {
      description: 'One page of listings',
      content: { 'application/json': { schema: NearbyPageSchema }, [GEOJSON_TYPE]: { schema: NearbyFeatureCollectionSchema } },
    },
    ...problems(422),
  },
})

const nearbyGeoJsonRoute = createRoute({
  method: 'get',
  path: '/search/nearby.geojson',
  tags: ['Search'],
  summary: 'Active storefronts near a point, as GeoJSON',
  description:
    'The nearby search as an RFC 7946 FeatureCollection of Point features (properties: the listing without `location`); ' +
    'next_cursor travels as a foreign member and continues this path. Same parameters and limits as GET /v1/search/nearby.',
  request: { query: NearbyGeoJsonQuerySchema },
  responses: {
    200: { description: 'One page of listings as Point features', content: { [GEOJSON_TYPE]: { schema: NearbyFeatureCollectionSchema } } },
    ...problems(422),
  },
})

const mapRoute = createRoute({
  method: 'get',
  path: '/search/map',
  tags: ['Search'],
  summary: 'Storefronts or H3 clusters for one map viewport',
  request: { query: MapQuerySchema },
  responses: {
    200: { description: 'Points, or hexagon clusters when the viewport is crowded', content: { [GEOJSON_TYPE]: { schema: MapFeatureCollectionSchema } } },
    ...problems(422),
  },
})

const servingRoute = createRoute({
  method: 'get',
  path: '/search/serving',
  tags: ['Search'],
  summary: 'Storefronts whose service area covers a point',
  request: { query: ServingQuerySchema },
  responses: { 200: json(ServingSchema, 'Storefronts serving the point, nearest first'), ...problems(422) },
})

/** Nearby search, map viewports and service-area lookup. */
export const searchRoutes = newRouter()
  .openapi(nearbyRoute, async (c) => {
    const query = c.req.valid('query')
    const page = await searchNearby(c.var.deps, query)
    c.header('Vary', 'Accept')
    if (wantsGeoJson(c.req.header('Accept'), query.format)) {
      return c.json(listingsToGeoJson(page) as never, 200, { 'Content-Type': GEOJSON_TYPE })
    }
    return c.json(page, 200)
  })
  .openapi(nearbyGeoJsonRoute, async (c) => {
    const page = await searchNearby(c.var.deps, c.req.valid('query'))
    return c.json(listingsToGeoJson(page) as never, 200, { 'Content-Type': GEOJSON_TYPE })
  })
  .openapi(mapRoute, async (c) => {
    const collection = await mapViewport(c.var.deps, c.req.valid('query'))
    // The service builds @types/geojson objects; the schema is the exact contract (checked by the test client).
    return c.json(collection as never, 200, { 'Content-Type': GEOJSON_TYPE })
  })
  .openapi(servingRoute, async (c) => c.json(await servingPoint(c.var.deps, c.req.valid('query')), 200))
