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
  currency: string
  duration_min: number | null
  capacity: ColumnType<number, number | undefined, number>
  active: ColumnType<boolean, boolean | undefined, boolean>
  created_at: ColumnType<Date, never, never>
  updated_at: ColumnType<Date, never, Date>
}

export type OfferingRow = Selectable<OfferingTable>
