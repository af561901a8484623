import type { Transaction } from 'kysely'
import type { Database } from '../src/db/database'
import type { DemoAccount } from './accounts'
import { chunks } from './chunks'
import type { DemoMerchant } from './generate'
import { type DemoReview, demoReviewsFor } from './reviews'
import { demoUuid } from './random'
import { money, platformFee } from '../src/money'

const HOUR = 3_600_000

/** A completed cash order for `r`, its line and its history, as the order and redemption flows leave them. */
function orderRows(r: DemoReview) {
  const subtotal = r.offering.price_cents * r.quantity
  const placedAt = new Date(r.visitedAt.getTime() - 2 * HOUR)
  const service = r.offering.kind === 'service' && r.offering.duration_min
  return {
    order: {
      id: r.orderId, consumer_id: r.dinerId, merchant_id: r.merchantId, status: 'completed' as const, payment_provider: 'cash' as const,
      subtotal_cents: subtotal, platform_fee_cents: platformFee(money(subtotal, r.offering.currency), 500).amountMinor, total_cents: subtotal, currency: r.offering.currency,
      created_at: placedAt, updated_at: r.visitedAt,
    },
    item: {
      order_id: r.orderId, position: 0, offering_id: r.offering.id, name: r.offering.name, kind: r.offering.kind,
      unit_price_cents: r.offering.price_cents, quantity: r.quantity,
      slot_start: service ? new Date(r.visitedAt.getTime() - (r.offering.duration_min ?? 0) * 60_000) : null,
      slot_end: service ? r.visitedAt : null,
    },
    events: [
      { order_id: r.orderId, from_status: null, to_status: 'confirmed' as const, cause: 'order_placed', at: placedAt },
      { order_id: r.orderId, from_status: 'confirmed' as const, to_status: 'completed' as const, cause: 'redeemed', at: r.visitedAt },
    ],
  }
}

/**
 * Writes the demo visits and reviews of the storefronts just inserted (multi-row inserts; the
 * rating triggers run once per batch), plus one completed, not yet reviewed order of Alice's at
 * Bob's café so "Write a review" can be tried. Returns the number of reviews written.
 */
export async function insertDemoReviews(
  trx: Transaction<Database>,
  fresh: readonly DemoMerchant[],
  diners: readonly DemoAccount[],
  ownerId: (m: DemoMerchant) => string,
  aliceId: string,
): Promise<number> {
  const reviews = fresh.flatMap((m) => demoReviewsFor(m, diners))
  const cafe = fresh.find((m) => m.owner === 'bob' && m.category === 'coffee')
  const visits: DemoReview[] = [...reviews]
  if (cafe?.offerings[0]) {
    const visitedAt = new Date(Date.now() - 26 * HOUR)
    visitedAt.setUTCMilliseconds(0)
    visits.push({ ...reviews[0]!, orderId: demoUuid('order/alice/cafe'), merchantId: cafe.id, dinerId: aliceId, offering: cafe.offerings[0], quantity: 1, visitedAt })
  }
  const rows = visits.map(orderRows)
  for (const batch of chunks(rows, 1000)) {
    await trx.insertInto('orders').values(batch.map((r) => r.order)).execute()
    await trx.insertInto('order_items').values(batch.map((r) => r.item)).execute()
    await trx.insertInto('order_events').values(batch.flatMap((r) => r.events)).execute()
  }
  const owners = new Map(fresh.map((m) => [m.id, ownerId(m)]))
  for (const batch of chunks(reviews, 1000)) {
    await trx
      .insertInto('reviews')
      .values(
        batch.map((r) => ({
          id: r.reviewId, order_id: r.orderId, merchant_id: r.merchantId, author_id: r.dinerId, rating: r.rating, text: r.text,
          visited_at: r.visitedAt, created_at: r.createdAt, visit_items: JSON.stringify([{ name: r.offering.name, quantity: r.quantity }]),
        })),
      )
      .execute()
    const replies = batch.flatMap((r) => (r.reply ? [{ review_id: r.reviewId, author_id: owners.get(r.merchantId)!, text: r.reply.text, created_at: r.reply.at }] : []))
    if (replies.length > 0) await trx.insertInto('review_replies').values(replies).execute()
  }
  return reviews.length
}
