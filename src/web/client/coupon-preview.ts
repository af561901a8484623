import { discountCents } from '../../coupons/discount'
import type { components } from './api-types.gen'

type Coupon = components['schemas']['Coupon']

/** One cart line as the coupon rules see it. */
export interface CartLine {
  offering_id: string
  unit_price_cents: number
  quantity: number
}

/** Why a coupon does not apply to a cart (the server's rule names), or its discount. */
export type CouponPreview = { discount_cents: number } | { rule: 'not_yet_valid' | 'expired' | 'offering_not_covered' | 'min_spend' | 'currency_mismatch'; missing_cents?: number }

/**
 * The discount `coupon` would give `lines`, checked the way the server checks it (src/coupons/apply-coupon.ts)
 * with the same arithmetic (src/coupons/discount.ts). A preview only: the server decides at checkout,
 * and rules the browser cannot know (first orders only) are left to it.
 */
export function previewCoupon(coupon: Coupon, lines: CartLine[], currency: string, now = new Date()): CouponPreview {
  if (coupon.currency !== currency) return { rule: 'currency_mismatch' }
  if (now < new Date(coupon.starts_at)) return { rule: 'not_yet_valid' }
  if (now >= new Date(coupon.ends_at) || coupon.status === 'ended') return { rule: 'expired' }
  const chosen = lines.filter((l) => l.quantity > 0)
  const covered = coupon.offering_ids.length === 0 ? chosen : chosen.filter((l) => coupon.offering_ids.includes(l.offering_id))
  if (covered.length === 0) return { rule: 'offering_not_covered' }
  const base = covered.reduce((sum, l) => sum + l.unit_price_cents * l.quantity, 0)
  if (base < coupon.min_spend_cents) return { rule: 'min_spend', missing_cents: coupon.min_spend_cents - base }
  return { discount_cents: discountCents(coupon, base) }
}
