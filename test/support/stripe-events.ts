import Stripe from 'stripe'
import type { TestContext } from './app'

export const TEST_WEBHOOK_SECRET = 'whsec_test_secret_for_webhooks'
let seq = 0

/** A minimal Stripe event envelope around `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_test_${++seq}_${Date.now()}`) {
  return { id, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: null, data: { object } }
}

/**
 * Posts `event` to the webhook endpoint, signed like Stripe does (or with another secret or
 * timestamp to test forgeries and replays).
 */
export function sendStripeEvent(t: TestContext, event: unknown, options: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const payload = JSON.stringify(event)
  const header =
    options.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp })
      : options.signature
  return t.call('POST', '/v1/webhooks/stripe', {
    rawBody: payload,
    headers: header === null ? {} : { 'Stripe-Signature': header },
  })
}
