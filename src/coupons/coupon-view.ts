import type { CouponRow } from './coupon.table'
import type { Coupon } from './coupons.schemas'

export interface CouponStats {
  claimed: number
  used: number
  discount_given_cents: number
  revenue_cents: number
}

/** A campaign as the API shows it; `stats` only for its storefront's owner. */
export function toCoupon(row: CouponRow, stats?: CouponStats): Coupon {
  return {
    id: row.id,
    merchant_id: row.merchant_id,
    title: row.title,
    kind: row.kind,
    amount_off_cents: row.amount_off_cents === null ? null : Number(row.amount_off_cents),
    percent_off: row.percent_off,
    max_discount_cents: row.max_discount_cents === null ? null : Number(row.max_discount_cents),
    min_spend_cents: Number(row.min_spend_cents),
    currency: row.currency,
    starts_at: row.starts_at.toISOString(),
    ends_at: row.ends_at.toISOString(),
    total_quantity: row.total_quantity,
    claimed_count: row.claimed_count,
    remaining: row.total_quantity - row.claimed_count,
    per_user_limit: row.per_user_limit,
    new_customers_only: row.new_customers_only,
    offering_ids: row.offering_ids,
    status: row.status,
    ...(stats ? { stats } : {}),
  }
}
