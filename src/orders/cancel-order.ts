import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError } from '../errors'
import { releaseSharesAfterCancel } from '../splits/settle-split'
import type { OrderRow } from './order.table'
import { transition } from './order-state'
import { type OrderView, presentOrders } from './order-view'
import { findVisibleOrder } from './orders.service'

async function refundAtProvider(deps: AppDeps, row: OrderRow): Promise<void> {
  if (row.payment_provider !== 'stripe' || !row.payment_intent_id || !deps.payments.stripe) return
  await deps.payments.stripe.refund({
    orderId: row.id,
    paymentIntentId: row.payment_intent_id,
    destinationCharge: row.destination_account_id !== null,
  })
}

/**
 * Cancels an order for its consumer or its storefront's owner, before it is completed. Unpaid
 * orders are cancelled at once (their slots freed; a card order's PaymentIntent is cancelled first); a card-paid order goes refund_pending and
 * gets a full Refund, becoming refunded when Stripe confirms. Retrying while refund_pending
 * re-sends the same idempotent refund. Completed, cancelled or refunded orders → ConflictError.
 */
export async function cancelOrder(deps: AppDeps, viewer: AuthUser, orderId: string): Promise<OrderView> {
  const row = await findVisibleOrder(deps.db, viewer, orderId)
  const who = viewer.id === row.consumer_id ? 'consumer' : 'merchant'
  let result: OrderRow | null = row
  if (row.status === 'paid') {
    result = await withTransaction(deps.db, (trx) => transition(trx, orderId, 'refund_pending', `cancelled_by_${who}`))
    if (result) await refundAtProvider(deps, result)
  } else if (row.status === 'refund_pending') {
    await refundAtProvider(deps, row)
  } else {
    // Card orders awaiting payment: stop the intent first, so it cannot be paid after cancelling.
    if (row.payment_provider === 'stripe' && row.payment_intent_id && ['pending_payment', 'payment_failed'].includes(row.status)) {
      await deps.payments.stripe?.cancelPayment({ orderId: row.id, paymentIntentId: row.payment_intent_id })
    }
    result = await withTransaction(deps.db, (trx) => transition(trx, orderId, 'cancelled', `cancelled_by_${who}`))
    // A split order's authorised shares are cancelled at Stripe once the order is (a confirmed
    // card order is always a split with shares paid at the counter: its cards are still only authorised).
    const split = row.status === 'awaiting_shares' || (row.status === 'confirmed' && row.payment_provider === 'stripe')
    if (result && split) await releaseSharesAfterCancel(deps, orderId)
  }
  if (!result) {
    const current = await findVisibleOrder(deps.db, viewer, orderId)
    const why = current.status === 'completed' ? 'it was already redeemed' : `it is ${current.status.replace('_', ' ')}`
    throw new ConflictError(`this order can no longer be cancelled: ${why}`, 'order_not_cancellable')
  }
  const [view] = await presentOrders(deps.db, [result], viewer)
  return view as OrderView
}
