import type { ColumnType, Generated, Selectable } from 'kysely'

/**
 * What a share is waiting for, or how it ended. `cash`: its payer pays at the counter when the
 * order is redeemed; `cash_collected`: the merchant confirmed taking it then.
 */
export const SHARE_STATUSES = ['open', 'claimed', 'authorised', 'captured', 'cancelled', 'cash', 'cash_collected'] as const
export type ShareStatus = (typeof SHARE_STATUSES)[number]

type Money = ColumnType<number, number, number>

export interface OrderSplitTable {
  order_id: string
  share_count: number
  deadline_at: Date
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface OrderShareTable {
  id: Generated<string>
  order_id: string
  /** 0 is the organiser's share. */
  position: number
  amount_cents: Money
  platform_fee_cents: Money
  invite_token: string
  payer_user_id: string | null
  status: ColumnType<ShareStatus, ShareStatus | undefined, ShareStatus>
  payment_intent_id: string | null
  created_at: ColumnType<Date, Date | undefined, never>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

/** The tables owned by split payments. */
export interface SplitTables {
  order_splits: OrderSplitTable
  order_shares: OrderShareTable
}

export type OrderShareRow = Selectable<OrderShareTable>
export type OrderSplitRow = Selectable<OrderSplitTable>
