import type { AppDeps, AuthUser } from '../context'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import * as orders from '../orders/orders.repository'
import * as splits from './splits.repository'

const notFound = () => new NotFoundError('no such share', 'share_not_found')

/**
 * Shares change only while the order collects them and before its deadline: between the deadline
 * and the expiry job's next tick the order is still `awaiting_shares`, but nobody may take or
 * start paying a share then (the job is about to cancel every authorisation).
 */
export async function assertCollecting<T extends { id: string; status: string }>(deps: AppDeps, order: T | undefined, verb: string): Promise<T> {
  if (order?.status !== 'awaiting_shares') throw new ConflictError(`this order is ${order?.status.replace('_', ' ')}; ${verb}`, 'split_closed')
  const split = await splits.findSplit(deps.db, order.id)
  if (split && split.deadline_at <= deps.now()) throw new ConflictError(`the deadline for paying the shares has passed; ${verb}`, 'split_closed')
  return order
}

/**
 * The signed-in user takes the share behind an invite link. One share per person per order (the
 * database's UNIQUE decides a race); a share someone else holds, or an order no longer collecting,
 * is a ConflictError.
 */
export async function claimShare(deps: AppDeps, user: AuthUser, token: string) {
  const share = await splits.findShareByToken(deps.db, token)
  if (!share) throw new NotFoundError('this invite link is not valid', 'invite_not_found')
  if (share.payer_user_id === user.id) return share
  const order = await orders.findOrder(deps.db, share.order_id)
  await assertCollecting(deps, order, 'its shares can no longer be taken')
  if (share.status !== 'open') throw new ConflictError('someone else has taken this share', 'share_taken')
  try {
    const claimed = await splits.claimShare(deps.db, share.id, user.id)
    if (!claimed) throw new ConflictError('someone else has taken this share', 'share_taken')
    return claimed
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ConflictError('you already hold a share of this order', 'share_already_held')
    throw err
  }
}

/**
 * Starts (or, on a retry, returns again) the PaymentIntent for the caller's own share:
 * capture_method manual, nothing is taken until every share is authorised. Only the share's payer
 * may pay it (anyone else: 404, so share ids reveal nothing).
 */
export async function payShare(deps: AppDeps, user: AuthUser, orderId: string, shareId: string) {
  const share = await splits.findShare(deps.db, orderId, shareId)
  if (!share || share.payer_user_id !== user.id) throw notFound()
  const order = await assertCollecting(deps, await orders.findOrder(deps.db, orderId), 'shares can no longer be paid')
  if (share.status !== 'claimed') throw new ConflictError(`this share is already ${share.status}`, 'share_not_payable')
  const stripe = deps.payments.stripe
  if (!stripe) throw new ValidationError('card payments are not configured on this server', [], 'card_payments_not_configured')
  const start = await stripe.authoriseShare({
    orderId,
    shareId,
    amountCents: share.amount_cents,
    currency: order.currency,
    platformFeeCents: share.platform_fee_cents,
    destinationAccountId: order.destination_account_id,
  })
  if (start.paymentIntentId && !(await splits.setShareIntent(deps.db, shareId, start.paymentIntentId))) {
    // The payer chose the counter while this intent was being created: it must never be paid.
    await stripe.cancelShare({ shareId, paymentIntentId: start.paymentIntentId })
    throw new ConflictError('this share is now paid at the counter', 'share_not_payable')
  }
  return {
    share_id: share.id,
    amount_cents: share.amount_cents,
    currency: order.currency,
    payment_intent_id: start.paymentIntentId,
    client_secret: start.clientSecret,
  }
}
