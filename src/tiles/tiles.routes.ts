import { z } from '@hono/zod-openapi'
import { problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { vectorTile } from './tiles.service'

/** The registered media type of Mapbox Vector Tiles. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

/** Vector tiles for map clients (Postgres deployments). */
export const tilesRoutes = newRouter()

// `{y}.mvt` is not a plain path parameter, so the handler is a regex route and the OpenAPI entry
// is registered by hand.
tilesRoutes.openAPIRegistry.registerPath({
  method: 'get',
  path: '/tiles/{z}/{x}/{y}.mvt',
  tags: ['Search'],
  summary: 'Vector tile of active storefronts (layer "merchants")',
  description:
    'Needs a PostGIS server; the embedded database answers 501. At most TILE_MAX_FEATURES storefronts (default 2,000) per tile: ' +
    'past that the tile keeps the highest rated (then most reviewed, then lowest id), so a storefront shown at one zoom stays shown ' +
    'when zooming in, and says so in the `X-Tile-Thinned: true` header.',
  request: {
    params: z.object({
      z: z.string().openapi({ type: 'integer', minimum: 0, maximum: 22, description: 'Zoom level' }),
      x: z.string().openapi({ type: 'integer', minimum: 0, description: 'Tile column, below 2^z' }),
      y: z.string().openapi({ type: 'integer', minimum: 0, description: 'Tile row, below 2^z' }),
    }),
  },
  responses: {
    200: {
      description: 'Mapbox Vector Tile',
      headers: { 'X-Tile-Thinned': { description: 'true when storefronts were left out to keep the tile under its feature cap', schema: { type: 'string', enum: ['true', 'false'] } } },
      content: { [MVT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(422, 501),
  },
})

tilesRoutes.get('/tiles/:z/:x/:y{[^/]+\\.mvt}', async (c) => {
  const { z: zoom, x, y } = c.req.param()
  const { tile, thinned } = await vectorTile(c.var.deps, { z: zoom, x, y: y.slice(0, -'.mvt'.length) })
  return c.body(tile as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': MVT_TYPE, 'Cache-Control': 'public, max-age=60', 'X-Tile-Thinned': String(thinned) })
})
