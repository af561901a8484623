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
  description:
    'Stripe posts events here. The body is read as raw bytes and verified against `Stripe-Signature` before it is parsed, ' +
    'so the schema below documents Stripe\'s event envelope without constraining it. Events already seen answer `duplicate: true`.',
  request: {
    headers: z.object({
      'stripe-signature': z.string().optional().openapi({ description: 'Stripe\'s signature of the raw body (`t=…,v1=…`); missing or wrong → 400' }),
    }),
    // A plain JSON Schema, not zod: the route must not parse the body before the signature is checked.
    body: {
      required: true,
      description: 'A Stripe event, exactly as Stripe sent it (raw bytes are verified)',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['id', 'type', 'data'],
            properties: { id: { type: 'string' }, type: { type: 'string' }, data: { type: 'object' } },
            additionalProperties: true,
          },
        },
      },
    },
  },
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
