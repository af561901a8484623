import { createRoute, z } from '@hono/zod-openapi'
import { NotImplementedError } from '../errors'
import { json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { handleStripeEvent } from './handle-event'

// No request body schema on purpose: the signature covers the raw bytes, so nothing may parse
// the body before it is verified.
const webhookRoute = createRoute({
  method: 'post',
  path: '/webhooks/stripe',
  tags: ['Payments'],
  summary: 'Stripe webhook endpoint (signed with STRIPE_WEBHOOK_SECRET)',
  request: { headers: z.object({ 'stripe-signature': z.string().optional() }) },
  responses: {
    200: json(z.object({ received: z.literal(true), duplicate: z.boolean() }), 'Processed, duplicate, or ignored'),
    ...problems(400, 501),
  },
})

/** Stripe's calls into the platform: payments, refunds, payout account state. */
export const stripeWebhookRoutes = newRouter().openapi(webhookRoute, async (c) => {
  const stripe = c.var.deps.payments.stripe
  if (!stripe) throw new NotImplementedError('card payments are not configured on this server', 'payments_not_configured')
  const event = await stripe.verifyWebhook(await c.req.text(), c.req.header('Stripe-Signature'))
  const outcome = await handleStripeEvent(c.var.deps, event)
  return c.json({ received: true as const, duplicate: outcome === 'duplicate' }, 200)
})
