import type { AuthUser } from '../context'
import type { Executor } from '../db/database'
import { ConflictError, ValidationError } from '../errors'
import { discountCents } from './discount'
import * as coupons from './coupons.repository'

export interface CouponLine {
  offering_id: string
  unit_price_cents: number
  quantity: number
}

export interface AppliedCoupon {
  claimId: string
  discountCents: number
}

const broken = (rule: string, message: string) =>
  new ValidationError(`coupon_id cannot be used on this order: ${message}`, [{ path: 'coupon_id', message }], rule)

/**
 * Checks the caller's claimed coupon against the order and prices its discount (see discount.ts).
 * The claim is locked (a claim another order is using right now is skipped, so that order wins);
 * call `markUsed` once the order row exists. A broken rule → 422 whose code names it: other_storefront,
 * currency_mismatch, not_yet_valid, expired, new_customers_only, offering_not_covered, min_spend;
 * not_claimed when the wallet has none, 409 coupon_already_used when every claim is used.
 */
export async function applyCoupon(
  trx: Executor,
  consumer: AuthUser,
  order: { couponId: string; merchantId: string; currency: string; lines: CouponLine[]; now: Date },
): Promise<AppliedCoupon> {
  const coupon = await coupons.findCoupon(trx, order.couponId)
  if (!coupon) throw broken('not_claimed', 'is not a coupon in your wallet')
  const claim = await coupons.lockAvailableClaim(trx, coupon.id, consumer.id)
  if (!claim) {
    if ((await coupons.countClaims(trx, coupon.id, consumer.id)) === 0) throw broken('not_claimed', 'is not a coupon in your wallet; claim it first')
    throw new ConflictError('this coupon was already used on another order', 'coupon_already_used')
  }
  if (coupon.merchant_id !== order.merchantId) throw broken('other_storefront', 'belongs to another storefront')
  if (coupon.currency !== order.currency) throw broken('currency_mismatch', `is in ${coupon.currency}, the order in ${order.currency}`)
  if (order.now < coupon.starts_at) throw broken('not_yet_valid', `is valid from ${coupon.starts_at.toISOString()}`)
  if (order.now >= coupon.ends_at || coupon.status === 'ended') throw broken('expired', 'has expired')
  if (coupon.new_customers_only && (await coupons.hasOrderedAt(trx, consumer.id, coupon.merchant_id))) {
    throw broken('new_customers_only', 'is for first orders at this storefront only')
  }
  const covered = coupon.offering_ids.length === 0 ? order.lines : order.lines.filter((l) => coupon.offering_ids.includes(l.offering_id))
  if (covered.length === 0) throw broken('offering_not_covered', 'covers none of the items ordered')
  const baseCents = covered.reduce((sum, l) => sum + l.unit_price_cents * l.quantity, 0)
  const minSpend = Number(coupon.min_spend_cents)
  if (baseCents < minSpend) throw broken('min_spend', `needs a spend of at least ${minSpend} minor units on covered items (this order: ${baseCents})`)
  const rule = {
    kind: coupon.kind,
    amount_off_cents: coupon.amount_off_cents === null ? null : Number(coupon.amount_off_cents),
    percent_off: coupon.percent_off,
    max_discount_cents: coupon.max_discount_cents === null ? null : Number(coupon.max_discount_cents),
    currency: coupon.currency,
  }
  return { claimId: claim.id, discountCents: discountCents(rule, baseCents) }
}

/** Marks the locked claim used by the order (single use is the guarded UPDATE plus UNIQUE used_order_id). */
export async function markCouponUsed(trx: Executor, applied: AppliedCoupon, orderId: string, now: Date): Promise<void> {
  if (!(await coupons.useClaim(trx, applied.claimId, orderId, now))) {
    throw new ConflictError('this coupon was already used on another order', 'coupon_already_used')
  }
}

/** Returns the order's coupon to its wallet (cancel or refund) when its campaign still runs. */
export async function returnCoupon(trx: Executor, orderId: string): Promise<void> {
  await coupons.returnClaimOf(trx, orderId)
}
