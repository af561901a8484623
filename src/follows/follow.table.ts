import type { ColumnType, Selectable } from 'kysely'

/** A consumer following a storefront; one row per pair. */
export interface FollowTable {
  user_id: string
  merchant_id: string
  created_at: ColumnType<Date, Date | undefined, never>
}

/** Follows and unfollows of one storefront on one UTC day; written only by the follows trigger (migration 0012). */
export interface MerchantFollowerDayTable {
  merchant_id: string
  day: ColumnType<string, never, never>
  followed: ColumnType<number, never, never>
  unfollowed: ColumnType<number, never, never>
}

export interface FollowTables {
  follows: FollowTable
  merchant_follower_days: MerchantFollowerDayTable
}

export type FollowRow = Selectable<FollowTable>
