import { createRoute } from '@hono/zod-openapi'
import { requireAuth } from '../http/auth'
import { bearer, json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { FeedPageSchema, FeedQuery } from './feed.schemas'
import { readFeed } from './feed.service'

const feed = createRoute({
  method: 'get', path: '/feed', tags: ['Fans'],
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Your feed: posts, new coupons and new deals of storefronts you follow, and replies to your reviews, newest first, from the last 180 days',
  request: { query: FeedQuery },
  responses: { 200: json(FeedPageSchema, 'A page of feed items'), ...problems(400, 401, 422) },
})

/** The signed-in consumer's feed. */
export const feedRoutes = newRouter().openapi(feed, async (c) => c.json(await readFeed(c.var.deps, c.var.user, c.req.valid('query')), 200))
