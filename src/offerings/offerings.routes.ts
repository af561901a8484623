import { createRoute } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth } from '../http/auth'
import { bearer, optionalBearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { CreateOfferingSchema, IdParams, OfferingListSchema, OfferingSchema, UpdateOfferingSchema } from './offerings.schemas'
import * as offerings from './offerings.service'
import { NoQuery } from '../http/text'
import { pageQuery } from '../http/keyset-page'

const tags = ['Offerings']

const createOfferingRoute = createRoute({
  method: 'post',
  path: '/merchants/{id}/offerings',
  tags,
  summary: 'Add a service, product or voucher to a storefront you own',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: IdParams, body: jsonBody(CreateOfferingSchema) },
  responses: { 201: json(OfferingSchema, 'The new offering'), ...problems(400, 401, 403, 404, 422) },
})

const listRoute = createRoute({
  method: 'get',
  path: '/merchants/{id}/offerings',
  tags,
  summary: "A storefront's offerings (its owner also sees inactive ones)",
  security: optionalBearer,
  middleware: [optionalAuth] as const,
  request: { query: pageQuery(50), params: IdParams },
  responses: { 200: json(OfferingListSchema, 'Offerings, oldest first'), ...problems(401, 404, 422) },
})

const patchRoute = createRoute({
  method: 'patch',
  path: '/offerings/{id}',
  tags,
  summary: 'Change an offering you own',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: IdParams, body: jsonBody(UpdateOfferingSchema) },
  responses: { 200: json(OfferingSchema, 'The updated offering'), ...problems(400, 401, 403, 404, 409, 422) },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/offerings/{id}',
  tags,
  summary: 'Withdraw an offering from sale (it is kept, inactive); a published storefront keeps at least one (409)',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: IdParams },
  responses: { 200: json(OfferingSchema, 'The offering, now inactive'), ...problems(401, 403, 404, 409) },
})

/** Offerings: what a storefront sells. */
export const offeringsRoutes = newRouter()
  .openapi(createOfferingRoute, async (c) =>
    c.json(await offerings.createOffering(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(listRoute, async (c) => {
    const viewer = c.get('user') as AuthUser | undefined
    return c.json(await offerings.listOfferings(c.var.deps, viewer, c.req.valid('param').id, c.req.valid('query')), 200)
  })
  .openapi(patchRoute, async (c) =>
    c.json(await offerings.updateOffering(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(deleteRoute, async (c) => c.json(await offerings.deactivateOffering(c.var.deps, c.var.user, c.req.valid('param').id), 200))
