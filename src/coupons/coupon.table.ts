import type { ColumnType, Generated, Selectable } from 'kysely'

export const COUPON_KINDS = ['amount_off', 'percent_off'] as const
export const COUPON_STATUSES = ['active', 'paused', 'ended'] as const
export const CLAIM_STATUSES = ['available', 'used'] as const

export type CouponKind = (typeof COUPON_KINDS)[number]
export type CouponStatus = (typeof COUPON_STATUSES)[number]

type Money = ColumnType<number, number, number>

export interface CouponTable {
  id: Generated<string>
  merchant_id: string
  title: string
  kind: CouponKind
  amount_off_cents: ColumnType<number | null, number | null | undefined, number | null>
  percent_off: number | null
  max_discount_cents: ColumnType<number | null, number | null | undefined, number | null>
  min_spend_cents: Money
  currency: string
  starts_at: Date
  ends_at: Date
  total_quantity: number
  claimed_count: ColumnType<number, number | undefined, number>
  per_user_limit: ColumnType<number, number | undefined, number>
  new_customers_only: ColumnType<boolean, boolean | undefined, boolean>
  offering_ids: ColumnType<string[], string[] | undefined, string[]>
  status: ColumnType<CouponStatus, CouponStatus | undefined, CouponStatus>
  created_at: ColumnType<Date, Date | undefined, never>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export interface CouponClaimTable {
  id: Generated<string>
  coupon_id: string
  user_id: string
  ordinal: number
  claimed_at: ColumnType<Date, Date | undefined, never>
  used_order_id: string | null
  used_at: Date | null
  status: ColumnType<(typeof CLAIM_STATUSES)[number], (typeof CLAIM_STATUSES)[number] | undefined, (typeof CLAIM_STATUSES)[number]>
  /** When the holder was told it is about to expire (coupon.expiring); set once, by the expiry job. */
  expiry_notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** The tables owned by coupons. */
export interface CouponTables {
  coupons: CouponTable
  coupon_claims: CouponClaimTable
}

export type CouponRow = Selectable<CouponTable>
export type CouponClaimRow = Selectable<CouponClaimTable>
