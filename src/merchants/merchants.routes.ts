import { createRoute } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth, requireRole } from '../http/auth'
import { bearer, optionalBearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import {
  CreateMerchantSchema,
  MerchantIdParams,
  OwnerQuery,
  StorefrontListSchema,
  StorefrontSchema,
  UpdateMerchantSchema,
} from './merchants.schemas'
import * as merchants from './merchants.service'
import { NoQuery } from '../http/text'

const tags = ['Storefronts']

const createRouteDef = createRoute({
  method: 'post',
  path: '/merchants',
  tags,
  summary: 'Open a draft storefront (merchant accounts)',
  security: bearer,
  middleware: [requireAuth, requireRole('merchant')] as const,
  request: { query: NoQuery, body: jsonBody(CreateMerchantSchema) },
  responses: { 201: json(StorefrontSchema, 'The new draft storefront'), ...problems(400, 401, 403, 422) },
})

const listMineRoute = createRoute({
  method: 'get',
  path: '/merchants',
  tags,
  summary: "The caller's own storefronts, drafts included (owner=me)",
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: OwnerQuery },
  responses: { 200: json(StorefrontListSchema, 'Storefronts, newest first'), ...problems(401, 422) },
})

const getRoute = createRoute({
  method: 'get',
  path: '/merchants/{id}',
  tags,
  summary: 'A storefront (drafts only to their owner)',
  security: optionalBearer,
  middleware: [optionalAuth] as const,
  request: { query: NoQuery, params: MerchantIdParams },
  responses: { 200: json(StorefrontSchema, 'The storefront'), ...problems(401, 404) },
})

const patchRoute = createRoute({
  method: 'patch',
  path: '/merchants/{id}',
  tags,
  summary: 'Change a storefront you own',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: MerchantIdParams, body: jsonBody(UpdateMerchantSchema) },
  responses: { 200: json(StorefrontSchema, 'The updated storefront'), ...problems(400, 401, 403, 404, 409, 422) },
})

const publishRoute = createRoute({
  method: 'post',
  path: '/merchants/{id}/publish',
  tags,
  summary: 'Make a storefront public; needs opening hours and an active offering',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: MerchantIdParams },
  responses: { 200: json(StorefrontSchema, 'The active storefront'), ...problems(401, 403, 404, 422) },
})

const unpublishRoute = createRoute({
  method: 'post',
  path: '/merchants/{id}/unpublish',
  tags,
  summary: 'Take a storefront you own off the map and out of search (back to draft); orders already placed are kept',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { params: MerchantIdParams },
  responses: { 200: json(StorefrontSchema, 'The storefront, now a draft'), ...problems(401, 403, 404) },
})

/** Storefronts: onboarding, reading, editing, publishing and unpublishing. */
export const merchantsRoutes = newRouter()
  .openapi(createRouteDef, async (c) => c.json(await merchants.createMerchant(c.var.deps, c.var.user.id, c.req.valid('json')), 201))
  .openapi(listMineRoute, async (c) => {
    const { owner: _me, ...page } = c.req.valid('query')
    return c.json(await merchants.listOwnMerchants(c.var.deps, c.var.user, page), 200)
  })
  .openapi(getRoute, async (c) => {
    const viewer = c.get('user') as AuthUser | undefined
    return c.json(await merchants.getMerchant(c.var.deps, viewer, c.req.valid('param').id), 200)
  })
  .openapi(patchRoute, async (c) =>
    c.json(await merchants.updateMerchant(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(publishRoute, async (c) => c.json(await merchants.publishMerchant(c.var.deps, c.var.user, c.req.valid('param').id), 200))
  .openapi(unpublishRoute, async (c) => c.json(await merchants.unpublishMerchant(c.var.deps, c.var.user, c.req.valid('param').id), 200))
