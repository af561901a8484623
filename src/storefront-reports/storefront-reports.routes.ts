import { createRoute } from '@hono/zod-openapi'
import { requireAuth } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { NoQuery } from '../http/text'
import { newRouter } from '../http/validation'
import { MerchantIdParams } from '../merchants/merchants.schemas'
import { reportStorefront } from './report-storefront'
import { StorefrontReportInputSchema, StorefrontReportSchema } from './storefront-reports.schemas'

const report = createRoute({
  method: 'post', path: '/merchants/{id}/reports', tags: ['Storefronts'], security: bearer, middleware: [requireAuth] as const,
  summary: 'Report a storefront (once per user; not your own); it is never recommended to you again',
  request: { params: MerchantIdParams, query: NoQuery, body: jsonBody(StorefrontReportInputSchema) },
  responses: { 201: json(StorefrontReportSchema, 'Reported'), ...problems(400, 401, 403, 404, 409, 422) },
})

/** Storefront reports by signed-in users. */
export const storefrontReportsRoutes = newRouter()
  .openapi(report, async (c) => c.json(await reportStorefront(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201))
