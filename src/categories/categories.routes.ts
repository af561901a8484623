import { createRoute } from '@hono/zod-openapi'
import { json } from '../http/responses'
import { newRouter } from '../http/validation'
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
export const categoriesRoutes = newRouter().openapi(listRoute, async (c) => c.json({ data: await listCategories(c.var.deps.db), next_cursor: null }, 200))
