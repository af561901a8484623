import { z } from 'zod'

// What each handled event type promises, checked before anything is read from it. Stripe adds
// fields freely, so these are loose (extra fields pass); only what we use is required.
const metadata = z.record(z.string(), z.string()).nullish()
const amount = z.number().int().min(0)

const PaymentIntentShape = z.object({
  id: z.string().min(1),
  amount,
  amount_received: amount.nullish(),
  amount_capturable: amount.nullish(),
  currency: z.string().min(1),
  metadata,
})

const ChargeShape = z.object({
  id: z.string().min(1),
  amount,
  amount_refunded: amount,
  refunded: z.boolean(),
  currency: z.string().min(1),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata,
})

const AccountShape = z.object({
  id: z.string().min(1),
  charges_enabled: z.boolean().nullish(),
  payouts_enabled: z.boolean().nullish(),
  details_submitted: z.boolean().nullish(),
})

const Envelope = z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(255), data: z.object({ object: z.record(z.string(), z.unknown()) }) })

export type PaymentIntentEvent = z.output<typeof PaymentIntentShape>
export type ChargeEvent = z.output<typeof ChargeShape>

/** A verified event in the shape its type promises, or the reason it is not. */
export type CheckedEvent =
  | {
      ok: true
      id: string
      type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'payment_intent.amount_capturable_updated' | 'payment_intent.canceled'
      object: PaymentIntentEvent
    }
  | { ok: true; id: string; type: 'charge.refunded'; object: ChargeEvent }
  | { ok: true; id: string; type: 'account.updated'; object: z.output<typeof AccountShape> }
  | { ok: true; id: string; type: 'ignored'; stripeType: string }
  | { ok: false; id: string | undefined; type: string; reason: string }

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ')
}

/** Checks a signed event's envelope and, for the types we act on, its `data.object`. */
export function checkEvent(event: unknown): CheckedEvent {
  const envelope = Envelope.safeParse(event)
  if (!envelope.success) {
    const raw = event as { id?: unknown; type?: unknown } | null
    const id = typeof raw?.id === 'string' && raw.id.length > 0 && raw.id.length <= 255 ? raw.id : undefined
    const type = typeof raw?.type === 'string' ? raw.type.slice(0, 255) : '(none)'
    return { ok: false, id, type, reason: `not a Stripe event: ${describe(envelope.error)}` }
  }
  const { id, type, data } = envelope.data
  const shaped = <T>(schema: z.ZodType<T>, make: (object: T) => CheckedEvent): CheckedEvent => {
    const result = schema.safeParse(data.object)
    if (result.success) return make(result.data)
    return { ok: false, id, type, reason: `${type} without the object it promises: data.object.${describe(result.error)}` }
  }
  switch (type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.amount_capturable_updated':
    case 'payment_intent.canceled':
      return shaped(PaymentIntentShape, (object) => ({ ok: true, id, type, object }))
    case 'charge.refunded':
      return shaped(ChargeShape, (object) => ({ ok: true, id, type, object }))
    case 'account.updated':
      return shaped(AccountShape, (object) => ({ ok: true, id, type, object }))
    default:
      return { ok: true, id, type: 'ignored', stripeType: type }
  }
}
