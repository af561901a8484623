import { createRoute, z } from '@hono/zod-openapi'
import { requireAuth, requireRole } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { OrderSchema } from '../orders/orders.schemas'
import { redeem } from './redeem'
import { NoQuery, singleLine } from '../http/text'

const RedeemSchema = z
  .strictObject({
    code: singleLine().trim().min(1, 'is required').max(40).openapi({ example: 'K7QX3-M9PRT' }),
    cash_collected_cents: z
      .number()
      .int('must be whole minor units')
      .min(0, 'must not be negative')
      .max(100_000_000, 'is too large')
      .optional()
      .openapi({ description: 'Split orders with shares paid at the counter: the cash taken for them, which must equal what is due (a 422 names the amount otherwise)' }),
  })
  .openapi('RedeemRequest')

const redeemRoute = createRoute({
  method: 'post',
  path: '/merchants/{id}/redemptions',
  tags: ['Orders'],
  summary: "Redeem a customer's code at the counter (storefront owner); the order becomes completed",
  security: bearer,
  middleware: [requireAuth, requireRole('merchant')] as const,
  request: { query: NoQuery, params: z.strictObject({ id: z.uuid('must be a storefront id') }), body: jsonBody(RedeemSchema) },
  responses: { 200: json(OrderSchema, 'Redeemed; the order is completed'), ...problems(401, 403, 404, 409, 422, 429) },
})

/** Redemption of order codes in store. */
export const redemptionsRoutes = newRouter().openapi(redeemRoute, async (c) =>
  c.json(await redeem(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').code, c.req.valid('json').cash_collected_cents), 200),
)
