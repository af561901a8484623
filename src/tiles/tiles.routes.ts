import { createRoute, z } from '@hono/zod-openapi'
import { problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { vectorTile } from './tiles.service'

/** The registered media type of Mapbox Vector Tiles. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

const tileRoute = createRoute({
  method: 'get',
  path: '/tiles/{z}/{x}/{y}.mvt',
  tags: ['Search'],
  summary: 'Vector tile of active storefronts (layer "merchants")',
  request: { params: z.object({ z: z.string(), x: z.string(), y: z.string() }) },
  responses: {
    200: { description: 'Mapbox Vector Tile', content: { [MVT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems(422, 501),
  },
})

/** Vector tiles for map clients (Postgres deployments). */
export const tilesRoutes = newRouter().openapi(tileRoute, async (c) => {
  const tile = await vectorTile(c.var.deps, c.req.valid('param'))
  return c.body(tile as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': MVT_TYPE, 'Cache-Control': 'public, max-age=60' })
})
