import type { AppDeps } from '../context'
import { withTransaction } from '../db/transaction'
import { transition } from './order-state'
import * as orders from './orders.repository'

const BATCH = 100

/**
 * Cancels card orders left unpaid (pending_payment or payment_failed) for longer than
 * UNPAID_ORDER_EXPIRY_MINUTES: the PaymentIntent is cancelled first, so it cannot be paid later,
 * then the order moves to `cancelled` through the transition table (which releases its slots).
 * An intent Stripe refuses to cancel (it was just paid) leaves its order for the webhook. Safe to
 * run in several processes at once: the guarded transition lets one of them win. Returns how many.
 */
export async function expireUnpaidOrders(deps: AppDeps, log: (m: string) => void = () => {}): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.config.UNPAID_ORDER_EXPIRY_MINUTES * 60_000)
  let expired = 0
  for (;;) {
    const rows = await orders.findUnpaidCardOrdersBefore(deps.db, cutoff, BATCH)
    let skipped = 0
    for (const row of rows) {
      try {
        if (row.payment_intent_id) await deps.payments.stripe?.cancelPayment({ orderId: row.id, paymentIntentId: row.payment_intent_id })
      } catch (err) {
        skipped++
        log(`order ${row.id}: payment intent not cancelled, left for its webhook (${err instanceof Error ? err.message : String(err)})`)
        continue
      }
      const done = await withTransaction(deps.db, (trx) => transition(trx, row.id, 'cancelled', 'expired_unpaid'))
      if (done) expired++
    }
    // Stop when the batch was short, or when every row in it was one we could not cancel.
    if (rows.length < BATCH || skipped === rows.length) return expired
  }
}
