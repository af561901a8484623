import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError, NotFoundError } from '../errors'
import { canView, merchantsRepository } from '../merchants'
import { toCoupon } from './coupon-view'
import type { WalletCoupon } from './coupons.schemas'
import * as coupons from './coupons.repository'

/**
 * Puts one coupon of the campaign into the caller's wallet. The campaign row's guarded increment
 * decides sold_out (409) and the claim's ordinal decides limit_reached (409); both in one
 * transaction, so a refused claim takes nothing.
 */
export async function claimCoupon(deps: AppDeps, user: AuthUser, couponId: string): Promise<WalletCoupon> {
  const coupon = await coupons.findCoupon(deps.db, couponId)
  const store = coupon ? await merchantsRepository.findMerchantById(deps.db, coupon.merchant_id) : undefined
  if (!coupon || !store || !canView(store, user)) throw new NotFoundError('no coupon with this id', 'coupon_not_found')
  const now = deps.now()
  const claim = await withTransaction(deps.db, async (trx) => {
    const taken = await coupons.takeOne(trx, coupon.id, now)
    if (!taken) {
      const current = (await coupons.findCoupon(trx, coupon.id)) ?? coupon
      if (current.status !== 'active' || current.ends_at <= now) {
        throw new ConflictError(`this coupon cannot be claimed: the campaign is ${current.status === 'active' ? 'over' : current.status}`, 'coupon_not_claimable')
      }
      throw new ConflictError('all coupons of this campaign have been claimed', 'sold_out')
    }
    const row = await coupons.insertNextClaim(trx, coupon.id, user.id)
    if (!row) throw new ConflictError(`you already hold the most of this coupon one person may claim (${taken.per_user_limit})`, 'limit_reached')
    return { row, taken }
  })
  return {
    claim_id: claim.row.id,
    status: 'available',
    claimed_at: new Date(claim.row.claimed_at).toISOString(),
    used_order_id: null,
    used_at: null,
    coupon: toCoupon(claim.taken),
  }
}
