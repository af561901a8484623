import { createRoute } from '@hono/zod-openapi'
import { json } from '../http/responses'
import { newRouter } from '../http/validation'
import { readHandle } from '../db/read-replicas'
import { listCategories } from './categories.repository'
import { CategoryListSchema } from './categories.schemas'
import { NoQuery } from '../http/text'

const listRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['Storefronts'],
  summary: 'Storefront categories, in display order',
  request: { query: NoQuery },
  responses: { 200: json(CategoryListSchema, 'All categories') },
})

/** Categories a storefront can be listed under. */
// Categories change only with a release: any replica's copy will do.
export const categoriesRoutes = newRouter().openapi(listRoute, async (c) => c.json({ data: await listCategories(readHandle(c.var.deps)), next_cursor: null }, 200))
