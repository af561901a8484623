import type { Transaction } from 'kysely'
import * as bookings from '../bookings/bookings.repository'
import { returnCoupon } from '../coupons/apply-coupon'
import { returnDealStock } from '../deals/deal-stock'
import type { Database } from '../db/database'
import { raiseMerchantOrder, raiseOrderStatusChanged } from '../events/raise'
import type { OrderRow, OrderStatus, OrderTable } from './order.table'
import * as orders from './orders.repository'
import type { Updateable } from 'kysely'

/**
 * The order lifecycle: for each status, the statuses it may move to. Every status change in the
 * app goes through `transition` below, which enforces this table in the UPDATE itself.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'payment_failed', 'cancelled'],
  // A later successful attempt still wins after a failed one.
  payment_failed: ['paid', 'cancelled'],
  paid: ['completed', 'refund_pending', 'refunded'],
  // Cash: confirmed at once, paid at the counter when redeemed.
  confirmed: ['completed', 'cancelled'],
  refund_pending: ['refunded'],
  completed: [],
  cancelled: [],
  refunded: [],
  // Split orders: paid once every share is authorised (then captured), else expired at the deadline.
  // With shares paid at the counter: confirmed (cards stay authorised until redemption).
  awaiting_shares: ['paid', 'confirmed', 'expired', 'cancelled'],
  expired: [],
}

/** The statuses from which an order may move to `to`. */
export function allowedFrom(to: OrderStatus): OrderStatus[] {
  return (Object.keys(TRANSITIONS) as OrderStatus[]).filter((from) => TRANSITIONS[from].includes(to))
}

/** Whether the table allows `from` → `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Statuses that release what an order held: booked slots, its coupon, deal stock. */
const RELEASES_SLOTS: ReadonlySet<OrderStatus> = new Set(['cancelled', 'refunded', 'expired'])

/**
 * Moves an order to `to` with a guarded UPDATE (… WHERE status IN allowed froms) and records the
 * change in order_events; returns the updated row, or null when the move is not allowed from the
 * order's current status (nothing changes then). Runs inside the caller's transaction.
 */
export async function transition(
  trx: Transaction<Database>,
  orderId: string,
  to: OrderStatus,
  cause: string,
  changes: Omit<Updateable<OrderTable>, 'status'> = {},
): Promise<OrderRow | null> {
  const current = await orders.lockOrder(trx, orderId)
  if (!current || !canTransition(current.status, to)) return null
  const updated = await orders.updateStatusGuarded(trx, orderId, allowedFrom(to), to, changes)
  if (!updated) return null
  await orders.insertOrderEvent(trx, { order_id: orderId, from_status: current.status, to_status: to, cause })
  if (RELEASES_SLOTS.has(to)) {
    await bookings.releaseBookings(trx, orderId)
    // Before redemption only (completed orders never get here): the coupon and deal stock come back.
    await returnCoupon(trx, orderId)
    await returnDealStock(trx, orderId)
  }
  // The consumer's live event stream (GET /v1/me/events): a row + NOTIFY, delivered on commit.
  await raiseOrderStatusChanged(trx, updated, current.status)
  // And the storefront owner's (the console's incoming orders and day view update live).
  await raiseMerchantOrder(trx, updated, current.status)
  return updated
}
