import { createRoute, z } from '@hono/zod-openapi'
import { json, problems } from '../http/responses'
import { singleLine } from '../http/text'
import { newRouter } from '../http/validation'
import { gazetteerGeocoder } from './gazetteer'

const PlaceSchema = z
  .object({
    name_en: z.string().openapi({ example: 'West Lake' }),
    name_zh: z.string().openapi({ example: '西湖' }),
    lat: z.number(),
    lng: z.number(),
    zoom: z.number().int(),
  })
  .openapi('Place')

/** At most five places: one page, in the `{data, next_cursor}` shape of every list (next_cursor is null). */
const PlaceListSchema = z.object({ data: z.array(PlaceSchema), next_cursor: z.null().openapi({ type: 'null' }) }).openapi('PlaceList')

const searchRoute = createRoute({
  method: 'get',
  path: '/places',
  tags: ['Search'],
  summary: 'Places (districts, landmarks) matching a name in English or Chinese, to move the map to',
  request: { query: z.strictObject({ q: singleLine().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }) },
  responses: { 200: json(PlaceListSchema, 'Matching places, best first (at most 5)'), ...problems(422) },
})

const geocoder = gazetteerGeocoder()

/** Place search behind one geocoder (the demo gazetteer; Nominatim or Pelias in production). */
export const placesRoutes = newRouter().openapi(searchRoute, async (c) =>
  c.json({ data: await geocoder.search(c.req.valid('query').q, 5), next_cursor: null }, 200),
)
