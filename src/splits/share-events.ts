import type { Transaction } from 'kysely'
import type { Database } from '../db/database'
import * as jobs from '../jobs/jobs.repository'
import { transition } from '../orders/order-state'
import * as orders from '../orders/orders.repository'
import { newRedemptionCode } from '../redemptions/redemption-code'
import * as splits from './splits.repository'

type Trx = Transaction<Database>

/** Job kinds that talk to Stripe after a share event commits (src/splits/settle-split.ts). */
export const SPLIT_CAPTURE_JOB = 'split-capture'
export const SPLIT_RELEASE_JOB = 'split-release'

export interface ShareIntent {
  id: string
  amount: number
  amount_capturable?: number | null
  currency: string
  metadata?: Record<string, string> | null
}

/** Whether a PaymentIntent event belongs to a share of a split order. */
export const isShareIntent = (intent: ShareIntent) => typeof intent.metadata?.share_id === 'string'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The share an intent pays, with its order locked; metadata covers a webhook that beats our own write of the intent id. */
async function lockShareAndOrder(trx: Trx, intent: ShareIntent) {
  const metaId = intent.metadata?.share_id
  const share = (await splits.findShareByIntent(trx, intent.id)) ?? (metaId && UUID.test(metaId) ? await splits.findShareById(trx, metaId) : undefined)
  if (!share || (share.payment_intent_id && share.payment_intent_id !== intent.id)) return undefined
  // Only a claimed share can have an intent of ours that we have not recorded yet.
  if (!share.payment_intent_id && share.status !== 'claimed') return undefined
  const order = await orders.lockOrder(trx, share.order_id) // serialises every event of one order
  if (!share.payment_intent_id) await splits.setShareIntent(trx, share.id, intent.id)
  const locked = await splits.findShare(trx, share.order_id, share.id)
  return order && locked ? { order, share: locked } : undefined
}

/**
 * A share's authorisation landed (amount_capturable_updated). The share becomes authorised; the
 * one event that completes the set moves the order to paid with one redemption code (the order
 * row lock serialises concurrent events) and schedules the captures. On an order that is no
 * longer collecting, the authorisation is released instead: a late webhook never revives it.
 * A wrong amount or currency flags the order for review and changes nothing.
 */
export async function shareAuthorised(trx: Trx, intent: ShareIntent, now: Date): Promise<void> {
  const found = await lockShareAndOrder(trx, intent)
  if (!found) return
  const { order, share } = found
  const capturable = intent.amount_capturable ?? intent.amount
  if (capturable !== share.amount_cents || intent.currency.toLowerCase() !== order.currency.toLowerCase()) {
    await orders.updateOrder(trx, order.id, { needs_review: true, review_reason: `share ${share.id} authorised ${capturable} ${intent.currency.toUpperCase()}, expected ${share.amount_cents} ${order.currency}` })
    return
  }
  if (order.status !== 'awaiting_shares') {
    await jobs.insertJob(trx, { kind: SPLIT_RELEASE_JOB, runAt: now, payload: { order_id: order.id } })
    return
  }
  await splits.moveShare(trx, share.id, ['claimed'], 'authorised')
  await completeIfAllIn(trx, order.id, now)
}

/**
 * With the order locked, after a share moved: once every share is authorised or marked for the
 * counter, the order gets its one redemption code. All by card → `paid` and the captures are
 * scheduled now. Any cash share → `confirmed`: the cards stay authorised (nothing taken) until the
 * merchant redeems the code and confirms the cash, so a group that never turns up is never charged.
 */
export async function completeIfAllIn(trx: Trx, orderId: string, now: Date): Promise<void> {
  const statuses = (await splits.listShares(trx, orderId)).map((s) => s.status)
  if (statuses.some((s) => s !== 'authorised' && s !== 'cash')) return
  if (statuses.includes('cash')) {
    await transition(trx, orderId, 'confirmed', 'all_shares_in_some_at_counter', { redemption_code: newRedemptionCode() })
    return
  }
  const paid = await transition(trx, orderId, 'paid', 'all_shares_authorised', { redemption_code: newRedemptionCode() })
  if (paid) await jobs.insertJob(trx, { kind: SPLIT_CAPTURE_JOB, runAt: now, payload: { order_id: orderId }, dedupeKey: `split-capture:${orderId}` })
}

/** Stripe reports the share's money taken (after our capture): authorised → captured. */
export async function shareCaptured(trx: Trx, intent: ShareIntent): Promise<void> {
  const found = await lockShareAndOrder(trx, intent)
  if (found) await splits.moveShare(trx, found.share.id, ['authorised'], 'captured')
}

/** Stripe reports the authorisation cancelled: recorded on a share of an order no longer collecting. */
export async function shareCanceled(trx: Trx, intent: ShareIntent): Promise<void> {
  const found = await lockShareAndOrder(trx, intent)
  if (found && found.order.status !== 'awaiting_shares') await splits.moveShare(trx, found.share.id, ['claimed', 'authorised'], 'cancelled')
}
