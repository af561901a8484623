import type { ColumnType, Generated, Selectable } from 'kysely'

export type OfferingKind = 'service' | 'product' | 'voucher'

export interface OfferingTable {
  id: Generated<string>
  merchant_id: string
  name: string
  description: string | null
  kind: OfferingKind
  /** Integer minor units of `currency`; bigint in the database, read back as a JS number. */
  price_cents: ColumnType<number, number, number>
  /** Always the storefront's currency while active (composite foreign key, migration 0017). */
  currency: string
  /** `currency` while active, else null: the column the storefront-currency foreign key checks. */
  on_sale_currency: ColumnType<string | null, never, never>
  duration_min: number | null
  capacity: ColumnType<number, number | undefined, number>
  active: ColumnType<boolean, boolean | undefined, boolean>
  /** Deals (vouchers only): worth this in store, sold at price_cents; see src/deals. */
  face_value_cents: ColumnType<number | null, number | null | undefined, number | null>
  stock: ColumnType<number | null, number | null | undefined, number | null>
  sold_count: ColumnType<number, number | undefined, number>
  valid_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: ColumnType<Date, never, never>
  updated_at: ColumnType<Date, never, Date>
}

export type OfferingRow = Selectable<OfferingTable>
