import type { Transaction } from 'kysely'
import type { AppDeps } from '../context'
import type { Database } from '../db/database'
import { withTransaction } from '../db/transaction'
import type { OrderRow } from '../orders/order.table'
import { transition } from '../orders/order-state'
import * as orders from '../orders/orders.repository'
import { newRedemptionCode } from '../redemptions/redemption-code'
import { isShareIntent, shareAuthorised, shareCanceled, shareCaptured } from '../splits/share-events'
import { type ChargeEvent, checkEvent, type PaymentIntentEvent } from './event-shapes'
import * as webhooks from './webhooks.repository'
import { sha256Hex } from '../http/digest'

type Trx = Transaction<Database>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The card order a PaymentIntent belongs to, locked; the metadata covers a webhook that beats our own write of the intent id. */
async function lockOrderFor(trx: Trx, paymentIntentId: string | null, metadata: Record<string, string> | null | undefined): Promise<OrderRow | undefined> {
  const byIntent = paymentIntentId ? await orders.findOrderByPaymentIntent(trx, paymentIntentId) : undefined
  const metaId = metadata?.order_id
  const id = byIntent?.id ?? (metaId && UUID.test(metaId) ? metaId : undefined)
  const row = id ? await orders.lockOrder(trx, id) : undefined
  if (!row || row.payment_provider !== 'stripe') return undefined
  if (paymentIntentId && row.payment_intent_id && row.payment_intent_id !== paymentIntentId) return undefined
  return row
}

async function flag(trx: Trx, order: OrderRow, reason: string): Promise<void> {
  await orders.updateOrder(trx, order.id, { needs_review: true, review_reason: reason })
}

async function paymentSucceeded(trx: Trx, intent: PaymentIntentEvent): Promise<void> {
  const order = await lockOrderFor(trx, intent.id, intent.metadata)
  if (!order) return
  if (!order.payment_intent_id) await orders.updateOrder(trx, order.id, { payment_intent_id: intent.id })
  const received = intent.amount_received || intent.amount
  if (received !== order.total_cents || intent.currency.toLowerCase() !== order.currency.toLowerCase()) {
    const got = `${received} ${intent.currency.toUpperCase()}`
    return flag(trx, order, `payment of ${got} does not match the order total of ${order.total_cents} ${order.currency}`)
  }
  if (order.refund_recorded_at) {
    // The refund arrived first: the payment still happened, but it must not resurrect the order.
    if (await transition(trx, order.id, 'paid', 'payment_succeeded')) await transition(trx, order.id, 'refunded', 'charge_refunded_earlier')
    return
  }
  const paid = await transition(trx, order.id, 'paid', 'payment_succeeded', { redemption_code: newRedemptionCode() })
  if (!paid && order.status === 'cancelled') await flag(trx, order, 'paid after the order was cancelled; refund the payment')
}

async function paymentFailed(trx: Trx, intent: PaymentIntentEvent): Promise<void> {
  const order = await lockOrderFor(trx, intent.id, intent.metadata)
  // Allowed only from pending_payment, so a late failure never downgrades a paid order.
  if (order) await transition(trx, order.id, 'payment_failed', 'payment_failed')
}

/**
 * A refund counts only against the order paid with the refunded charge's PaymentIntent, for that
 * order's amount and currency; anything else is returned as a reason for review and changes
 * nothing. A partial refund is recorded as an amount; only a full refund moves the order.
 */
async function chargeRefunded(trx: Trx, charge: ChargeEvent): Promise<string | undefined> {
  const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null)
  const found = intentId ? await orders.findOrderByPaymentIntent(trx, intentId) : undefined
  if (!found) {
    const metaId = charge.metadata?.order_id
    const named = metaId && UUID.test(metaId) ? await orders.findOrder(trx, metaId) : undefined
    if (!named) return undefined // not a charge of ours
    return `refund of charge ${charge.id} (payment ${intentId ?? 'none'}) names order ${named.id}, which was paid with ${named.payment_intent_id ?? 'no payment'}`
  }
  const order = await orders.lockOrder(trx, found.id)
  if (!order || order.payment_provider !== 'stripe') return undefined
  const currency = charge.currency.toUpperCase()
  if (charge.amount !== order.total_cents || currency !== order.currency.toUpperCase()) {
    return `refunded charge ${charge.id} of ${charge.amount} ${currency} does not match order ${order.id} (${order.total_cents} ${order.currency})`
  }
  if (charge.amount_refunded > charge.amount) {
    return `charge ${charge.id} reports ${charge.amount_refunded} refunded of ${charge.amount}`
  }
  await orders.recordRefundedAmount(trx, order.id, charge.amount_refunded)
  if (!charge.refunded || charge.amount_refunded < order.total_cents) return undefined // partial: the order stays as it is
  await orders.updateOrder(trx, order.id, { refund_recorded_at: new Date() })
  if (await transition(trx, order.id, 'refunded', 'charge_refunded')) return undefined
  if (order.status === 'completed' || order.status === 'cancelled') await flag(trx, order, `refunded while ${order.status}`)
  return undefined
}

async function fingerprint(event: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(event) ?? '')
}

/**
 * Applies one verified Stripe event exactly once: its id goes into stripe_events in the same
 * transaction as its effects, so duplicate deliveries (even simultaneous ones) change nothing.
 * Unknown event types are recorded and ignored. An event whose shape is not what its type
 * promises, or a refund that does not match its order, is recorded for review and changes nothing.
 */
export async function handleStripeEvent(deps: AppDeps, event: unknown): Promise<'processed' | 'review' | 'duplicate'> {
  const checked = checkEvent(event)
  if (!checked.ok) {
    // Without a usable id, identical payloads still count as one delivery.
    const id = checked.id ?? `unidentified:${await fingerprint(event)}`
    const recorded = await webhooks.recordEvent(deps.db, id, checked.type, { reason: checked.reason, payload: event })
    return recorded ? 'review' : 'duplicate'
  }
  return withTransaction(deps.db, async (trx) => {
    const type = checked.type === 'ignored' ? checked.stripeType : checked.type
    if (!(await webhooks.recordEvent(trx, checked.id, type))) return 'duplicate'
    let review: string | undefined
    // Shares of split orders have their own intents (metadata.share_id) and their own rules.
    if (checked.type.startsWith('payment_intent.') && 'object' in checked && isShareIntent(checked.object as PaymentIntentEvent)) {
      const intent = checked.object as PaymentIntentEvent
      if (checked.type === 'payment_intent.amount_capturable_updated') await shareAuthorised(trx, intent, deps.now())
      else if (checked.type === 'payment_intent.succeeded') await shareCaptured(trx, intent)
      else if (checked.type === 'payment_intent.canceled') await shareCanceled(trx, intent)
      return 'processed'
    }
    switch (checked.type) {
      case 'payment_intent.amount_capturable_updated':
      case 'payment_intent.canceled':
        break
      case 'payment_intent.succeeded':
        await paymentSucceeded(trx, checked.object)
        break
      case 'payment_intent.payment_failed':
        await paymentFailed(trx, checked.object)
        break
      case 'charge.refunded':
        review = await chargeRefunded(trx, checked.object)
        break
      case 'account.updated': {
        const account = checked.object
        await webhooks.updatePayoutState(trx, account.id, {
          charges_enabled: account.charges_enabled ?? false,
          payouts_enabled: account.payouts_enabled ?? false,
          details_submitted: account.details_submitted ?? false,
        })
        break
      }
      case 'ignored':
        break
    }
    if (!review) return 'processed'
    await webhooks.markEventForReview(trx, checked.id, review, event)
    return 'review'
  })
}
