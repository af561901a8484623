import fc from 'fast-check'
import Stripe from 'stripe'
import { badJsonValue } from './bad-values'
import type { FuzzRequest } from './requests'

const TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'account.updated', 'checkout.session.completed', 'unknown.type', '']

/**
 * Correctly signed webhook calls with bodies of the wrong shape (`[]`, `null`, events without
 * `data.object`, objects of the wrong type), so the fuzzing gets past the signature check.
 */
export function signedWebhooks(secret: string, orderId: string): fc.Arbitrary<FuzzRequest> {
  const object = fc.oneof(
    badJsonValue,
    fc.record({ id: fc.oneof(fc.string(), badJsonValue), object: fc.constantFrom('payment_intent', 'charge', 'account'), metadata: fc.oneof(fc.constant({ order_id: orderId }), badJsonValue) }, { requiredKeys: [] }),
  )
  const event = fc.oneof(
    badJsonValue,
    fc.record(
      { id: fc.oneof(fc.string({ maxLength: 20 }).map((s) => `evt_fuzz_${s}`), badJsonValue), type: fc.oneof(fc.constantFrom(...TYPES), badJsonValue), data: fc.oneof(fc.record({ object }, { requiredKeys: [] }), badJsonValue) },
      { requiredKeys: [] },
    ),
  )
  return event.map((value) => {
    const payload = JSON.stringify(value) ?? 'null'
    return {
      operation: 'POST /v1/webhooks/stripe',
      mutation: 'webhook:signed-bad-shape',
      method: 'POST',
      url: '/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    }
  })
}
