import type { Transaction } from 'kysely'
import type { AppDeps, AuthUser } from '../context'
import type { Database } from '../db/database'
import { withTransaction } from '../db/transaction'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import * as jobs from '../jobs/jobs.repository'
import * as orders from '../orders/orders.repository'
import { assertCollecting } from './share-actions'
import { completeIfAllIn, SPLIT_CAPTURE_JOB } from './share-events'
import * as splits from './splits.repository'

/**
 * The payer of a claimed share will pay it in cash at the counter. Only its payer may (anyone
 * else: 404), only while the order collects shares, and only before a card payment started for it
 * (an intent may already be authorised; the database refuses a cash share with an intent). If this
 * was the last share outstanding, the order is confirmed with its redemption code.
 */
export async function payAtCounter(deps: AppDeps, user: AuthUser, orderId: string, shareId: string) {
  return withTransaction(deps.db, async (trx) => {
    const order = await orders.lockOrder(trx, orderId)
    const share = await splits.findShare(trx, orderId, shareId)
    if (!order || !share || share.payer_user_id !== user.id) throw new NotFoundError('no such share', 'share_not_found')
    await assertCollecting({ ...deps, db: trx }, order, 'shares can no longer change')
    if (share.status === 'cash') return { share_id: share.id, status: share.status, amount_cents: share.amount_cents, currency: order.currency, order_status: order.status }
    if (share.status !== 'claimed') throw new ConflictError(`this share is already ${share.status}`, 'share_not_payable')
    if (share.payment_intent_id) throw new ConflictError('a card payment has already started for this share', 'card_payment_started')
    const moved = await splits.moveShareToCash(trx, share.id)
    if (!moved) {
      const current = await splits.findShare(trx, orderId, shareId)
      if (current?.payment_intent_id) throw new ConflictError('a card payment has already started for this share', 'card_payment_started')
      throw new ConflictError('this share changed meanwhile; reload and try again', 'share_not_payable')
    }
    await completeIfAllIn(trx, orderId, deps.now())
    const now = await orders.findOrder(trx, orderId)
    return { share_id: moved.id, status: moved.status, amount_cents: moved.amount_cents, currency: order.currency, order_status: now?.status ?? order.status }
  })
}

/**
 * Inside the redemption's transaction (the order locked and now completed): the counter confirmed
 * `collectedCents`, which must be exactly the cash due (else a ValidationError naming
 * `cash_collected_cents`, and the redemption rolls back). The cash shares become collected and the
 * card shares' captures are scheduled: the order has happened, so the cards are charged now.
 */
export async function settleAtCounter(trx: Transaction<Database>, orderId: string, collectedCents: number | undefined, now: Date, currency: string): Promise<void> {
  const shares = await splits.listShares(trx, orderId)
  if (shares.length === 0) return
  const due = shares.filter((s) => s.status === 'cash').reduce((sum, s) => sum + s.amount_cents, 0)
  if (due > 0 && collectedCents !== due) {
    const message = `must be ${due}: the ${currency} minor units paid in cash at the counter for this split order`
    throw new ValidationError(`collect the cash shares (${due} ${currency} minor units) and confirm them`, [{ path: 'cash_collected_cents', message }], 'cash_shares_due')
  }
  for (const s of shares) if (s.status === 'cash') await splits.moveShare(trx, s.id, ['cash'], 'cash_collected')
  await jobs.insertJob(trx, { kind: SPLIT_CAPTURE_JOB, runAt: now, payload: { order_id: orderId }, dedupeKey: `split-capture:${orderId}` })
}
