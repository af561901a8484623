import type { AppDeps } from '../context'
import { withTransaction } from '../db/transaction'
import { transition } from '../orders/order-state'
import * as orders from '../orders/orders.repository'
import * as jobs from '../jobs/jobs.repository'
import { SPLIT_RELEASE_JOB } from './share-events'
import * as splits from './splits.repository'

const orderIdOf = (payload: Record<string, unknown>) => String(payload.order_id)

/**
 * `split-capture` job: captures every authorised share of a paid split order. Each capture carries
 * the share's idempotency key and is recorded with a guarded authorised → captured update, so a
 * rerun (lease lost, retry after an outage) captures nothing twice.
 */
export async function captureShares(deps: AppDeps, payload: Record<string, unknown>): Promise<void> {
  const orderId = orderIdOf(payload)
  const order = await orders.findOrder(deps.db, orderId)
  if (order?.status !== 'paid' && order?.status !== 'completed') return
  for (const share of await splits.listShares(deps.db, orderId)) {
    if (share.status !== 'authorised' || !share.payment_intent_id) continue
    await deps.payments.stripe?.captureShare({ shareId: share.id, paymentIntentId: share.payment_intent_id })
    await splits.moveShare(deps.db, share.id, ['authorised'], 'captured')
  }
}

/**
 * `split-release` job: on a split order that did not happen (expired, or cancelled — also after it
 * was confirmed with shares at the counter),
 * cancels every outstanding authorisation at Stripe and closes every share. Idempotent.
 */
export async function releaseShares(deps: AppDeps, payload: Record<string, unknown>): Promise<void> {
  const orderId = orderIdOf(payload)
  const order = await orders.findOrder(deps.db, orderId)
  if (order?.status !== 'expired' && order?.status !== 'cancelled') return
  for (const share of await splits.listShares(deps.db, orderId)) {
    if (share.status === 'captured' || share.status === 'cancelled' || share.status === 'cash_collected') continue
    if (share.payment_intent_id) await deps.payments.stripe?.cancelShare({ shareId: share.id, paymentIntentId: share.payment_intent_id })
    // A share promised at the counter simply lapses: no money was ever taken for it.
    await splits.moveShare(deps.db, share.id, ['open', 'claimed', 'authorised', 'cash'], 'cancelled')
  }
}

/**
 * `split-deadline` job: a split order still collecting at its deadline expires (slots released by
 * the transition table), then its authorisations are released. Already paid or cancelled → nothing.
 */
export async function expireSplit(deps: AppDeps, payload: Record<string, unknown>): Promise<void> {
  const orderId = orderIdOf(payload)
  await withTransaction(deps.db, (trx) => transition(trx, orderId, 'expired', 'split_deadline_passed'))
  await releaseShares(deps, payload)
}

/**
 * After a split order is cancelled: schedules the release durably, then tries it at once (a
 * failure is left to the job's retries).
 */
export async function releaseSharesAfterCancel(deps: AppDeps, orderId: string): Promise<void> {
  await jobs.insertJob(deps.db, { kind: SPLIT_RELEASE_JOB, runAt: deps.now(), payload: { order_id: orderId } })
  await releaseShares(deps, { order_id: orderId }).catch(() => {})
}
