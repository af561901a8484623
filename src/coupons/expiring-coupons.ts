import type { AppDeps } from '../context'
import { withTransaction } from '../db/transaction'
import { raiseCouponExpiring } from '../events/raise'
import * as coupons from './coupons.repository'

const HOUR = 3_600_000
/** Claims marked and announced per transaction; a bigger backlog takes several. */
const BATCH = 500

/**
 * Raises one `coupon.expiring` event per claimed, unused coupon whose campaign ends within the
 * next COUPON_EXPIRY_NOTICE_HOURS, once per claim however many runners or ticks see it: the
 * claim is marked and the event recorded in one transaction. Returns how many were raised.
 * @example await notifyExpiringCoupons(deps) // from the recurring 'notify-expiring-coupons' job
 */
export async function notifyExpiringCoupons(deps: AppDeps): Promise<number> {
  const now = deps.now()
  const until = new Date(now.getTime() + deps.config.COUPON_EXPIRY_NOTICE_HOURS * HOUR)
  let raised = 0
  for (;;) {
    const n = await withTransaction(deps.db, async (trx) => {
      const claims = await coupons.markExpiringClaims(trx, now, until, BATCH)
      for (const claim of claims) await raiseCouponExpiring(trx, claim, now)
      return claims.length
    })
    raised += n
    if (n < BATCH) return raised
  }
}
