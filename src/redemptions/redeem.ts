import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError, NotFoundError, RateLimitedError } from '../errors'
import { findOwnedMerchant } from '../merchants'
import { transition } from '../orders/order-state'
import { type OrderView, presentOrders } from '../orders/order-view'
import * as orders from '../orders/orders.repository'
import { consume, giveBack } from '../rate-limit/limiter'
import { settleAtCounter } from '../splits/counter-shares'
import { parseRedemptionCode } from './redemption-code'
import * as redemptions from './redemptions.repository'

/** Wrong codes a storefront may try within the window before it is locked out for the rest of it. */
export const MAX_FAILED_CODES = 10
export const FAILURE_WINDOW_MS = 10 * 60_000

/**
 * Redeems a code at the counter: the storefront's paid (card) or confirmed (cash) order becomes
 * completed. A split order with shares paid at the counter needs `cashCollectedCents`, exactly the
 * cash due (else a ValidationError and nothing changes); its card shares are captured after. Unknown codes and other storefronts' codes look alike (404) and count as failures.
 * Each attempt takes a turn in the storefront's database counter before the code is looked up
 * (one atomic upsert, so concurrent guesses from any number of processes cannot overrun it) and a
 * right code gives its turn back; past MAX_FAILED_CODES in FAILURE_WINDOW_MS every attempt gets
 * RateLimitedError with the seconds to wait.
 */
export async function redeem(deps: AppDeps, viewer: AuthUser, merchantId: string, input: string, cashCollectedCents?: number): Promise<OrderView> {
  // The one owner check (merchants/): 404 for a storefront the viewer cannot see, 403 for another's.
  const store = await findOwnedMerchant(deps.db, viewer, merchantId)
  const attempt = await consume(deps, { name: 'redeem', max: MAX_FAILED_CODES, windowSeconds: FAILURE_WINDOW_MS / 1000 }, merchantId)
  if (!attempt.allowed) {
    const retryAfter = attempt.resetSeconds
    throw new RateLimitedError(`too many wrong codes; try again in ${Math.ceil(retryAfter / 60)} minute(s)`, 'too_many_attempts', retryAfter)
  }
  const code = parseRedemptionCode(input)
  const order = code ? await redemptions.findOrderByCode(deps.db, merchantId, code) : undefined
  if (!order) {
    await redemptions.recordFailure(deps.db, merchantId, deps.now())
    throw new NotFoundError('no order with this code at this storefront', 'code_not_found')
  }
  await giveBack(deps, attempt)
  const done = await withTransaction(deps.db, async (trx) => {
    const completed = await transition(trx, order.id, 'completed', 'redeemed')
    // A split order with shares paid at the counter: the cash is confirmed here, then the cards are captured.
    if (completed) await settleAtCounter(trx, order.id, cashCollectedCents, deps.now(), completed.currency)
    return completed
  })
  if (!done) {
    const current = await orders.findOrder(deps.db, order.id)
    if (current?.status === 'completed') throw new ConflictError('this code was already redeemed', 'already_redeemed')
    throw new ConflictError(`this order cannot be redeemed: it is ${current?.status.replace('_', ' ')}`, 'order_not_redeemable')
  }
  const [view] = await presentOrders(deps.db, [done], viewer)
  return view as OrderView
}
