import type { ColumnType, Generated, Selectable } from 'kysely'

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'payment_failed'
  | 'confirmed'
  | 'completed'
  | 'cancelled'
  | 'refund_pending'
  | 'refunded'
  | 'awaiting_shares'
  | 'expired'

export type PaymentMethod = 'stripe' | 'cash'

type Money = ColumnType<number, number, number>

export interface OrderTable {
  id: Generated<string>
  consumer_id: string
  merchant_id: string
  status: OrderStatus
  payment_provider: PaymentMethod
  payment_intent_id: string | null
  client_secret: string | null
  /** The connected account a destination charge pays out to; decides the refund flags. */
  destination_account_id: string | null
  subtotal_cents: Money
  platform_fee_cents: Money
  /** What the coupon took off subtotal_cents; total_cents = subtotal_cents - discount_cents is charged. */
  discount_cents: ColumnType<number, number | undefined, number>
  /** The wallet coupon this order used (src/coupons). */
  coupon_claim_id: ColumnType<string | null, string | null | undefined, string | null>
  total_cents: Money
  currency: string
  /** Stored without the dash; shown as XXXXX-XXXXX. */
  redemption_code: string | null
  /** When Stripe reported the charge refunded, even if that arrived before the payment itself. */
  refund_recorded_at: Date | null
  /** How much Stripe has refunded so far (partial refunds leave the status as it is). */
  refunded_cents: ColumnType<number, number | undefined, number>
  needs_review: ColumnType<boolean, boolean | undefined, boolean>
  review_reason: string | null
  created_at: ColumnType<Date, Date | undefined, never>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export interface OrderItemTable {
  id: Generated<string>
  order_id: string
  position: number
  offering_id: string
  name: string
  kind: string
  unit_price_cents: Money
  quantity: number
  slot_start: Date | null
  slot_end: Date | null
  /** Units of this line that took deal stock (given back once on cancel or refund). */
  stock_taken: Generated<number>
}

export interface OrderRequestTable {
  consumer_id: string
  idempotency_key: string
  request_hash: string
  order_id: string
  created_at: ColumnType<Date, never, never>
}

export interface OrderEventTable {
  id: Generated<number>
  order_id: string
  from_status: OrderStatus | null
  to_status: OrderStatus
  cause: string
  at: ColumnType<Date, Date | undefined, never>
}

export interface BookingTable {
  id: Generated<string>
  order_id: string
  offering_id: string
  slot_start: Date
  slot_end: Date
  places: number
  active: ColumnType<boolean, boolean | undefined, boolean>
}

export interface StripeEventTable {
  event_id: string
  type: string
  processed_at: ColumnType<Date, never, never>
  /** Set when the event was signed but did not fit (wrong shape, or a refund that does not match its order). */
  review_reason: string | null
  payload: ColumnType<unknown, string | null | undefined, string | null>
}

export interface RedemptionFailureTable {
  id: Generated<number>
  merchant_id: string
  at: Date
}

/** The tables owned by ordering, payments, bookings and redemption. */
export interface OrderTables {
  orders: OrderTable
  order_items: OrderItemTable
  order_requests: OrderRequestTable
  order_events: OrderEventTable
  bookings: BookingTable
  stripe_events: StripeEventTable
  redemption_failures: RedemptionFailureTable
}

export type OrderRow = Selectable<OrderTable>
export type OrderItemRow = Selectable<OrderItemTable>
