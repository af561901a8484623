import type { ColumnType, Generated, Selectable } from 'kysely'

/** What the event stream tells a user about; one list for the table CHECK, schemas and the client. */
export const USER_EVENT_TYPES = ['order.status_changed', 'store.posted', 'coupon.expiring', 'merchant.order'] as const
export type UserEventType = (typeof USER_EVENT_TYPES)[number]

/** One event for one user (`user_id`) or for every follower of a storefront (`merchant_id`). */
export interface UserEventTable {
  id: Generated<number>
  user_id: string | null
  merchant_id: string | null
  type: UserEventType
  payload: ColumnType<Record<string, unknown>, string, never>
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface UserEventTables {
  user_events: UserEventTable
}

export type UserEventRow = Selectable<UserEventTable>
