import type { Transaction } from 'kysely'
import type Stripe from 'stripe'
import type { AppDeps } from '../context'
import type { Database } from '../db/database'
import { withTransaction } from '../db/transaction'
import type { OrderRow } from '../orders/order.table'
import { transition } from '../orders/order-state'
import * as orders from '../orders/orders.repository'
import { newRedemptionCode } from '../redemptions/redemption-code'
import * as webhooks from './webhooks.repository'

type Trx = Transaction<Database>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The card order a PaymentIntent belongs to, locked; the metadata covers a webhook that beats our own write of the intent id. */
async function lockOrderFor(trx: Trx, paymentIntentId: string | null, metadata: Stripe.Metadata | null | undefined): Promise<OrderRow | undefined> {
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

async function paymentSucceeded(trx: Trx, intent: Stripe.PaymentIntent): Promise<void> {
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

async function paymentFailed(trx: Trx, intent: Stripe.PaymentIntent): Promise<void> {
  const order = await lockOrderFor(trx, intent.id, intent.metadata)
  // Allowed only from pending_payment, so a late failure never downgrades a paid order.
  if (order) await transition(trx, order.id, 'payment_failed', 'payment_failed')
}

async function chargeRefunded(trx: Trx, charge: Stripe.Charge): Promise<void> {
  if (!charge.refunded) return // partial refunds leave the order as it is
  const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null)
  const order = await lockOrderFor(trx, intentId, charge.metadata)
  if (!order) return
  await orders.updateOrder(trx, order.id, { refund_recorded_at: new Date() })
  if (await transition(trx, order.id, 'refunded', 'charge_refunded')) return
  if (order.status === 'completed' || order.status === 'cancelled') await flag(trx, order, `refunded while ${order.status}`)
}

/**
 * Applies one verified Stripe event exactly once: its id goes into stripe_events in the same
 * transaction as its effects, so duplicate deliveries (even simultaneous ones) change nothing.
 * Unknown event types are recorded and ignored.
 */
export async function handleStripeEvent(deps: AppDeps, event: Stripe.Event): Promise<'processed' | 'duplicate'> {
  return withTransaction(deps.db, async (trx) => {
    if (!(await webhooks.recordEvent(trx, event.id, event.type))) return 'duplicate'
    switch (event.type) {
      case 'payment_intent.succeeded':
        await paymentSucceeded(trx, event.data.object)
        break
      case 'payment_intent.payment_failed':
        await paymentFailed(trx, event.data.object)
        break
      case 'charge.refunded':
        await chargeRefunded(trx, event.data.object)
        break
      case 'account.updated': {
        const account = event.data.object
        await webhooks.updatePayoutState(trx, account.id, {
          charges_enabled: account.charges_enabled ?? false,
          payouts_enabled: account.payouts_enabled ?? false,
          details_submitted: account.details_submitted ?? false,
        })
        break
      }
      default:
        break
    }
    return 'processed'
  })
}
