import { createRoute, z } from '@hono/zod-openapi'
import { requireAuth, requireRole } from '../http/auth'
import { bearer, json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { getPayouts, startOnboarding } from './payouts'
import { NoQuery } from '../http/text'

const params = z.strictObject({ id: z.uuid('must be a storefront id') })

const PayoutStateSchema = z
  .object({ charges_enabled: z.boolean(), payouts_enabled: z.boolean(), details_submitted: z.boolean() })
  .openapi('PayoutState')

const onboardingRoute = createRoute({
  method: 'post',
  path: '/merchants/{id}/payouts/onboarding',
  tags: ['Payments'],
  summary: 'Get a Stripe onboarding link for payouts to this storefront (owner)',
  security: bearer,
  middleware: [requireAuth, requireRole('merchant')] as const,
  request: { query: NoQuery, params },
  responses: { 200: json(z.object({ url: z.string() }), 'Send the owner to this URL'), ...problems(401, 403, 404, 422, 501, 502) },
})

const stateRoute = createRoute({
  method: 'get',
  path: '/merchants/{id}/payouts',
  tags: ['Payments'],
  summary: "The storefront's payout state (owner)",
  security: bearer,
  middleware: [requireAuth, requireRole('merchant')] as const,
  request: { query: NoQuery, params },
  responses: { 200: json(PayoutStateSchema, 'Payout state as last reported by Stripe'), ...problems(401, 403, 404, 422) },
})

/** Merchant payouts through Stripe Connect Express. */
export const payoutsRoutes = newRouter()
  .openapi(onboardingRoute, async (c) => c.json(await startOnboarding(c.var.deps, c.var.user, c.req.valid('param').id), 200))
  .openapi(stateRoute, async (c) => c.json(await getPayouts(c.var.deps, c.var.user, c.req.valid('param').id), 200))
