import type { Executor } from '../db/database'
import type { OrderRow } from '../orders/order.table'
import { insertEvent, storefrontOwner } from './events.repository'

/** Order statuses a consumer hears about live. */
const ANNOUNCED = new Set(['paid', 'confirmed', 'completed', 'refunded', 'refund_pending', 'cancelled'])

/** Tells the order's consumer its status changed (inside the transition's transaction). */
export async function raiseOrderStatusChanged(db: Executor, order: OrderRow, from: string): Promise<void> {
  if (!ANNOUNCED.has(order.status)) return
  await insertEvent(db, {
    userId: order.consumer_id,
    type: 'order.status_changed',
    payload: { order_id: order.id, merchant_id: order.merchant_id, from_status: from, status: order.status },
  })
}

/**
 * Tells the storefront's owner about one of its orders: placed (`from_status` null), paid,
 * cancelled, redeemed, expired … Addressed to the owner's user id, so no other merchant hears it.
 */
export async function raiseMerchantOrder(db: Executor, order: Pick<OrderRow, 'id' | 'merchant_id' | 'status'>, from: string | null): Promise<void> {
  const ownerId = await storefrontOwner(db, order.merchant_id)
  if (!ownerId) return
  await insertEvent(db, {
    userId: ownerId,
    type: 'merchant.order',
    payload: { order_id: order.id, merchant_id: order.merchant_id, from_status: from, status: order.status },
  })
}

/** Tells a storefront's followers it posted (one row; streams and replays fan it out on read). */
export async function raiseStorePosted(db: Executor, post: { id: string; merchant_id: string; merchant_name: string; text: string }, now: Date): Promise<void> {
  await insertEvent(db, {
    merchantId: post.merchant_id,
    type: 'store.posted',
    payload: { post_id: post.id, merchant_id: post.merchant_id, merchant_name: post.merchant_name, excerpt: post.text.slice(0, 140) },
    now,
  })
}

/** Tells a coupon's holder it expires soon (inside the transaction that marks the claim notified). */
export async function raiseCouponExpiring(
  db: Executor,
  claim: { claim_id: string; user_id: string; coupon_id: string; title: string; ends_at: Date; merchant_id: string; merchant_name: string },
  now: Date,
): Promise<void> {
  await insertEvent(db, {
    userId: claim.user_id,
    type: 'coupon.expiring',
    payload: {
      claim_id: claim.claim_id,
      coupon_id: claim.coupon_id,
      title: claim.title,
      ends_at: new Date(claim.ends_at).toISOString(),
      merchant_id: claim.merchant_id,
      merchant_name: claim.merchant_name,
    },
    now,
  })
}
