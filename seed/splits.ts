import type { Transaction } from 'kysely'
import type { Database } from '../src/db/database'
import { insertJob } from '../src/jobs/jobs.repository'
import { money, platformFee } from '../src/money'
import { SPLIT_DEADLINE_JOB } from '../src/splits/create-split'
import { equalShares, feeParts } from '../src/splits/share-amounts'
import type { DemoMerchant } from './generate'
import { demoUuid } from './random'

/** The demo split stays open this long after seeding (the longest deadline the platform allows). */
const OPEN_FOR_MS = 24 * 3_600_000
const FEE_BPS = 500

/** A fixed, valid invite token (43 base64url characters) per share, so the demo links are stable. */
const demoToken = (name: string) => demoUuid(name).replace(/-/g, '').padEnd(43, 'A').slice(0, 43)

/**
 * An open split order Alice organised at one of Bob's storefronts, 3 ways: her own share
 * (unpaid), one a demo diner will pay at the counter, one still open for a friend — so the
 * organiser's view (invites, QR codes, progress, countdown) and the invite page /split/<token>
 * can be tried at once. Card-free on purpose: it needs no Stripe account. Its deadline job is
 * enqueued like a real one; a repeated seed adds nothing (fixed ids).
 */
export async function seedSplitOrder(trx: Transaction<Database>, input: { fresh: readonly DemoMerchant[]; aliceId: string; friendId: string }, now = new Date()): Promise<number> {
  const shop = input.fresh.find((m) => m.owner === 'bob' && m.status === 'active' && m.offerings.some((o) => o.kind === 'product' && o.currency === 'CNY'))
  const offering = shop?.offerings.find((o) => o.kind === 'product' && o.currency === 'CNY')
  if (!shop || !offering) return 0
  const orderId = demoUuid(`split-order:${shop.id}`)
  const quantity = 3
  const total = offering.price_cents * quantity
  const amounts = equalShares(total, 3)
  const fees = feeParts(platformFee(money(total, offering.currency), FEE_BPS).amountMinor, amounts)
  const deadline = new Date(now.getTime() + OPEN_FOR_MS)
  await trx
    .insertInto('orders')
    .values({
      id: orderId, consumer_id: input.aliceId, merchant_id: shop.id, status: 'awaiting_shares', payment_provider: 'stripe',
      subtotal_cents: total, platform_fee_cents: platformFee(money(total, offering.currency), FEE_BPS).amountMinor, total_cents: total, currency: offering.currency, created_at: now, updated_at: now,
    })
    .execute()
  await trx.insertInto('order_items').values({ order_id: orderId, position: 0, offering_id: offering.id, name: offering.name, kind: offering.kind, unit_price_cents: offering.price_cents, quantity }).execute()
  await trx.insertInto('order_events').values({ order_id: orderId, from_status: null, to_status: 'awaiting_shares', cause: 'order_placed', at: now }).execute()
  await trx.insertInto('order_splits').values({ order_id: orderId, share_count: 3, deadline_at: deadline }).execute()
  const payers = [input.aliceId, input.friendId, null]
  const statuses = ['claimed', 'cash', 'open'] as const
  await trx
    .insertInto('order_shares')
    .values(amounts.map((amount, position) => ({
      id: demoUuid(`split-share:${orderId}:${position}`), order_id: orderId, position, amount_cents: amount, platform_fee_cents: fees[position] as number,
      invite_token: demoToken(`split-invite:${orderId}:${position}`), payer_user_id: payers[position] ?? null, status: statuses[position],
    })))
    .execute()
  await insertJob(trx, { kind: SPLIT_DEADLINE_JOB, runAt: deadline, payload: { order_id: orderId }, dedupeKey: `split-deadline:${orderId}` })
  return 1
}
