import type { ColumnType } from 'kysely'

/** What a feed item is; one list for the schema, the query and the client. */
export const FEED_ITEM_TYPES = ['post', 'coupon', 'deal', 'review_reply'] as const
export type FeedItemType = (typeof FEED_ITEM_TYPES)[number]

/** The store arms of the feed; rows are written by triggers on the source tables (migration 0019). */
export const STORE_FEED_KINDS = ['post', 'coupon', 'deal'] as const

/**
 * The hybrid feed's two numbers, fixed in migration 0031's triggers (these copies are for bulk
 * loaders that write the rows the triggers would): a storefront is pulled for good from this many
 * followers, and a new follower of a pushed storefront gets its newest this many items.
 */
export const FEED_PULL_FOLLOWERS = 5000
export const FEED_BACKFILL_ITEMS = 20

/** The feed shows what happened in the last this many days; older inbox keys are pruned by a job. */
export const FEED_WINDOW_DAYS = 180

/** Where the feed's window starts at `now`: the feed reads nothing older, the prune job deletes it. */
export function feedWindowStart(now: Date): Date {
  return new Date(now.getTime() - FEED_WINDOW_DAYS * 86_400_000)
}

/** One storefront timeline entry: a post, a new coupon campaign or a new deal. */
export interface StoreFeedItemTable {
  kind: (typeof STORE_FEED_KINDS)[number]
  item_id: string
  merchant_id: string
  created_at: ColumnType<Date, Date, Date>
}

/** Each storefront's newest store_feed_items entry (migration 0024, kept by a trigger). */
export interface StoreFeedHeadTable {
  merchant_id: string
  item_at: ColumnType<Date, Date, Date>
  item_id: string
}

/** A key of an item of a pushed storefront the user follows (migration 0031, kept by triggers). */
export interface FeedInboxTable {
  user_id: string
  created_at: ColumnType<Date, Date, Date>
  item_id: string
  kind: (typeof STORE_FEED_KINDS)[number]
  merchant_id: string
}

export interface FeedTables {
  store_feed_items: StoreFeedItemTable
  store_feed_heads: StoreFeedHeadTable
  feed_inbox: FeedInboxTable
}
