import type { z } from '@hono/zod-openapi'
import { formatLocal } from '../bookings/local-time'
import type { AuthUser } from '../context'
import { merchantsRepository } from '../merchants'
import type { Executor } from '../db/database'
import { formatRedemptionCode } from '../redemptions/redemption-code'
import { findReviewIdsByOrder } from '../reviews'
import type { OrderItemRow, OrderRow } from './order.table'
import type { OrderSchema } from './orders.schemas'
import * as orders from './orders.repository'

export type OrderView = z.infer<typeof OrderSchema>

/** An order as the API shows it to `viewer`: the code and client secret only to its consumer; slot times in the shop's offset. */
export function toOrderView(row: OrderRow, items: OrderItemRow[], viewer: AuthUser, reviewId: string | null = null, timeZone = 'UTC', customerName = ''): OrderView {
  const isConsumer = viewer.id === row.consumer_id
  return {
    id: row.id,
    status: row.status,
    merchant_id: row.merchant_id,
    consumer_id: row.consumer_id,
    customer: { display_name: customerName },
    items: items.map((i) => ({
      offering_id: i.offering_id,
      name: i.name,
      kind: i.kind,
      unit_price_cents: i.unit_price_cents,
      quantity: i.quantity,
      slot_start: i.slot_start ? formatLocal(i.slot_start, timeZone) : null,
    })),
    subtotal_cents: row.subtotal_cents,
    discount_cents: row.discount_cents,
    coupon_claim_id: row.coupon_claim_id,
    platform_fee_cents: row.platform_fee_cents,
    total_cents: row.total_cents,
    refunded_cents: row.refunded_cents,
    currency: row.currency,
    payment: {
      provider: row.payment_provider,
      payment_intent_id: row.payment_intent_id,
      client_secret: isConsumer ? row.client_secret : null,
    },
    redemption_code: isConsumer && row.redemption_code ? formatRedemptionCode(row.redemption_code) : null,
    needs_review: row.needs_review,
    can_review: isConsumer && row.status === 'completed' && reviewId === null,
    review_id: reviewId,
    created_at: row.created_at.toISOString(),
  }
}

/** Loads the items, reviews and customer names of `rows` and presents each order to `viewer`. */
export async function presentOrders(db: Executor, rows: OrderRow[], viewer: AuthUser): Promise<OrderView[]> {
  const ids = rows.map((r) => r.id)
  const [items, reviewIds, zones, names] = await Promise.all([
    orders.findItems(db, ids),
    findReviewIdsByOrder(db, ids),
    merchantsRepository.findTimeZones(db, rows.map((r) => r.merchant_id)),
    orders.findCustomerNames(db, rows.map((r) => r.consumer_id)),
  ])
  return rows.map((row) =>
    toOrderView(row, items.filter((i) => i.order_id === row.id), viewer, reviewIds.get(row.id) ?? null, zones.get(row.merchant_id), names.get(row.consumer_id)),
  )
}
