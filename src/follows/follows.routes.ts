import { createRoute } from '@hono/zod-openapi'
import { requireAuth } from '../http/auth'
import { bearer, json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { MerchantIdParams } from '../merchants/merchants.schemas'
import { FollowerDaysQuery, FollowerDaysSchema, FollowingPageSchema, FollowingQuery, FollowStateSchema } from './follows.schemas'
import { followerHistory, followState, listFollowing, setFollow } from './follows.service'

const tags = ['Fans']

const follow = createRoute({
  method: 'put', path: '/merchants/{id}/follow', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Follow a storefront (idempotent)', request: { params: MerchantIdParams },
  responses: { 200: json(FollowStateSchema, 'Now following'), ...problems(401, 403, 404, 422) },
})
const state = createRoute({
  method: 'get', path: '/merchants/{id}/follow', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Whether you follow a storefront, and its follower count', request: { params: MerchantIdParams },
  responses: { 200: json(FollowStateSchema, 'Your follow state'), ...problems(401, 404, 422) },
})
const unfollow = createRoute({
  method: 'delete', path: '/merchants/{id}/follow', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Stop following a storefront (idempotent)', request: { params: MerchantIdParams },
  responses: { 200: json(FollowStateSchema, 'Not following'), ...problems(401, 404, 422) },
})
const following = createRoute({
  method: 'get', path: '/me/following', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Storefronts you follow, most recently followed first', request: { query: FollowingQuery },
  responses: { 200: json(FollowingPageSchema, 'A page of followed storefronts'), ...problems(400, 401, 422) },
})
const daily = createRoute({
  method: 'get', path: '/merchants/{id}/followers/daily', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: "Follower count per UTC day (the storefront's owner; last 30 days by default)",
  request: { params: MerchantIdParams, query: FollowerDaysQuery },
  responses: { 200: json(FollowerDaysSchema, 'Follows, unfollows and the count per day'), ...problems(401, 403, 404, 422) },
})

/** Fans: follow and unfollow storefronts, the stores you follow, follower history for owners. */
export const followsRoutes = newRouter()
  .openapi(follow, async (c) => c.json(await setFollow(c.var.deps, c.var.user, c.req.valid('param').id, true), 200))
  .openapi(state, async (c) => c.json(await followState(c.var.deps, c.var.user, c.req.valid('param').id), 200))
  .openapi(unfollow, async (c) => c.json(await setFollow(c.var.deps, c.var.user, c.req.valid('param').id, false), 200))
  .openapi(following, async (c) => c.json(await listFollowing(c.var.deps, c.var.user, c.req.valid('query')), 200))
  .openapi(daily, async (c) => c.json(await followerHistory(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200))
